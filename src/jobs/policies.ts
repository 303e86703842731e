// Escalation policies as data: the defaults every installation has (not demo data), and the
// lookup a clock uses when it starts: the municipality's own row, else the default row.
import { and, inArray, isNull, or } from 'drizzle-orm';
import { escalationPolicies } from '../db/schema.ts';
import type { Db, DbOrTx, Tx } from '../db/types.ts';
import { withTransaction } from '../db/transaction.ts';
import {
  deadlineSettingsFor,
  EscalationSteps,
  type ClockKind,
  type DeadlineSettings,
  type EscalationStep,
} from '../domain/deadlines.ts';

export interface Policy {
  id: string | null;
  clock: ClockKind;
  municipalityCode: string | null;
  name: string;
  deadline: DeadlineSettings;
  steps: EscalationStep[];
}

const managerOnly: EscalationStep[] = [{ afterMinutes: 0, target: 'municipality_manager', repeatEveryMinutes: 24 * 60 }];

export const defaultPolicies: (Omit<Policy, 'municipalityCode' | 'id'> & { id: string })[] = [
  { id: 'default-claim', clock: 'claim', name: 'Socialjouren tar ärendet', deadline: { minutes: 10 }, steps: [{ afterMinutes: 0, target: 'hub_supervisor', repeatEveryMinutes: 5 }] },
  {
    id: 'default-triage',
    clock: 'triage',
    name: 'Socialjouren beslutar om ärendet',
    deadline: { minutes: 20 },
    steps: [{ afterMinutes: 0, target: 'hub_supervisor', repeatEveryMinutes: 10 }],
  },
  {
    id: 'default-report_to_kvittens',
    clock: 'report_to_kvittens',
    name: 'Från anmälan till kvittens (länsgemensamt mål)',
    deadline: { minutes: 60 },
    steps: [{ afterMinutes: 0, target: 'hub_supervisor', repeatEveryMinutes: 30 }],
  },
  {
    id: 'default-acknowledge',
    clock: 'acknowledge',
    name: 'Mottagande kommun kvitterar (omedelbart)',
    deadline: { minutes: 30 },
    steps: [
      { afterMinutes: 0, target: 'next_contact' },
      { afterMinutes: 10, target: 'hub_supervisor' },
      { afterMinutes: 20, target: 'municipality_manager', repeatEveryMinutes: 10 },
    ],
  },
  {
    // Jour → office: the office intake's own kvittens of a case its jour group took at night,
    // counted from the moment the office opens.
    id: 'default-office_acknowledge',
    clock: 'office_acknowledge',
    name: 'Mottagningen kvitterar ärende från jouren (när kontoret öppnar)',
    deadline: { minutes: 60 },
    steps: [
      { afterMinutes: 0, target: 'municipality_manager' },
      { afterMinutes: 30, target: 'hub_supervisor', repeatEveryMinutes: 60 },
    ],
  },
  { id: 'default-skyddsbedomning', clock: 'skyddsbedomning', name: 'Skyddsbedömning (genast)', deadline: { lateAfter: '15:00' }, steps: managerOnly },
  { id: 'default-forhandsbedomning', clock: 'forhandsbedomning', name: 'Förhandsbedömning (14 dagar)', deadline: { days: 14 }, steps: managerOnly },
  { id: 'default-feedback', clock: 'feedback', name: 'Återkoppling till polisen', deadline: { days: 14 }, steps: managerOnly },
  { id: 'default-closure', clock: 'closure', name: 'Avsluta ärendet när återkoppling är lämnad', deadline: { days: 7 }, steps: managerOnly },
  { id: 'default-clarification', clock: 'clarification', name: 'Obesvarad fråga', deadline: { minutes: 60 }, steps: [{ afterMinutes: 0, target: 'hub_supervisor' }] },
  {
    // Issue 20: the request's own deadline (the asker's date, else three days) and then the
    // organisation asked: the ROC's duty contact chain one contact per step, a municipality's
    // manager, the hub's supervisors. A stored row with the old single hub-supervisor step is
    // brought to these steps by the migration information_requests_roles.
    id: 'default-information_request',
    clock: 'information_request',
    name: 'Informationsbegäran besvaras',
    deadline: { minutes: 60 * 24 * 3 },
    steps: [
      { afterMinutes: 0, target: 'request_addressee' },
      { afterMinutes: 60, target: 'request_addressee' },
      { afterMinutes: 240, target: 'request_addressee', repeatEveryMinutes: 24 * 60 },
    ],
  },
];

/** Inserts the default policies that are missing; rows an admin edited are left alone. */
export async function seedDefaultPolicies(tx: DbOrTx): Promise<number> {
  const inserted = await tx
    .insert(escalationPolicies)
    .values(defaultPolicies.map((p) => ({ ...p, municipalityCode: null })))
    .onConflictDoNothing()
    .returning({ id: escalationPolicies.id });
  return inserted.length;
}

export function ensureDefaultPolicies(db: Db): Promise<number> {
  return withTransaction(db, (tx: Tx) => seedDefaultPolicies(tx));
}

type PolicyRow = typeof escalationPolicies.$inferSelect;

/** A stored row as the engine uses it; unusable steps fall back to the built-in default's. */
export function toPolicy(row: StoredPolicy): Policy {
  const steps = EscalationSteps.safeParse(row.steps);
  const fallback = defaultPolicies.find((p) => p.clock === row.clock)!;
  return {
    id: row.id,
    clock: row.clock,
    municipalityCode: row.municipalityCode,
    name: row.name,
    deadline: deadlineSettingsFor(row.clock, row.deadline),
    steps: steps.success ? steps.data : fallback.steps,
  };
}

type Wanted = readonly { clock: ClockKind; municipalityCode: string | null }[];

export type StoredPolicy = Pick<PolicyRow, 'id' | 'clock' | 'municipalityCode' | 'name' | 'deadline' | 'steps'>;

/** For each (clock, municipality) asked, in order: the municipality's own policy, else the default row, else the built-in default. */
function choosePolicies(rows: readonly StoredPolicy[], wanted: Wanted): Policy[] {
  return wanted.map(({ clock, municipalityCode }) => {
    const row =
      (municipalityCode ? rows.find((r) => r.clock === clock && r.municipalityCode === municipalityCode) : undefined) ??
      rows.find((r) => r.clock === clock && r.municipalityCode === null);
    if (row) return toPolicy(row);
    const builtIn = defaultPolicies.find((p) => p.clock === clock)!;
    return { ...builtIn, id: null, municipalityCode: null };
  });
}

/** choosePolicies over the stored rows of the clocks and municipalities asked for, read in one query. */
export async function findPolicies(tx: DbOrTx, wanted: Wanted): Promise<Policy[]> {
  if (wanted.length === 0) return [];
  const clocks = [...new Set(wanted.map((w) => w.clock))];
  const codes = [...new Set(wanted.flatMap((w) => (w.municipalityCode ? [w.municipalityCode] : [])))];
  const rows = await tx
    .select({
      id: escalationPolicies.id,
      clock: escalationPolicies.clock,
      municipalityCode: escalationPolicies.municipalityCode,
      name: escalationPolicies.name,
      deadline: escalationPolicies.deadline,
      steps: escalationPolicies.steps,
    })
    .from(escalationPolicies)
    .where(and(inArray(escalationPolicies.clock, clocks), or(isNull(escalationPolicies.municipalityCode), inArray(escalationPolicies.municipalityCode, codes))));
  return choosePolicies(rows, wanted);
}
