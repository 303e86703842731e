// Without SMTP_URL: the demo delivers e-mail to its built-in outbox (the admin reads it under
// Utskick); an installation outside demo mode records an explicit, permanent failure.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEMO_OUTBOX_DETAIL, EmailSender, emailContent } from './email.ts';
import type { OutboxRow } from './outbox-dispatch.ts';

const row: OutboxRow = {
  id: 7,
  topic: 'case.handed_over',
  channel: 'email',
  recipient: { email: 'mottagning@nacka.demo.envagin.se', orgId: 'intake-0182' },
  payload: { topic: 'case.handed_over', caseNumber: 'ENV-2026-000007', text: 'Ärende ENV-2026-000007 överlämnas till er.', link: '/arende/x' },
  attempts: 0,
  maxAttempts: 8,
};
const settings = { smtpUrl: null, mailFrom: 'envagin@example.se', publicUrl: 'https://envagin.example.se' };

test('outside demo mode a missing SMTP_URL is a permanent failure that says so', async () => {
  assert.deepEqual(await new EmailSender(settings).send(row), { ok: false, permanent: true, detail: 'SMTP_URL är inte konfigurerad' });
});

test('in demo mode without SMTP_URL the e-mail is delivered to the built-in outbox', async () => {
  assert.deepEqual(await new EmailSender({ ...settings, demoOutbox: true }).send(row), { ok: true, detail: DEMO_OUTBOX_DETAIL });
});

test('the outbox shows what the SMTP server would have been given', () => {
  const mail = emailContent(settings.publicUrl, row.payload);
  assert.equal(mail.subject, 'envagin: ENV-2026-000007');
  assert.match(mail.text, /^Ärende ENV-2026-000007 överlämnas till er\.\n\nÖppna ärendet: https:\/\/envagin\.example\.se\/arende\/x\n/);
});
