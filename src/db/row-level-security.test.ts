// The database's own line of defence (drizzle/0020_database_roles.sql, docs/row-level-security.md):
// every table is either under row-level security or on the allowlist below, no application query
// runs as the tables' owner, and with every application filter left out each role sees and
// changes only what it should.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql, type SQL } from 'drizzle-orm';
import {
  withAccessTransaction,
  withActorTransaction,
  withAdminTransaction,
  withAuditTransaction,
  withAuthTransaction,
  withLiveEventsTransaction,
  withRegisterExtractTransaction,
} from './actor-transaction.ts';
import { queryRows } from './query-rows.ts';
import { sqlState, withTransaction } from './transaction.ts';
import type { Tx } from './types.ts';
import { findUserByUsername, toActor } from '../features/auth/queries.ts';
import { buildTestApp, fileTestReport, logInAs, type TestApp } from '../test/app.ts';

/**
 * Tables without personal data, readable by every role that needs them and left outside
 * row-level security on purpose. A table that is on neither this list nor under row-level
 * security fails the first test: cover it in a migration (see docs/row-level-security.md) or, if
 * it truly holds nothing about a person, add it here with the reason.
 */
const NO_PERSONAL_DATA: Record<string, string> = {
  municipalities: 'the 26 municipalities of the county and their routing',
  webhook_endpoints: 'organisations’ integration endpoints and their sealed secrets; no person, and the reader’s role sees only id, org and active',
};

let t: TestApp;
const ids: Record<string, string> = {};

before(async () => {
  t = await buildTestApp({}, () => new Date('2026-03-03T10:00:00+01:00'));
  const polis = await logInAs(t.app, 'polis');
  const hub = await logInAs(t.app, 'hub');
  const fileWithKey = (key: string, residence: string) => fileTestReport(t.app, polis, key, residence);

  ids.nacka = await fileWithKey('rls-roles-0001', '0182');
  ids.solna = await fileWithKey('rls-roles-0002', '0184');
  const questions: Record<string, string> = {};
  for (const id of [ids.nacka, ids.solna]) {
    assert.equal((await hub.request('POST', `/api/v1/cases/${id}/claim`, {})).statusCode, 200);
    assert.equal((await hub.request('POST', `/api/v1/cases/${id}/decision`, {})).statusCode, 200);
    const attempt = await hub.request('POST', `/api/v1/cases/${id}/contact-attempts`, {
      orgName: 'Socialjouren', label: 'Jourtelefon', phone: '08-123 456 78', outcome: 'no_answer',
    });
    assert.equal(attempt.statusCode, 200, attempt.body);
    const asked = await hub.request('POST', `/api/v1/cases/${id}/messages`, { kind: 'question', body: 'Är vårdnadshavarna underrättade?' });
    assert.equal(asked.statusCode, 201, asked.body);
    questions[id] = asked.json().id as string;
  }
  // Each municipality reads the question on its own case: rows of case_message_reads.
  for (const [user, id] of [['nacka', ids.nacka], ['solna', ids.solna]] as const) {
    const reader = await logInAs(t.app, user);
    const read = await reader.request('POST', `/api/v1/cases/${id}/messages/${questions[id]}/read`);
    assert.equal(read.statusCode, 204, read.body);
  }
});
after(() => t.close());

const db = () => t.testDb.database.db;

async function actorOf(username: string) {
  const found = await withAuthTransaction(db(), (tx) => findUserByUsername(tx, username));
  return toActor(found!.user, found!.org);
}

type Runner = (work: (tx: Tx) => Promise<unknown>) => Promise<unknown>;
const asReader = (username: string): Runner => async (work) => withActorTransaction(db(), await actorOf(username), work);
const asAccess = (username: string): Runner => async (work) => withAccessTransaction(db(), await actorOf(username), work);
const asAdminRole = (username: string): Runner => async (work) => withAdminTransaction(db(), await actorOf(username), work);
const asAuditRole = (username: string): Runner => async (work) => withAuditTransaction(db(), await actorOf(username), work);
const asExtract = (username: string, identityNumber: string): Runner => async (work) =>
  withRegisterExtractTransaction(db(), await actorOf(username), identityNumber, work);
const asLive = (username: string): Runner => async (work) => withLiveEventsTransaction(db(), await actorOf(username), work);
const asAuth: Runner = (work) => withAuthTransaction(db(), work);
const asSystem: Runner = (work) => withTransaction(db(), work);
/** The reader's role with no reader: what a query would get had it skipped the context. */
const asReaderWithoutContext: Runner = (work) =>
  withTransaction(db(), async (tx) => {
    await tx.execute(sql`set local role envagin_app`);
    return work(tx);
  });

async function rows(run: Runner, query: SQL): Promise<Record<string, unknown>[]> {
  return (await run((tx) => queryRows<Record<string, unknown>>(tx, query))) as Record<string, unknown>[];
}

async function caseIds(run: Runner, query: SQL): Promise<Set<string>> {
  return new Set((await rows(run, query)).map((r) => String(r.id)));
}

async function refused(run: Runner, query: SQL, what: string) {
  await assert.rejects(rows(run, query), (e: unknown) => sqlState(e) === '42501', `${what} must be refused with 42501`);
}

describe('coverage', () => {
  test('every table is under row-level security or on the allowlist of tables without personal data', async () => {
    const tables = await queryRows<{ name: string; rls: boolean }>(
      db(),
      sql`select c.relname as name, c.relrowsecurity as rls from pg_class c join pg_namespace n on n.oid = c.relnamespace
           where n.nspname = 'public' and c.relkind in ('r', 'p') order by 1`,
    );
    assert.ok(tables.length >= 26, 'the catalogue lists the schema’s tables');
    const uncovered = tables.filter((r) => !r.rls && !(r.name in NO_PERSONAL_DATA)).map((r) => r.name);
    assert.deepEqual(uncovered, [], 'tables neither under row-level security nor on the allowlist');
    const stale = Object.keys(NO_PERSONAL_DATA).filter((n) => !tables.some((r) => r.name === n && !r.rls));
    assert.deepEqual(stale, [], 'allowlisted tables that are gone or now under row-level security');
    for (const name of ['case_messages', 'contact_attempts', 'case_message_reads', 'users', 'sessions', 'audit_log', 'outbox']) {
      assert.ok(tables.find((r) => r.name === name)?.rls, name);
    }
  });

  test('every covered table has its engine policy, and the reader’s role may not write reference data', async () => {
    const blind = await queryRows<{ name: string }>(
      db(),
      sql`select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
           where n.nspname = 'public' and c.relkind in ('r', 'p') and c.relrowsecurity
             and not exists (select 1 from pg_policies p where p.schemaname = 'public' and p.tablename = c.relname and 'envagin_system' = any (p.roles))`,
    );
    assert.deepEqual(blind, [], 'tables the engine could not see at all');
    for (const name of Object.keys(NO_PERSONAL_DATA)) {
      const [p] = await queryRows<{ w: boolean }>(
        db(),
        sql`select has_table_privilege('envagin_app', ${name}, 'INSERT, UPDATE, DELETE, TRUNCATE') as w`,
      );
      assert.equal(p?.w, false, `envagin_app may write ${name}`);
    }
  });

  test('no application connection runs as the owner of the tables, not even after RESET ROLE', async () => {
    const owned = sql`select current_user as who, (select count(*)::int from pg_tables where schemaname = 'public' and tableowner = current_user) as owned`;
    const [plain] = await queryRows<{ who: string; owned: number }>(db(), owned);
    assert.deepEqual(plain, { who: 'envagin_system', owned: 0 });
    // Readiness reads the migrations table on this same connection.
    const status = await t.testDb.database.migrationStatus();
    assert.ok(status.applied > 0 && status.applied === status.expected, JSON.stringify(status));
    if (t.testDb.database.kind === 'postgres') {
      // The role is a connection parameter on PostgreSQL, so resetting returns to it.
      const reset = await withTransaction(db(), async (tx) => {
        await tx.execute(sql`reset role`);
        return queryRows<{ who: string; owned: number }>(tx, owned);
      });
      assert.deepEqual(reset[0], { who: 'envagin_system', owned: 0 });
    }
  });

  test('the roles’ grants: sessions and password hashes only for log-in, the audit log only grows', async () => {
    const can = async (role: string, table: string, privilege: string) =>
      (await queryRows<{ ok: boolean }>(db(), sql`select has_table_privilege(${role}, ${table}, ${privilege}) as ok`))[0]!.ok;
    const canColumn = async (role: string, table: string, column: string) =>
      (await queryRows<{ ok: boolean }>(db(), sql`select has_column_privilege(${role}, ${table}, ${column}, 'SELECT') as ok`))[0]!.ok;
    for (const role of ['envagin_app', 'envagin_auth', 'envagin_system', 'envagin_access', 'envagin_admin', 'envagin_audit']) {
      for (const p of ['UPDATE', 'DELETE', 'TRUNCATE']) assert.equal(await can(role, 'audit_log', p), false, `${role} ${p} audit_log`);
      assert.equal(await can(role, 'audit_log', 'INSERT'), true, `${role} appends to audit_log`);
    }
    for (const table of ['sessions', 'login_throttles', 'login_rate_windows', 'outbox_attempts']) {
      assert.equal(await can('envagin_app', table, 'SELECT'), false, `envagin_app reads ${table}`);
    }
    for (const column of ['password_hash', 'totp_secret', 'failed_login_count', 'locked_until', 'username']) {
      assert.equal(await canColumn('envagin_app', 'users', column), false, `envagin_app reads users.${column}`);
    }
    assert.equal(await can('envagin_app', 'users', 'UPDATE'), false);
    // The administration and audit roles (0040): never a password hash, a secret or a link's token.
    for (const role of ['envagin_access', 'envagin_admin', 'envagin_audit']) {
      for (const column of ['password_hash', 'totp_secret']) assert.equal(await canColumn(role, 'users', column), false, `${role} reads users.${column}`);
      assert.equal(await canColumn(role, 'password_links', 'token_hash'), false, `${role} reads password_links.token_hash`);
      assert.equal(await can(role, 'sessions', 'SELECT'), false, `${role} reads sessions whole`);
      assert.equal(await canColumn(role, 'sessions', 'token_hash'), false, `${role} reads session tokens`);
    }
    assert.equal(await can('envagin_access', 'outbox_attempts', 'SELECT'), false, 'deciding access reads no delivery');
    assert.equal(await canColumn('envagin_access', 'outbox', 'payload'), false, 'deciding access reads no outbox payload');
    assert.equal(await canColumn('envagin_audit', 'cases', 'identity_number'), false, 'the auditor reads case numbers only');
    for (const table of ['cases', 'case_messages', 'contact_attempts', 'case_facts', 'deadlines', 'outbox_attempts']) {
      assert.equal(await can('envagin_auth', table, 'SELECT'), false, `envagin_auth reads ${table}`);
    }
  });
});

describe('unfiltered queries per role', () => {
  test('the reader’s role: case data only of the cases the reader may see', async () => {
    const both = new Set([ids.nacka, ids.solna]);
    const perCase = [
      sql`select distinct case_id as id from case_events`,
      sql`select distinct case_id as id from case_messages`,
      sql`select distinct case_id as id from contact_attempts`,
      sql`select distinct case_id as id from deadlines`,
      sql`select case_id as id from case_facts`,
      sql`select distinct m.case_id as id from case_message_reads r join case_messages m on m.id = r.message_id`,
      sql`select distinct subject_id as id from audit_log`,
    ];
    for (const query of perCase) {
      // Solna's manager reads statistics: the de-identified case facts of the whole county (below).
      if (query !== perCase[4]) assert.deepEqual(await caseIds(asReader('solna'), query), new Set([ids.solna]), `solna: ${query.queryChunks.join('')}`);
      assert.deepEqual(await caseIds(asReader('nacka'), query), new Set([ids.nacka]));
      assert.deepEqual(await caseIds(asReader('sydost'), query), new Set());
    }
    // The reads table holds the hub's own reads of its questions; the hub sees both cases.
    assert.deepEqual(await caseIds(asReader('hub'), perCase[1]!), both);
    for (const u of ['admin', 'revisor', 'analytiker']) assert.deepEqual(await caseIds(asReader(u), perCase[2]!), new Set(), u);
    // Statistics (analyst, municipality manager): the case facts county-wide, and nothing else of a case.
    for (const u of ['analytiker', 'solna']) assert.deepEqual(await caseIds(asReader(u), perCase[4]!), both, `${u} reads case facts for statistics`);
    for (const u of ['admin', 'revisor']) assert.deepEqual(await caseIds(asReader(u), perCase[4]!), new Set(), `${u} reads no case facts`);
    assert.deepEqual(await caseIds(asReader('analytiker'), perCase[0]!), new Set(), 'the analyst reads no case event');
  });

  test('reference data and the directory’s history: every reader reads, only an admin writes; the history only for those who follow it', async () => {
    for (const u of ['hub', 'nacka', 'solna', 'revisor']) {
      const [changed] = await rows(asReader(u), sql`with c as (update agreements set dnr = dnr returning 1) select count(*)::int as n from c`);
      assert.equal(changed?.n, 0, `${u} updates no agreement`);
      const [history] = await rows(asReader(u === 'revisor' ? 'nacka' : u), sql`select count(*)::int as n from directory_changes`);
      assert.equal(history?.n, 0, `${u} reads no directory history`);
      await refused(asReader(u), sql`insert into contact_points (org_id, position, label, phone) values ('intake-0114', 99, 'x', '1')`, `${u} adds a contact point`);
    }
    const [read] = await rows(asReader('nacka'), sql`select count(*)::int as n from organisations`);
    assert.ok(Number(read?.n) > 10, 'every reader reads the organisations');
    const [byAdmin] = await rows(asReader('admin'), sql`with c as (update agreements set dnr = dnr returning 1) select count(*)::int as n from c`);
    assert.ok(Number(byAdmin?.n) > 0, 'an admin updates agreements');
  });

  test('the reader’s role without a reader sees no case data at all', async () => {
    for (const table of ['cases', 'case_events', 'case_messages', 'contact_attempts', 'deadlines', 'case_facts']) {
      const [n] = await rows(asReaderWithoutContext, sql`select count(*)::int as n from ${sql.identifier(table)}`);
      assert.equal(n?.n, 0, table);
    }
  });

  test('the reader’s role: no sessions, no secrets, no delivery log, and audit rows cannot be changed or removed', async () => {
    const solna = asReader('solna');
    await refused(solna, sql`select count(*) from sessions`, 'reading sessions');
    await refused(solna, sql`select password_hash from users`, 'reading password hashes');
    await refused(solna, sql`select totp_secret from users`, 'reading one-time-code secrets');
    await refused(solna, sql`select topic, recipient from outbox`, 'reading the outbox');
    await refused(solna, sql`select count(*) from outbox_attempts`, 'reading delivery attempts');
    await refused(solna, sql`select count(*) from login_throttles`, 'reading login throttles');
    // Who did what: only the reader's own denied reads (counted for the burst alert), never anyone else's acts.
    const actors = await rows(solna, sql`select distinct actor_user_id::text as id from audit_log where actor_user_id is not null`);
    const me = (await actorOf('solna')).userId;
    assert.deepEqual(actors.filter((r) => r.id !== me), [], 'reading who did what');
    await refused(solna, sql`update audit_log set action = 'x'`, 'changing audit rows');
    await refused(solna, sql`delete from audit_log`, 'removing audit rows');
    await refused(solna, sql`update users set role = 'hub.supervisor'`, 'changing users');
    await refused(solna, sql`delete from cases`, 'removing cases');
    await refused(solna, sql`delete from case_messages`, 'removing the thread');
    await refused(solna, sql`insert into organisations (id, name, kind) values ('x', 'x', 'hub')`, 'writing reference data');
    // The disclosure register: appended in the discloser's own name, never read back or changed.
    await refused(solna, sql`select count(*) from disclosures`, 'reading the disclosure register');
    await refused(solna, sql`update disclosures set legal_ground = 'x'`, 'changing disclosures');
    await refused(solna, sql`delete from disclosures`, 'removing disclosures');
    await refused(
      solna,
      sql`insert into disclosures (at, kind, case_id, case_number, from_org_id, from_name, to_name, fields, legal_ground, actor_user_id)
          values (now(), 'handover', ${ids.solna}, 'x', 'hub', 'x', 'x', '{x}', 'x', gen_random_uuid())`,
      'recording a disclosure in someone else’s name',
    );
  });

  test('the log-in role: users and sessions, but no case data, and audit rows only grow', async () => {
    const [sessions] = await rows(asAuth, sql`select count(*)::int as n from sessions`);
    assert.ok(Number(sessions?.n) >= 2, 'sessions are the log-in role’s own');
    for (const table of ['cases', 'case_messages', 'contact_attempts', 'case_events', 'deadlines', 'case_facts', 'outbox_attempts']) {
      await refused(asAuth, sql`select count(*) from ${sql.identifier(table)}`, `log-in role reading ${table}`);
    }
    const actions = await rows(asAuth, sql`select distinct action from audit_log`);
    assert.deepEqual(actions.map((r) => r.action).filter((a) => a !== 'auth.mfa_verified'), [], 'only one-time-code steps are readable');
    await refused(asAuth, sql`update audit_log set action = 'x'`, 'changing audit rows');
    await refused(asAuth, sql`delete from audit_log`, 'removing audit rows');
  });

  test('the log-in role withdraws a pending request a login filed, and can do nothing else to any request', async () => {
    const [filed] = await rows(
      asSystem,
      sql`insert into access_requests (kind, username, display_name, role, org_id, oidc_issuer, oidc_subject) values ('create', 'rls-idp', 'I', 'hub.handler', 'hub', 'https://idp.example', 'rls-idp') returning id`,
    );
    const [asked] = await rows(
      asSystem,
      sql`insert into access_requests (kind, username, display_name, role, org_id, requested_by, oidc_issuer, oidc_subject) values ('create', 'rls-adm', 'A', 'hub.handler', 'hub', gen_random_uuid(), 'https://idp.example', 'rls-adm') returning id`,
    );
    await refused(asAuth, sql`update access_requests set status = 'approved' where id = ${filed!.id}`, 'approving a request');
    await refused(asAuth, sql`update access_requests set decided_by = gen_random_uuid() where id = ${filed!.id}`, 'naming a decider');
    await refused(asAuth, sql`update access_requests set role = 'admin' where id = ${filed!.id}`, 'changing the role asked for');
    assert.deepEqual(await rows(asAuth, sql`update access_requests set status = 'withdrawn' where id = ${asked!.id} returning id`), [], 'an administrator’s request is not the login’s');
    assert.equal((await rows(asAuth, sql`update access_requests set status = 'withdrawn', decided_at = now() where id = ${filed!.id} returning id`)).length, 1);
    assert.deepEqual(await rows(asAuth, sql`update access_requests set status = 'withdrawn' where id = ${filed!.id} returning id`), [], 'only a pending one');
    assert.deepEqual(await rows(asAuth, sql`update access_requests set status = 'pending' where id = ${filed!.id} returning id`), [], 'a withdrawn request is not reopened');
    assert.deepEqual(await rows(asSystem, sql`select status from access_requests where id in (${filed!.id}, ${asked!.id}) order by username`), [{ status: 'pending' }, { status: 'withdrawn' }]);
  });

  test('the engine sees every case but cannot change or remove audit rows either', async () => {
    assert.deepEqual(await caseIds(asSystem, sql`select id from cases`), new Set([ids.nacka, ids.solna]));
    // Both cases were handed over (the decisions in before()): one disclosure each, in the register.
    const handed = await rows(asSystem, sql`select case_id, kind from disclosures order by id`);
    assert.deepEqual(new Set(handed.map((r) => `${String(r.case_id)} ${String(r.kind)}`)), new Set([`${ids.nacka} handover`, `${ids.solna} handover`]));
    const [n] = await rows(asSystem, sql`select count(*)::int as n from audit_log`);
    assert.ok(Number(n?.n) > 0);
    await refused(asSystem, sql`update audit_log set action = 'x'`, 'changing audit rows');
    await refused(asSystem, sql`delete from audit_log`, 'removing audit rows');
    await refused(asSystem, sql`truncate audit_log`, 'emptying the audit log');
    await refused(asSystem, sql`update disclosures set legal_ground = 'x'`, 'changing disclosures');
    await refused(asSystem, sql`delete from disclosures`, 'removing disclosures');
    // And directly on the connection, outside any transaction helper.
    await assert.rejects(db().execute(sql`delete from audit_log`), (e: unknown) => sqlState(e) === '42501');
  });
});

describe('the administration and audit roles (0040), unfiltered', () => {
  // Every table that holds what a case says or who it is about.
  const caseContent = ['cases', 'case_events', 'case_messages', 'case_message_reads', 'contact_attempts', 'case_facts', 'deadlines',
                       'case_handovers', 'case_parties', 'information_requests', 'information_request_answers'];

  test('an admin’s roles cannot read any case content table at all', async () => {
    for (const run of [asAdminRole('admin'), asAccess('admin'), asAccess('hubchef')]) {
      for (const table of [...caseContent, 'disclosures']) {
        await refused(run, sql`select count(*) from ${sql.identifier(table)}`, `an administration role reading ${table}`);
      }
    }
  });

  test('the auditor’s role: every audit row and disclosure, a case’s number and nothing else of it', async () => {
    const revisor = asAuditRole('revisor');
    const actors = await rows(revisor, sql`select distinct actor_user_id::text as id from audit_log where actor_user_id is not null`);
    assert.ok(actors.length >= 3, 'the auditor reads every actor’s rows');
    assert.equal((await rows(revisor, sql`select id from disclosures`)).length, 2, 'both handovers');
    assert.deepEqual(await caseIds(revisor, sql`select id, number from cases`), new Set([ids.nacka, ids.solna]));
    await refused(revisor, sql`select identity_number from cases`, 'the auditor reading a case’s person');
    await refused(revisor, sql`select * from cases`, 'the auditor reading a case whole');
    for (const table of caseContent.filter((n) => n !== 'cases')) {
      await refused(revisor, sql`select count(*) from ${sql.identifier(table)}`, `the auditor reading ${table}`);
    }
    await refused(revisor, sql`update audit_log set action = 'x'`, 'changing audit rows');
    await refused(revisor, sql`delete from audit_log`, 'removing audit rows');
    await refused(revisor, sql`update disclosures set legal_ground = 'x'`, 'changing disclosures');
    await refused(revisor, sql`select email from users`, 'the auditor reading addresses');
    // The role without the auditor's context (a handler that took the wrong helper) sees nothing.
    for (const table of ['audit_log', 'disclosures']) {
      const [n] = await rows(asAuditRole('admin'), sql`select count(*)::int as n from ${sql.identifier(table)}`);
      assert.equal(n?.n, 0, `the audit role without an auditor reads ${table}`);
    }
  });

  test('deciding access: every account read, but changed only within the reader’s own scope', async () => {
    const hubchef = asAccess('hubchef');
    const [all] = await rows(hubchef, sql`select count(distinct org_id)::int as n from users`);
    assert.ok(Number(all?.n) > 3, 'accounts of every organisation are read (a decision loads before it authorizes)');
    const [own] = await rows(hubchef, sql`with c as (update users set failed_login_count = failed_login_count where org_id = 'hub' returning 1) select count(*)::int as n from c`);
    assert.ok(Number(own?.n) > 0, 'the hub’s supervisor unlocks the hub’s accounts');
    await refused(hubchef, sql`update users set failed_login_count = failed_login_count`, 'the hub’s supervisor changing another organisation’s accounts');
    await refused(asAccess('solna'), sql`update users set failed_login_count = failed_login_count where org_id = 'hub'`, 'a municipality’s manager changing the hub’s accounts');
    await refused(hubchef, sql`insert into users (username, display_name, role, org_id) values ('rls-x', 'X', 'police.reporter', 'police-roc')`, 'creating an account elsewhere');
    await refused(
      hubchef,
      sql`insert into access_requests (kind, username, display_name, email, role, org_id, requested_by) values ('create', 'rls-y', 'Y', 'y@example.org', 'hub.handler', 'hub', gen_random_uuid())`,
      'asking for access in someone else’s name',
    );
    await refused(hubchef, sql`select recipient, payload from outbox`, 'deciding access reading the outbox');
    await refused(hubchef, sql`delete from users`, 'removing accounts');
  });

  test('the admin’s role: every delivery for the admin reader, none for anyone else in it', async () => {
    const [byAdmin] = await rows(asAdminRole('admin'), sql`select count(*)::int as n from outbox`);
    assert.ok(Number(byAdmin?.n) > 0, 'the admin reads the deliveries');
    for (const u of ['hubchef', 'revisor']) {
      const [n] = await rows(asAdminRole(u), sql`select count(*)::int as n from outbox`);
      assert.equal(n?.n, 0, `${u} in the admin's role reads no delivery`);
      const [changed] = await rows(asAdminRole(u), sql`with c as (update users set failed_login_count = failed_login_count returning 1) select count(*)::int as n from c`);
      assert.equal(changed?.n, 0, `${u} in the admin's role changes no account`);
    }
  });

  test('the register extract’s role: every column of the named person’s cases, nothing of anyone else’s', async () => {
    const [nacka] = await rows(asSystem, sql`select identity_number as pnr from cases where id = ${ids.nacka}`);
    const pnr = String(nacka?.pnr);
    const revisor = asExtract('revisor', pnr);
    // Both test cases are about the same child (fileTestReport); another person's number sees neither.
    const theirs = await caseIds(asSystem, sql`select id from cases where identity_number = ${pnr}`);
    assert.ok(theirs.has(ids.nacka!));
    const found = await rows(revisor, sql`select id, identity_number, report from cases`);
    assert.deepEqual(new Set(found.map((r) => String(r.id))), theirs, 'only the named person’s cases');
    assert.ok(found.every((r) => r.report && r.identity_number === pnr), 'the whole case');
    assert.deepEqual(await caseIds(revisor, sql`select distinct case_id as id from case_messages`), theirs);
    assert.deepEqual(await caseIds(revisor, sql`select distinct case_id as id from contact_attempts`), theirs);
    for (const query of [sql`select id from cases`, sql`select distinct case_id as id from case_messages`]) {
      assert.deepEqual(await caseIds(asExtract('revisor', '20100101-0008'), query), new Set(), 'another person: nothing');
    }
    await refused(revisor, sql`select body from case_messages`, 'the extract reading the thread');
    await refused(revisor, sql`select count(*) from case_events`, 'the extract reading the case history');
    await refused(revisor, sql`select count(*) from audit_log`, 'the extract reading the audit log');
    assert.deepEqual(await caseIds(asExtract('revisor', ''), sql`select id from cases`), new Set(), 'no person named, no case');
    assert.deepEqual(await caseIds(asExtract('admin', pnr), sql`select id from cases`), new Set(), 'only for the auditor');
  });

  test('the live stream’s catch-up role: the reader’s own and their organisation’s sent live notifications only', async () => {
    const nacka = await actorOf('nacka');
    const hub = await actorOf('hub');
    const sent = (recipient: Record<string, string>, channel = 'sse', status = 'sent') =>
      sql`('rls.live', ${channel}, ${JSON.stringify(recipient)}::jsonb, '{"test": "rls.live"}'::jsonb, ${status})`;
    await rows(asSystem, sql`insert into outbox (topic, channel, recipient, payload, status) values
      ${sent({ userId: nacka.userId })}, ${sent({ orgId: nacka.orgId })}, ${sent({ userId: hub.userId })}, ${sent({ orgId: hub.orgId })},
      ${sent({ userId: nacka.userId }, 'email')}, ${sent({ orgId: nacka.orgId }, 'sse', 'pending')} returning id`);
    const seen = async (u: string) =>
      (await rows(asLive(u), sql`select recipient from outbox where payload->>'test' = 'rls.live'`)).map((r) => JSON.stringify(r.recipient)).sort();
    assert.deepEqual(await seen('nacka'), [JSON.stringify({ orgId: nacka.orgId }), JSON.stringify({ userId: nacka.userId })].sort());
    assert.deepEqual(await seen('hub'), [JSON.stringify({ orgId: hub.orgId }), JSON.stringify({ userId: hub.userId })].sort());
    await refused(asLive('nacka'), sql`select dedupe_key from outbox`, 'the catch-up reading other columns');
    await refused(asLive('nacka'), sql`select count(*) from outbox_attempts`, 'the catch-up reading delivery attempts');
    await refused(asLive('nacka'), sql`select count(*) from cases`, 'the catch-up reading cases');
  });
});
