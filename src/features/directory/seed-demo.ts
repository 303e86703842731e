// `envagin seed --demo`: writes the demo directory, agreements and users. Idempotent: rows that
// exist are left as they are (an admin may have edited them), missing rows are added, demo
// agreements still carrying the terms that expired 2026-12-31 are brought up to date, and an
// audit row is written only when something changed.
import { randomUUID } from 'node:crypto';
import { and, eq, isNull, sql } from 'drizzle-orm';
import {
  agreements,
  contactPoints,
  intakeUnits,
  jourGroups,
  jourMemberships,
  legalGrounds,
  municipalities,
  organisations,
  users,
} from '../../db/schema.ts';
import type { Db, Tx } from '../../db/types.ts';
import { withTransaction } from '../../db/transaction.ts';
import { demoDirectory } from '../../domain/demo-directory.ts';
import type { Agreement, ContactPoint } from '../../domain/directory-types.ts';
import { sealSecret, type SecretKeyring } from '../../secrets/sealed-secrets.ts';
import { recordAudit } from '../../audit/record-audit.ts';
import { hashPassword } from '../auth/password.ts';
import { totpSecretContext } from '../auth/set-up-totp.ts';
import { bumpDirectoryRevision } from './record-directory-change.ts';
import { seedDefaultPolicies } from '../../jobs/policies.ts';
import { requiresMfa } from '../../policies/mfa.ts';
import { DEMO_PASSWORD, DEMO_TOTP_SECRET, demoExtraContacts, demoExtraOrganisations, demoLegalGrounds, demoUsers } from './demo-people.ts';
import { now } from '../../jobs/clock-source.ts';

export interface SeedResult {
  inserted: number;
}

async function count(tx: Tx, inserted: Promise<unknown[]>): Promise<number> {
  return (await inserted).length;
}

function contactRows(orgId: string, contacts: ContactPoint[]) {
  return contacts.map((c, position) => ({ orgId, position, label: c.label, phone: c.phone, email: c.email ?? null }));
}

export async function seedDemo(db: Db, secrets: SecretKeyring): Promise<SeedResult> {
  const dir = demoDirectory();
  const existingUsers = await db.select({ username: users.username }).from(users);
  const have = new Set(existingUsers.map((u) => u.username.toLowerCase()));
  const missing = demoUsers.filter((u) => !have.has(u.username.toLowerCase()));
  // Hash before the transaction: argon2 is slow on purpose and must not hold locks.
  const hashes = await Promise.all(missing.map(() => hashPassword(DEMO_PASSWORD)));

  return withTransaction(db, async (tx) => {
    let n = 0;
    const orgs = [
      { id: dir.hub.orgId, kind: 'hub' as const, name: dir.hub.name, municipalityCode: dir.hub.municipalityCode },
      ...demoExtraOrganisations.map((o) => ({ ...o })),
      ...dir.municipalities
        .filter((m) => m.inCounty)
        .map((m) => ({ id: `kommun-${m.code}`, kind: 'municipality' as const, name: `${m.name} kommun`, municipalityCode: m.code })),
      ...dir.intakeUnits.map((u) => ({
        id: u.orgId,
        kind: 'intake_unit' as const,
        name: u.name,
        municipalityCode: u.municipalityCode,
        parentId: `kommun-${u.municipalityCode}`,
      })),
      ...dir.jourGroups.map((g) => ({ id: g.orgId, kind: 'jour_group' as const, name: g.name, municipalityCode: null })),
    ];
    n += await count(tx, tx.insert(organisations).values(orgs.map((o) => ({ ...o, isDemo: true }))).onConflictDoNothing().returning());
    n += await count(
      tx,
      tx
        .insert(municipalities)
        .values(
          dir.municipalities.map((m) => ({
            code: m.code,
            name: m.name,
            inCounty: m.inCounty,
            orgId: m.inCounty ? `kommun-${m.code}` : null,
            registryEmail: m.registryEmail ?? null,
            registryPhone: m.registryPhone ?? null,
          })),
        )
        .onConflictDoNothing()
        .returning(),
    );
    n += await count(
      tx,
      tx
        .insert(intakeUnits)
        .values(dir.intakeUnits.map((u) => ({ orgId: u.orgId, municipalityCode: u.municipalityCode, hours: u.hours })))
        .onConflictDoNothing()
        .returning(),
    );
    n += await count(
      tx,
      tx.insert(jourGroups).values(dir.jourGroups.map((g) => ({ orgId: g.orgId, hours: g.hours }))).onConflictDoNothing().returning(),
    );
    n += await count(
      tx,
      tx
        .insert(jourMemberships)
        .values(
          dir.jourGroups.flatMap((g) =>
            g.members.map((m) => ({
              jourOrgId: g.orgId,
              municipalityCode: m.municipalityCode,
              ...(m.from ? { validFrom: m.from } : {}),
              validTo: m.to ?? null,
            })),
          ),
        )
        .onConflictDoNothing()
        .returning(),
    );
    const contacts = [
      ...contactRows(dir.hub.orgId, dir.hub.contacts),
      ...dir.intakeUnits.flatMap((u) => contactRows(u.orgId, u.contacts)),
      ...dir.jourGroups.flatMap((g) => contactRows(g.orgId, g.contacts)),
      ...['police-roc', 'sis'].flatMap((orgId) => contactRows(orgId, demoExtraContacts.filter((c) => c.orgId === orgId))),
    ];
    n += await count(tx, tx.insert(contactPoints).values(contacts).onConflictDoNothing().returning());
    n += await count(
      tx,
      tx
        .insert(agreements)
        .values(dir.agreements.map((a) => ({ ...a, isDemo: true })))
        .onConflictDoNothing()
        .returning(),
    );
    n += await updateExpiringDemoAgreements(tx, dir.agreements);
    if (missing.length > 0) {
      n += await count(
        tx,
        tx
          .insert(users)
          .values(
            missing.map((u, i) => {
              const id = randomUUID();
              return {
                ...u,
                id,
                passwordHash: hashes[i]!,
                isDemo: true,
                // Privileged demo users come enrolled with the published demo secret (sealed like any other).
                ...(requiresMfa(u.role) ? { totpSecret: sealSecret(secrets, totpSecretContext(id), DEMO_TOTP_SECRET), totpEnabledAt: now() } : {}),
              };
            }),
          )
          .onConflictDoNothing()
          .returning(),
      );
    }
    n += await count(tx, tx.insert(legalGrounds).values(demoLegalGrounds.map((g) => ({ ...g, isDemo: true }))).onConflictDoNothing().returning());
    n += await seedDefaultPolicies(tx);
    if (n > 0) {
      await bumpDirectoryRevision(tx);
      await recordAudit(tx, { actor: null, action: 'directory.demo_seeded', details: { rowsInserted: n } });
    }
    return { inserted: n };
  });
}

/**
 * Demo databases seeded before 2026-12 hold agreements that ended on 2026-12-31, after which
 * every demo report would have been forwarded. Rows still carrying exactly those published terms
 * (an admin's own edits are left alone) take the current ones: until further notice, Vaxholm
 * terminated from 2026-01-01.
 */
async function updateExpiringDemoAgreements(tx: Tx, current: readonly Agreement[]): Promise<number> {
  let updated = 0;
  for (const a of current) {
    updated += await count(
      tx,
      tx
        .update(agreements)
        .set({ validTo: a.validTo, terminatedFrom: a.terminatedFrom })
        .where(
          and(
            eq(agreements.isDemo, true),
            eq(agreements.municipalityCode, a.municipalityCode),
            eq(agreements.dnr, a.dnr),
            eq(agreements.validTo, '2026-12-31'),
            isNull(agreements.terminatedFrom),
          ),
        )
        .returning({ id: agreements.id }),
    );
  }
  return updated;
}

/** True when no user exists yet: first start of a fresh installation. */
export async function isEmptyInstallation(db: Db): Promise<boolean> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(users);
  return (row?.n ?? 0) === 0;
}
