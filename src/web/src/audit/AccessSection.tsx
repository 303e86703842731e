// "Vem har sett barnets uppgifter?": every read or change of the person's data, grouped by
// organisation and then by person, each with the times and what was done.
import { useState } from 'react';
import { roleLabels, type Role } from '../../../shared/role-names.ts';
import { client, ok } from '../api.ts';
import { formatInstant } from '../admin/time.ts';
import { t, tf } from '../i18n.ts';
import { actionLabel, orgLabel } from './labels.ts';
import { PersonNumberForm } from './PersonNumberForm.tsx';

interface Access {
  at: string;
  action: string;
  actorUserId: string | null;
  actorName: string | null;
  actorRole: string | null;
  actorOrgId: string | null;
  caseId: string | null;
  caseNumber: string | null;
}
interface AccessResult {
  accesses: Access[];
  truncated: boolean;
}

interface PersonGroup {
  key: string;
  name: string;
  role: string | null;
  accesses: Access[];
}
interface OrgGroup {
  orgId: string | null;
  people: PersonGroup[];
}

function group(accesses: Access[]): OrgGroup[] {
  const orgs = new Map<string, Map<string, PersonGroup>>();
  for (const a of accesses) {
    const orgKey = a.actorOrgId ?? '';
    let people = orgs.get(orgKey);
    if (!people) orgs.set(orgKey, (people = new Map()));
    const personKey = a.actorUserId ?? 'system';
    let person = people.get(personKey);
    if (!person) people.set(personKey, (person = { key: personKey, name: a.actorName ?? (a.actorUserId ? t('unknownPerson') : t('systemActor')), role: a.actorRole, accesses: [] }));
    person.accesses.push(a);
  }
  return [...orgs.entries()].map(([orgId, people]) => ({ orgId: orgId || null, people: [...people.values()] }));
}

export function AccessSection() {
  const [result, setResult] = useState<AccessResult | null>(null);
  const groups = result ? group(result.accesses) : [];
  const people = groups.reduce((n, g) => n + g.people.length, 0);
  return (
    <section className="card wide" aria-labelledby="who-h">
      <h2 id="who-h">{t('whoHeading')}</h2>
      <p>{t('whoIntro')}</p>
      <PersonNumberForm
        submitLabel={t('whoSearch')}
        onSubmit={async (identityNumber) => setResult(await ok(client.POST('/api/v1/audit/person-access', { body: { identityNumber } })))}
        onClear={() => setResult(null)}
      />
      {result && (
        <div className="access-result" aria-live="polite">
          {result.accesses.length === 0 ? (
            <p className="empty">{t('whoNone')}</p>
          ) : (
            <>
              <p className="big-text">{tf('whoSummary', { n: result.accesses.length, people, orgs: groups.length })}</p>
              {result.truncated && <p className="notice">{t('whoTruncated')}</p>}
              {groups.map((g) => (
                <div key={g.orgId ?? 'none'} className="access-org">
                  <h3>{orgLabel(g.orgId)}</h3>
                  {g.people.map((p) => (
                    <div key={p.key} className="access-person">
                      <h4>
                        {p.name}
                        {p.role && <span className="muted"> ({roleLabels[p.role as Role] ?? p.role})</span>}
                      </h4>
                      <ul className="history">
                        {p.accesses.map((a, i) => (
                          <li key={`${a.at}-${i}`}>
                            <time dateTime={a.at}>{formatInstant(a.at)}</time> – {actionLabel(a.action)}
                            {a.caseNumber && <> ({tf('accessCase', { number: a.caseNumber })})</>}
                          </li>
                        ))}
                      </ul>
                    </div>
                  ))}
                </div>
              ))}
            </>
          )}
        </div>
      )}
    </section>
  );
}
