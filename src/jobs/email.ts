// E-mail over SMTP (nodemailer). The message is the notification's Swedish text and an absolute
// link: no personal data, so it may pass through any mail relay the municipality uses.
import nodemailer, { type Transporter } from 'nodemailer';
import { openSecretOrNull, type SecretKeyring } from '../secrets/sealed-secrets.ts';
import type { OutboxRow, SendResult } from './outbox-dispatch.ts';

export interface EmailSettings {
  smtpUrl: string | null;
  mailFrom: string;
  publicUrl: string;
  /**
   * Demo mode without SMTP_URL: e-mail goes to the built-in outbox (the delivery is recorded as
   * delivered there, and an admin reads it under "Utskick"), so a newcomer sees what would have
   * been sent. Outside demo mode a missing SMTP_URL stays an explicit, permanent failure.
   */
  demoOutbox?: boolean;
}

/** The detail a delivery to the demo's built-in outbox records. */
export const DEMO_OUTBOX_DETAIL = 'Demoläge: lagt i den inbyggda utkorgen (inget e-brev skickat)';

/** Subject and text of a notification's e-mail: the same for the SMTP server and the demo outbox. */
export function emailContent(publicUrl: string, payload: { caseNumber: string; text: string; link: string }): { subject: string; text: string } {
  const link = absoluteLink(publicUrl, payload.link);
  return {
    subject: `envagin: ${payload.caseNumber}`,
    text: `${payload.text}\n\nÖppna ärendet: ${link}\n\nMeddelandet innehåller inga personuppgifter. Logga in för att se ärendet.`,
  };
}

export function absoluteLink(publicUrl: string, link: string): string {
  return new URL(link, publicUrl.endsWith('/') ? publicUrl : `${publicUrl}/`).toString();
}

/** What a password link's sealed token is bound to (src/features/users/password-links.ts seals it). */
export const passwordLinkContext = (linkId: string) => `password-link:${linkId}`;

export class EmailSender {
  private readonly transport: Transporter | null;

  constructor(
    private readonly settings: EmailSettings,
    /** Opens the sealed token of a password link's e-mail. */
    private readonly secrets: SecretKeyring | null = null,
  ) {
    // The engine records a batch's outcomes when its slowest send returns, and the outbox lease
    // is 30 s: nodemailer's defaults (2 min to connect, 10 min idle) would outlast it.
    this.transport = settings.smtpUrl ? nodemailer.createTransport({ url: settings.smtpUrl, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 15_000 }) : null;
  }

  async send(row: OutboxRow): Promise<SendResult> {
    if (!('email' in row.recipient)) return { ok: false, permanent: true, detail: 'mottagare saknar e-postadress' };
    if (!this.transport) {
      return this.settings.demoOutbox ? { ok: true, detail: DEMO_OUTBOX_DETAIL } : { ok: false, permanent: true, detail: 'SMTP_URL är inte konfigurerad' };
    }
    const message = this.compose(row);
    if (!message) return { ok: false, permanent: true, detail: 'länken kan inte öppnas (SECRETS_KEY bytt?)' };
    try {
      const info = await this.transport.sendMail({
        from: this.settings.mailFrom,
        to: row.recipient.email,
        ...message,
        headers: { 'X-Envagin-Delivery': String(row.id) },
      });
      return { ok: true, detail: `smtp ${String(info.response ?? '').slice(0, 100)}` };
    } catch (error) {
      // SMTP 5xx is a permanent refusal (bad address); anything else may pass on a retry.
      const code = (error as { responseCode?: number }).responseCode;
      return { ok: false, permanent: typeof code === 'number' && code >= 500, detail: `smtp ${code ?? (error as Error).name}` };
    }
  }

  /**
   * Subject and text. A password link's token is opened here, just before sending, and exists in
   * clear only in the e-mail (src/features/users/password-links.ts); null if it does not open.
   */
  private compose(row: OutboxRow): { subject: string; text: string } | null {
    const p = row.payload;
    if (typeof p.sealedToken === 'string' && typeof p.passwordLinkId === 'string') {
      const token = this.secrets ? openSecretOrNull(this.secrets, passwordLinkContext(p.passwordLinkId), p.sealedToken) : null;
      if (!token) return null;
      const link = `${absoluteLink(this.settings.publicUrl, p.link)}#${token}`;
      return { subject: `envagin: ${String(p.subject ?? '')}`, text: `${p.text}\n\n${link}\n\nDitt lösenord väljer du själv; ingen annan ser det.` };
    }
    const link = absoluteLink(this.settings.publicUrl, p.link);
    if (p.caseNumber === '') return { subject: `envagin: ${String(p.subject ?? 'meddelande')}`, text: `${p.text}\n\nÖppna: ${link}` };
    return emailContent(this.settings.publicUrl, p);
  }

  close(): void {
    this.transport?.close();
  }
}
