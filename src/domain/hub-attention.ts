// What a case needs from the hub (Stockholms stads socialjour) right now: the one definition
// behind the hub's queue, its "försenade" count and the supervisor's overview, on the server
// (the queue's order and counts, src/features/cases/queries.ts) and in the web app (through
// src/shared/hub-attention.ts). Pure: clocks and an instant in, a verdict out.
//
// A clock is the hub's while the hub is the one who must act on it: taking the case, deciding,
// getting the handover kvitterad (the whole report → kvittens delay is the hub's to chase), a
// clarification with the police while the case is still with the hub, and, for Stockholm's own
// cases, every clock. Once another municipality has kvitterat, its assessments, feedback and
// closure are that municipality's (rule 4): such a case needs nothing from the hub.
import type { CaseStatus } from './case-machine.ts';
import type { ClockKind } from './deadlines.ts';

const WITH_HUB: readonly ClockKind[] = ['claim', 'triage', 'acknowledge', 'report_to_kvittens', 'clarification'];
const OWN: readonly ClockKind[] = ['claim', 'triage', 'report_to_kvittens', 'skyddsbedomning', 'forhandsbedomning', 'feedback', 'closure', 'clarification'];

/** The clocks the hub must act on, per status of the case. */
export const hubClocksByStatus: Record<CaseStatus, readonly ClockKind[]> = {
  received: WITH_HUB,
  triage: WITH_HUB,
  handover_pending: WITH_HUB,
  own: OWN,
  accepted: [],
  forwarded: [],
  returned: [],
  closed: [],
};

export function isHubClock(status: CaseStatus, clock: string): boolean {
  return (hubClocksByStatus[status] as readonly string[]).includes(clock);
}

/** A running (not stopped, not paused) clock of a case. */
export interface RunningClock {
  clock: string;
  dueAt: string;
  breached: boolean;
  escalationStep: number;
}

/** The hub's most pressing running clock of a case: the earliest due. */
export type HubClock = RunningClock;

export function hubClockOf(status: CaseStatus, running: readonly RunningClock[]): HubClock | null {
  let best: HubClock | null = null;
  for (const c of running) {
    if (!isHubClock(status, c.clock)) continue;
    if (best === null || Date.parse(c.dueAt) < Date.parse(best.dueAt)) best = c;
  }
  return best;
}

/**
 * "Försenad": the hub's clock has passed its deadline (or the engine has already marked it
 * breached). The one definition of overdue that every count and every row uses.
 */
export function isOverdue(hubClock: HubClock | null, now: number): boolean {
  return hubClock !== null && (hubClock.breached || Date.parse(hubClock.dueAt) <= now);
}

/** 0: overdue, 1: the hub has a clock running, 2: nothing for the hub now (kvitterad elsewhere). */
export function attentionBucket(hubClock: HubClock | null, now: number): 0 | 1 | 2 {
  return hubClock === null ? 2 : isOverdue(hubClock, now) ? 0 : 1;
}

export const urgencyRank = { acute: 0, today: 1, not_urgent: 2 } as const;

export interface QueueItem {
  id: string;
  urgency: keyof typeof urgencyRank;
  receivedAt: string;
  hubClock: HubClock | null;
}

/**
 * The order of the hub's queue: overdue first, then cases with a running hub clock, then those
 * that need nothing from the hub; within each, acute before "I dag" before "Inte brådskande",
 * then the deadline due soonest, then the oldest report.
 */
export function compareForHub(a: QueueItem, b: QueueItem, now: number): number {
  const due = (x: QueueItem) => (x.hubClock ? Date.parse(x.hubClock.dueAt) : Number.POSITIVE_INFINITY);
  return (
    attentionBucket(a.hubClock, now) - attentionBucket(b.hubClock, now) ||
    urgencyRank[a.urgency] - urgencyRank[b.urgency] ||
    due(a) - due(b) ||
    a.receivedAt.localeCompare(b.receivedAt) ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}

export interface QueueCounts {
  open: number;
  unclaimed: number;
  overdue: number;
}
