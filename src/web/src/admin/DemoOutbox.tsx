// The demo's built-in outbox: in demo mode without a mail server, the e-mails envagin would have
// sent, as they would have arrived, so a newcomer sees what units and users are told. The server
// answers 404 outside demo mode (or with SMTP_URL set), and then nothing is shown.
import { useEffect, useState } from 'react';
import type { z } from 'zod';
import type { DemoMailDto } from '../../../shared/api/notifications.ts';
import { client, ok } from '../api.ts';
import { t } from '../i18n.ts';
import { formatInstant } from './time.ts';

type DemoMail = z.infer<typeof DemoMailDto>;

export function DemoOutbox() {
  const [mail, setMail] = useState<DemoMail[] | null>(null);
  useEffect(() => {
    ok(client.GET('/api/v1/notifications/demo-outbox')).then(
      (r) => setMail(r.mail),
      () => setMail(null),
    );
  }, []);
  if (!mail) return null;
  return (
    <section aria-labelledby="demo-outbox-h">
      <h2 id="demo-outbox-h">{t('demoOutboxHeading')}</h2>
      <p>{t('demoOutboxIntro')}</p>
      {mail.length === 0 ? (
        <p className="empty">{t('demoOutboxEmpty')}</p>
      ) : (
        <ul className="demo-mail">
          {mail.map((m) => (
            <li key={m.id}>
              <dl>
                <dt>{t('colTime')}</dt>
                <dd>
                  <time dateTime={m.createdAt}>{formatInstant(m.createdAt)}</time>
                </dd>
                <dt>{t('demoMailTo')}</dt>
                <dd>{m.to}</dd>
                <dt>{t('demoMailSubject')}</dt>
                <dd>{m.subject}</dd>
              </dl>
              <pre>{m.text}</pre>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
