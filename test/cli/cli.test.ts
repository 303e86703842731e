// The `envagin` command line against a real database: PostgreSQL when DATABASE_URL is set,
// otherwise an embedded PGlite data directory.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { openDatabase } from '../../src/db/client.ts';
import { queryRows } from '../../src/db/query-rows.ts';
import { buildCase, buildDeadline, buildOutbox } from '../../src/test/factories.ts';
import { runCli } from '../support/cli.ts';
import { freshDatabase, type FreshDatabase } from '../support/fresh-database.ts';

let env: Record<string, string>;
let fresh: FreshDatabase;

before(async () => {
  fresh = await freshDatabase('envagin-cli-');
  env = fresh.env;
});
after(async () => {
  await fresh.drop();
});

async function counts() {
  const database = await openDatabase({ databaseUrl: env.DATABASE_URL ?? null, dataDir: env.DATA_DIR ?? null });
  try {
    const [row] = await queryRows<{ users: number; municipalities: number; agreements: number; audit: number }>(
      database.db,
      sql`select (select count(*)::int from users) as users, (select count(*)::int from municipalities where in_county) as municipalities,
                 (select count(*)::int from agreements) as agreements, (select count(*)::int from audit_log) as audit`,
    );
    return row!;
  } finally {
    await database.close();
  }
}

describe('envagin CLI', () => {
  test('without a command it prints usage and exits 2', () => {
    const r = runCli([], env);
    assert.equal(r.status, 2);
    assert.match(r.stdout, /serve/);
    assert.equal(runCli(['frobnicate'], env).status, 2);
  });

  test('migrate applies every migration', () => {
    const r = runCli(['migrate'], env);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /migrations: (\d+)\/\1 applied/);
  });

  test('seed --demo adds the demo data once and is idempotent', async () => {
    const first = runCli(['seed', '--demo'], env);
    assert.equal(first.status, 0, first.stderr);
    assert.match(first.stdout, /seeded/);
    assert.match(first.stdout, /demo statistics history: \d+ fictional fact rows for past months/);
    const before = await counts();
    assert.equal(before.users, 10, 'the demo users, sis included');
    assert.equal(before.municipalities, 26);
    assert.equal(before.agreements, 25);
    const second = runCli(['seed', '--demo'], env);
    assert.equal(second.status, 0, second.stderr);
    assert.match(second.stdout, /nothing to add/);
    assert.deepEqual(await counts(), before, 'a second seed changes nothing, not even the audit log');
  });

  test('seed without --demo, or with demo mode switched off, is refused', () => {
    assert.equal(runCli(['seed'], env).status, 2);
    const off = runCli(['seed', '--demo'], { ...env, DEMO_MODE: 'false' });
    assert.equal(off.status, 2);
    assert.match(off.stderr, /DEMO_MODE: false, but --demo was given/);
  });

  test('invalid configuration names the variable', () => {
    const r = runCli(['migrate'], { ...env, PORT: 'eighty' });
    assert.equal(r.status, 2);
    assert.match(r.stderr, /PORT/);
  });

  test('route prints the decision with the contract field names', () => {
    const r = runCli(['route', '--residence', '0182', '--found', '0180', '--age', '15', '--at', '2026-06-19T23:00:00+02:00', '--json'], env);
    assert.equal(r.status, 0, r.stderr);
    const d = JSON.parse(r.stdout);
    assert.equal(d.inTargetGroup, true);
    assert.equal(d.basis, 'agreement');
    assert.equal(d.handling, 'handover');
    assert.deepEqual(d.responsibleMunicipality, { code: '0182', name: 'Nacka' });
    assert.equal(d.contact.kind, 'jour');
    assert.equal(d.contact.orgName, 'Sydostjouren');
    assert.match(d.contact.phone, /^08-465 004/);
    assert.equal(d.agreement.dnr, 'SOCN-2024-00067');
    assert.equal(d.agreement.validFrom, '2024-03-01');
    assert.ok(d.reasons.length > 0 && d.reasons.every((x: unknown) => typeof x === 'string'));
  });

  test('route: office hours, before the Nacka agreement, adults, outside the county, unknown residence', () => {
    const run = (...args: string[]) => JSON.parse(runCli(['route', ...args, '--json'], env).stdout);
    const office = run('--residence', '0182', '--found', '0182', '--age', '15', '--at', '2026-03-03T10:00:00+01:00');
    assert.equal(office.contact.kind, 'office');
    const early = run('--residence', '0182', '--found', '0182', '--age', '15', '--at', '2024-02-29T10:00:00+01:00');
    assert.equal(early.basis, 'none');
    assert.equal(early.handling, 'forward');
    const adult = run('--residence', '0182', '--found', '0180', '--age', '18', '--at', '2026-03-03T10:00:00+01:00');
    assert.equal(adult.inTargetGroup, false);
    assert.equal(adult.handling, 'return');
    const uppsala = run('--residence', '0380', '--found', '0184', '--age', '15', '--at', '2026-03-03T10:00:00+01:00');
    assert.equal(uppsala.inTargetGroup, false);
    assert.equal(uppsala.handling, 'forward');
    assert.equal(uppsala.responsibleMunicipality.code, '0380');
    const unknown = run('--residence', 'unknown', '--found', '0180', '--age', '15', '--at', '2026-03-03T10:00:00+01:00');
    assert.equal(unknown.basis, 'own_stay');
    assert.equal(unknown.handling, 'own');
  });

  test('route rejects bad arguments with exit 2 and a message', () => {
    const r = runCli(['route', '--residence', '182', '--found', '0180', '--age', 'ten'], env);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /--residence: Kommunkod är fyra siffror/);
    assert.match(r.stderr, /--age/);
  });

  test('coverage finds no gap in the demo directory over 2026', () => {
    const r = runCli(['coverage', '--from', '2026-01-01', '--days', '365'], env);
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /Inga täckningsluckor/);
    const j = runCli(['coverage', '--from', '2026-01-01', '--days', '7', '--json'], env);
    assert.deepEqual(JSON.parse(j.stdout).gaps, []);
  });

  test('purge: the dry run counts, the real run deletes a delivery finished longer ago than its period', async () => {
    const database = await openDatabase({ databaseUrl: env.DATABASE_URL ?? null, dataDir: env.DATA_DIR ?? null });
    try {
      const finished = new Date(Date.now() - 91 * 24 * 60 * 60_000);
      await buildOutbox(database.db, { channel: 'email', recipient: { email: 'x@demo.envagin.se' }, status: 'sent', attempts: 1, sentAt: finished, nextAttemptAt: finished });
    } finally {
      await database.close();
    }
    const dry = runCli(['purge', '--dry-run'], env);
    assert.equal(dry.status, 0, dry.stderr);
    assert.match(dry.stdout, /skulle gallras: 0 ärenden .*, 1 avslutade notisleveranser/);
    const real = runCli(['purge'], { ...env, RETENTION_OUTBOX_DAYS: '90' });
    assert.equal(real.status, 0, real.stderr);
    assert.match(real.stdout, /gallrade: 0 ärenden .*, 1 avslutade notisleveranser/);
    assert.match(runCli(['purge', '--dry-run'], env).stdout, /, 0 avslutade notisleveranser/);
  });

  test('doctor: healthy with every open case on a clock; a case nobody would be alerted about is named, exit 1', async () => {
    const healthy = runCli(['doctor'], env);
    assert.equal(healthy.status, 0, healthy.stdout + healthy.stderr);
    assert.match(healthy.stdout, /every open case has a running clock/);
    assert.match(healthy.stdout, /the statistics rollups agree with the case facts/);
    const database = await openDatabase({ databaseUrl: env.DATABASE_URL ?? null, dataDir: env.DATA_DIR ?? null });
    let number: string;
    try {
      const kase = await buildCase(database.db, { status: 'triage' });
      number = kase.number;
      await buildDeadline(database.db, { caseId: kase.id, clock: 'claim', stoppedAt: new Date(), stopReason: 'claimed' });
    } finally {
      await database.close();
    }
    const sick = runCli(['doctor'], env);
    assert.equal(sick.status, 1, sick.stdout + sick.stderr);
    assert.match(sick.stdout, new RegExp(`OPEN CASES WITHOUT A RUNNING CLOCK .*: 1\\n  ${number} \\(triage\\)`));
    const json = JSON.parse(runCli(['doctor', '--json'], env).stdout);
    assert.equal(json.healthy, false);
    assert.deepEqual(json.openCasesWithoutClock, [{ number, status: 'triage' }]);
    assert.deepEqual(json.statisticsRollupDrift, { days: 0, hours: 0, clocks: 0 });
  });
});
