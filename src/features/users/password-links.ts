// Single-use, expiring links by which a user sets their own password (DESIGN.md rule 6): the
// invitation of a new account and a reset an admin asks for. An admin never chooses or sees a
// password, nor the link: it goes by e-mail to the account's own address. The link row keeps only
// a SHA-256 hash of the token; the e-mail's outbox row carries the token sealed under SECRETS_KEY
// (bound to the link's id), which the sender opens just before it sends (src/jobs/email.ts). A new
// link ends the user's earlier unused ones.
import { and, eq, gt, isNull } from 'drizzle-orm';
import { outbox, passwordLinks } from '../../db/schema.ts';
import type { PasswordLinkRow, Tx, AccountRow } from '../../db/types.ts';
import { passwordLinkContext } from '../../jobs/email.ts';
import { wakeEngine } from '../../jobs/wake.ts';
import { sealSecret, type SecretKeyring } from '../../secrets/sealed-secrets.ts';
import type { Actor } from '../../shared/actor.ts';
import { AppError } from '../../shared/errors.ts';
import { recordAudit } from '../../audit/record-audit.ts';
import { hashToken, newToken } from '../auth/session-token.ts';

export type LinkPurpose = PasswordLinkRow['purpose'];

/** How long a link works: an invitation waits for someone to read their mail, a reset is asked for now. */
export const LINK_HOURS: Record<LinkPurpose, number> = { invitation: 72, reset: 2 };

/** The web app's page that takes the token (from the address's fragment, which no server sees). */
export const PASSWORD_PAGE = '/konto/losenord';

const SUBJECTS: Record<LinkPurpose, string> = { invitation: 'Inbjudan till envagin', reset: 'Nytt lösenord i envagin' };
const TEXTS: Record<LinkPurpose, (hours: number) => string> = {
  invitation: (h) => `Du har fått ett konto i envagin. Välj ditt lösenord med länken nedan. Länken fungerar en gång och i ${h} timmar.`,
  reset: (h) => `Någon har begärt ett nytt lösenord för ditt konto i envagin. Välj ett nytt med länken nedan. Länken fungerar en gång och i ${h} timmar. Har du inte väntat dig detta, kontakta er administratör.`,
};

export interface IssuedLink {
  id: string;
  token: string;
  expiresAt: Date;
}

/**
 * Makes a link for `user` and, unless `mail` is false (the CLI prints it instead), queues the
 * e-mail to the account's address, with its audit row, in the caller's transaction.
 */
export async function issuePasswordLink(
  tx: Tx,
  input: { actor: Actor | null; user: AccountRow; purpose: LinkPurpose; secrets: SecretKeyring; now: Date; requestId: string | null; mail?: boolean },
): Promise<IssuedLink> {
  const { actor, user, purpose, secrets, now } = input;
  if (!user.email) throw new AppError('INVALID_STATE', 'Användaren har ingen e-postadress att skicka länken till.');
  if (user.oidcSubject) throw new AppError('INVALID_STATE', 'Användaren loggar in via sin organisations inloggning och har inget lösenord här.');
  await tx
    .update(passwordLinks)
    .set({ expiresAt: now })
    .where(and(eq(passwordLinks.userId, user.id), isNull(passwordLinks.usedAt), gt(passwordLinks.expiresAt, now)));
  const token = newToken();
  const expiresAt = new Date(now.getTime() + LINK_HOURS[purpose] * 3_600_000);
  const [link] = await tx
    .insert(passwordLinks)
    .values({ userId: user.id, purpose, tokenHash: hashToken(token), expiresAt, createdBy: actor?.userId ?? null, createdAt: now })
    .returning({ id: passwordLinks.id });
  const mail = input.mail !== false;
  if (mail) {
    const topic = purpose === 'invitation' ? 'user.invited' : 'user.password_reset';
    await tx.insert(outbox).values({
      topic,
      channel: 'email',
      recipient: { email: user.email, userId: user.id },
      payload: {
        topic,
        caseNumber: '',
        subject: SUBJECTS[purpose],
        text: TEXTS[purpose](LINK_HOURS[purpose]),
        link: PASSWORD_PAGE,
        passwordLinkId: link!.id,
        sealedToken: sealSecret(secrets, passwordLinkContext(link!.id), token),
      },
      dedupeKey: `password-link:${link!.id}`,
      nextAttemptAt: now,
    });
    await wakeEngine(tx, 'outbox');
  }
  await recordAudit(tx, {
    actor,
    action: purpose === 'invitation' ? 'user.invitation_sent' : 'user.password_reset_sent',
    subjectType: 'user',
    subjectId: user.id,
    requestId: input.requestId,
    details: { linkId: link!.id, expiresAt: expiresAt.toISOString(), delivery: mail ? 'email' : 'printed_by_cli' },
  });
  return { id: link!.id, token, expiresAt };
}

/** The link the token opens, locked, if it is unused and unexpired; one NOT_FOUND for every other case. */
export async function getUsableLinkForUpdate(tx: Tx, token: string, now: Date): Promise<PasswordLinkRow> {
  const [link] = await tx.select().from(passwordLinks).where(eq(passwordLinks.tokenHash, hashToken(token))).for('update');
  if (!link || link.usedAt || link.expiresAt <= now) throw new AppError('NOT_FOUND', 'Länken är ogiltig, redan använd eller har gått ut. Be din administratör om en ny.');
  return link;
}
