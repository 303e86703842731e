// Tampering with the audit log as the database superuser (append-only trigger switched off) is
// detected: a changed row, a removed row and two swapped rows each break the chain at the right
// row. Also the auditor's API over the same log.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { asc, eq, sql } from 'drizzle-orm';
import { auditLog } from '../../db/schema.ts';
import type { AuditRow, Tx } from '../../db/types.ts';
import { buildTestApp, logInAs, testConfig, type AsUser, type TestApp } from '../../test/app.ts';
import { personRef } from '../../audit/person-ref.ts';
import { withTransaction } from '../../db/transaction.ts';
import { recordAudit } from '../../audit/record-audit.ts';
import { migratedLegacyRows } from '../../test/legacy-audit-rows.ts';
import { verifyAuditChain } from './verify-chain.ts';

let t: TestApp;
let revisor: AsUser;
before(async () => {
  t = await buildTestApp();
  // Enough rows to tamper with: every login writes at least one; each user's rows share a chain.
  for (const u of ['polis', 'hub', 'nacka', 'sydost', 'solna', 'analytiker']) await logInAs(t.app, u);
  revisor = await logInAs(t.app, 'revisor');
  // And several rows of one subject, so one chain certainly holds rows with others between them.
  for (let i = 0; i < 4; i++) {
    await withTransaction(db(), (tx) => recordAudit(tx, { actor: null, action: 'test.recorded', subjectType: 'test', subjectId: 'one-subject', details: { i } }));
    await logInAs(t.app, 'polis');
  }
});
after(() => t.close());

const db = () => t.testDb.database.db;

async function rows(): Promise<AuditRow[]> {
  return db().select().from(auditLog).orderBy(asc(auditLog.id));
}

/**
 * Runs `tamper` with the append-only trigger disabled, as a superuser could: as the tables' owner
 * (SET ROLE NONE), since the application's own role may not touch audit rows at all.
 */
async function asSuperuser(tamper: (owner: Tx) => Promise<unknown>) {
  await db().transaction(async (tx) => {
    await tx.execute(sql`set local role none`);
    await tx.execute(sql`alter table audit_log disable trigger user`);
    await tamper(tx);
    await tx.execute(sql`alter table audit_log enable trigger user`);
  });
}

function contentOf(row: AuditRow) {
  const { id: _id, ...content } = row;
  return content;
}

describe('audit chain verification', () => {
  test('an untouched log is intact, and the append-only trigger is in force', async () => {
    const result = await verifyAuditChain(db(), 3);
    assert.equal(result.intact, true);
    assert.equal(result.rowsChecked, (await rows()).length);
    await assert.rejects(db().update(auditLog).set({ action: 'x' }).where(eq(auditLog.id, 1)));
  });

  test('a changed row is reported as changed, at that row', async () => {
    const target = (await rows())[3]!;
    await asSuperuser((owner) => owner.update(auditLog).set({ details: { reason: 'rewritten' } }).where(eq(auditLog.id, target.id)));
    const result = await verifyAuditChain(db(), 2);
    assert.deepEqual(result.firstBroken, { id: target.id, kind: 'changed' });
    assert.equal(result.intact, false);
    await asSuperuser((owner) => owner.update(auditLog).set({ details: target.details }).where(eq(auditLog.id, target.id)));
    assert.equal((await verifyAuditChain(db())).intact, true, 'restoring the content restores the chain');
  });

  test('a removed row breaks the link of the next row of its chain', async () => {
    const all = await rows();
    const removed = all.find((r, i) => all.slice(i + 1).some((x) => x.chainKey === r.chainKey))!;
    const next = all.find((r) => r.id > removed.id && r.chainKey === removed.chainKey)!;
    await asSuperuser((owner) => owner.delete(auditLog).where(eq(auditLog.id, removed.id)));
    assert.deepEqual((await verifyAuditChain(db(), 4)).firstBroken, { id: next.id, kind: 'link_broken' });
    await asSuperuser((owner) => owner.insert(auditLog).values(removed));
    assert.equal((await verifyAuditChain(db())).intact, true);
  });

  test('two swapped rows (reordering) are detected at the first of them', async () => {
    const all = await rows();
    // Two rows of one chain with a row of that chain between them.
    const a = all.find((r) => r.subjectId === 'one-subject')!;
    const b = all.filter((x) => x.chainKey === a.chainKey && x.id > a.id)[1]!;
    await asSuperuser(async (owner) => {
      await owner.update(auditLog).set(contentOf(b)).where(eq(auditLog.id, a.id));
      await owner.update(auditLog).set(contentOf(a)).where(eq(auditLog.id, b.id));
    });
    assert.deepEqual((await verifyAuditChain(db(), 5)).firstBroken, { id: a.id, kind: 'link_broken' });
    await asSuperuser(async (owner) => {
      await owner.update(auditLog).set(contentOf(a)).where(eq(auditLog.id, a.id));
      await owner.update(auditLog).set(contentOf(b)).where(eq(auditLog.id, b.id));
    });
    assert.equal((await verifyAuditChain(db())).intact, true);
  });
});

describe('auditor API', () => {
  test('GET /audit/verify reports the chain and is itself audited', async () => {
    const res = await revisor.request('GET', '/api/v1/audit/verify');
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json();
    assert.equal(body.intact, true);
    assert.equal(body.firstBroken, null);
    assert.match(body.headHash, /^[0-9a-f]{64}$/);
    const [last] = await db().select().from(auditLog).orderBy(sql`${auditLog.id} desc`).limit(1);
    assert.equal(last!.action, 'audit.verified');
  });

  test('POST /audit/search filters by actor and pages newest first with a cursor', async () => {
    const me = (await revisor.request('GET', '/api/v1/auth/me')).json();
    const first = await revisor.request('POST', '/api/v1/audit/search', { limit: 2, actorUserId: me.user.id });
    assert.equal(first.statusCode, 200, first.body);
    const page1 = first.json();
    assert.equal(page1.items.length, 2);
    assert.ok(page1.items.every((i: { actorUserId: string }) => i.actorUserId === me.user.id));
    assert.ok(Number(page1.items[0].id) > Number(page1.items[1].id), 'newest first');
    assert.ok(page1.nextCursor);
    const page2 = (await revisor.request('POST', '/api/v1/audit/search', { limit: 2, actorUserId: me.user.id, cursor: page1.nextCursor })).json();
    assert.ok(page2.items.length >= 1);
    assert.ok(Number(page2.items[0].id) < Number(page1.items[1].id), 'the next page continues below the cursor');

    const bySubject = (await revisor.request('POST', '/api/v1/audit/search', { subjectType: 'user', subjectId: me.user.id, from: '2000-01-01T00:00:00Z' })).json();
    assert.ok(bySubject.items.length > 0);
    assert.ok(bySubject.items.every((i: { subjectId: string }) => i.subjectId === me.user.id));
    const bad = await revisor.request('POST', '/api/v1/audit/search', { cursor: 'abc' });
    assert.equal(bad.statusCode, 400);
  });

  test('POST /audit/search finds the actor by name and the organisation by name, and names them in each entry', async () => {
    // "granskare" is part of the revisor's display name; "socialjour" of the hub's name.
    const byName = (await revisor.request('POST', '/api/v1/audit/search', { actor: 'GRANSKARE', limit: 5 })).json();
    assert.ok(byName.items.length > 0);
    for (const i of byName.items) {
      assert.equal(i.actorName, 'Granskare Demo');
      assert.equal(i.actorOrgName, 'Stockholms stads socialjour');
    }
    const byOrg = (await revisor.request('POST', '/api/v1/audit/search', { org: 'socialjour', limit: 50 })).json();
    assert.ok(byOrg.items.length > 0 && byOrg.items.every((i: { actorOrgId: string }) => i.actorOrgId === 'hub'));
    const none = (await revisor.request('POST', '/api/v1/audit/search', { org: '%', limit: 5 })).json();
    assert.equal(none.items.length, 0, 'a typed % is a character, not a wildcard');
    const self = (await revisor.request('POST', '/api/v1/audit/search', { subjectType: 'user', actor: 'granskare', limit: 5 })).json();
    assert.ok(self.items.some((i: { subjectLabel: string | null }) => i.subjectLabel === 'Granskare Demo'), 'a user subject is named');
  });
});

describe('what the log keeps of a search', () => {
  test('a personnummer typed into a search field is kept as its keyed reference, never as typed', async () => {
    const typed = '20100101-2382';
    const res = await revisor.request('POST', '/api/v1/audit/search', { subjectType: 'case', subjectId: typed });
    assert.equal(res.statusCode, 200, res.body);
    const [row] = await db().select().from(auditLog).where(eq(auditLog.action, 'audit.searched')).orderBy(sql`${auditLog.id} desc`).limit(1);
    const stored = JSON.stringify(row!.details);
    assert.doesNotMatch(stored, /100101/, 'no digits of the number in the log');
    assert.deepEqual((row!.details.filters as Record<string, unknown>).subjectId, { person: personRef(testConfig().auditPersonKey, '20100101-2382') });
    assert.equal((row!.details.filters as Record<string, unknown>).subjectType, 'case', 'other filters as typed');
  });

  test('the search takes no filters from a URL: the old GET /audit is gone', async () => {
    const before = await db().select().from(auditLog).where(eq(auditLog.action, 'audit.searched'));
    const old = await revisor.request('GET', '/api/v1/audit?subjectId=20100101-2382');
    assert.equal(old.statusCode, 404, old.body);
    assert.equal((await db().select().from(auditLog).where(eq(auditLog.action, 'audit.searched'))).length, before.length, 'nothing searched');
  });
});

describe('rows hashed before chains had names', () => {
  test('verify as the migration left them (chain legacy-N, format 1), beside the current rows', async () => {
    await db().insert(auditLog).values(migratedLegacyRows().slice(0, 2));
    const result = await verifyAuditChain(db(), 7);
    assert.equal(result.intact, true);
    assert.equal(result.rowsChecked, (await rows()).length);
  });
});
