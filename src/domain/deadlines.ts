// Deadline and escalation arithmetic (DESIGN.md rule 5): when a clock is due, and when each
// escalation step after it fires. Pure: instants in, instants out. Every calendar notion (end of
// the Stockholm day, "14 days after the receipt date") goes through stockholm-time.ts, so DST
// days of 23 or 25 hours are exact.
import { z } from 'zod';
import { addDays, localToInstant, startOfDay, stockholmDate, toStockholm } from './stockholm-time.ts';

/**
 * The clocks of a case. Every open case has at least one running (DESIGN.md rule 5): `claim`
 * until the hub takes it, `triage` while the hub decides (and again after a refused handover),
 * `acknowledge` while the receiver is to kvittera, `office_acknowledge` from the moment a case a
 * jour group kvitterade at night reaches the office intake until the office's own kvittens, the assessments and `feedback` after that,
 * and `closure` until a case whose feedback is given is closed. `report_to_kvittens` runs
 * beside them from receipt to kvittens (or to Stockholm taking the case itself): the delay the
 * pilot names as its risk, with a county-wide target.
 */
export const clockKinds = [
  'claim',
  'triage',
  'acknowledge',
  'office_acknowledge',
  'report_to_kvittens',
  'skyddsbedomning',
  'forhandsbedomning',
  'feedback',
  'closure',
  'clarification',
  'information_request',
] as const;
export type ClockKind = (typeof clockKinds)[number];

/**
 * `request_addressee`: for an information request's clock, the organisation asked: the police
 * ROC's duty contact chain, a municipality's manager, the hub's supervisors, another authority's
 * (SiS's) duty contact chain and, from the second step, the asking side (src/jobs/targets.ts).
 */
export const escalationTargets = ['assignee', 'next_contact', 'hub_supervisor', 'municipality_manager', 'request_addressee'] as const;
export type EscalationTarget = (typeof escalationTargets)[number];

const LocalTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Ange tid som HH:MM');

/**
 * How a clock's deadline is computed. Exactly one rule applies, chosen by shape:
 * - { minutes }: a fixed duration from the start (claim, acknowledge, clarification, or any
 *   clock shortened by configuration);
 * - { days }: end of the Stockholm calendar day `days` days after the start date
 *   (förhandsbedömning from the receipt date, feedback from the decision);
 * - { lateAfter }: "genast": end of the same Stockholm day, or of the next day when the start
 *   is at or after that local time (skyddsbedömning). `sameDayUntil` is accepted as an alias.
 */
export const DeadlineSettings = z.union([
  z.strictObject({ minutes: z.number().int().min(1).max(60 * 24 * 365) }),
  z.strictObject({ days: z.number().int().min(0).max(365) }),
  z.strictObject({ lateAfter: LocalTime }),
  z.strictObject({ sameDayUntil: LocalTime }),
]);
export type DeadlineSettings = z.infer<typeof DeadlineSettings>;

/** `afterMinutes` counts from the due time (not from the previous step), so a policy reads as a timetable. */
export const EscalationStep = z.strictObject({
  afterMinutes: z.number().int().min(0).max(60 * 24 * 30),
  target: z.enum(escalationTargets),
  repeatEveryMinutes: z.number().int().min(1).max(60 * 24).optional(),
});
export type EscalationStep = z.infer<typeof EscalationStep>;

export const EscalationSteps = z
  .array(EscalationStep)
  .min(1, 'Minst ett steg behövs')
  .max(20)
  .refine((steps) => steps.every((s, i) => i === 0 || s.afterMinutes >= steps[i - 1]!.afterMinutes), 'Stegen måste komma i tidsordning')
  .refine((steps) => steps.every((s, i) => s.repeatEveryMinutes === undefined || i === steps.length - 1), 'Bara sista steget kan upprepas');

/** Defaults when no policy row exists (DESIGN.md rule 5 and the agreement's "omedelbart", "genast"). */
export const defaultDeadlines: Record<ClockKind, DeadlineSettings> = {
  claim: { minutes: 10 },
  triage: { minutes: 20 },
  acknowledge: { minutes: 30 },
  office_acknowledge: { minutes: 60 },
  report_to_kvittens: { minutes: 60 },
  skyddsbedomning: { lateAfter: '15:00' },
  forhandsbedomning: { days: 14 },
  feedback: { days: 14 },
  closure: { days: 7 },
  clarification: { minutes: 60 },
  information_request: { minutes: 60 * 24 * 3 },
};

const MINUTE_MS = 60_000;

/** The last millisecond of a Stockholm calendar day (23:59:59.999 local), whatever its length. */
export function endOfStockholmDay(date: string): Date {
  return new Date(startOfDay(addDays(date, 1)).getTime() - 1);
}

/** When the clock started at `startedAt` is due under `settings`. */
export function computeDueAt(startedAt: Date, settings: DeadlineSettings): Date {
  if ('minutes' in settings) return new Date(startedAt.getTime() + settings.minutes * MINUTE_MS);
  const date = stockholmDate(startedAt);
  if ('days' in settings) return endOfStockholmDay(addDays(date, settings.days));
  const lateAfter = 'lateAfter' in settings ? settings.lateAfter : settings.sameDayUntil;
  // Compared as instants, so a cut-off on a DST day still means the wall-clock time people see.
  const late = startedAt.getTime() >= localToInstant(date, lateAfter).getTime();
  return endOfStockholmDay(late ? addDays(date, 1) : date);
}

/** Parses stored settings, falling back to the clock's default when the row is unusable. */
export function deadlineSettingsFor(clock: ClockKind, stored: unknown): DeadlineSettings {
  const parsed = DeadlineSettings.safeParse(stored);
  return parsed.success ? parsed.data : defaultDeadlines[clock];
}

/**
 * When fire number `n` (0-based) of the escalation is due: step n for n < steps.length, then
 * repeats of the last step every `repeatEveryMinutes`. null = the climb has ended.
 * Fire times are computed from the due time, never from when the engine happened to run, so a
 * slow or restarted engine neither drifts nor fires a step twice.
 */
export function fireTime(steps: readonly EscalationStep[], dueAt: Date, n: number): Date | null {
  const at = (minutes: number) => new Date(dueAt.getTime() + minutes * MINUTE_MS);
  const step = steps[n];
  if (step) return at(step.afterMinutes);
  const last = steps[steps.length - 1];
  if (!last?.repeatEveryMinutes) return null;
  return at(last.afterMinutes + (n - steps.length + 1) * last.repeatEveryMinutes);
}

/** The step definition behind fire number n (repeats map to the last step). */
export function stepForFire(steps: readonly EscalationStep[], n: number): EscalationStep | null {
  return steps[Math.min(n, steps.length - 1)] ?? null;
}

export interface FirePlan {
  /** Fire numbers to act on now, in order. */
  fires: number[];
  /** The fire count after acting. */
  fired: number;
  nextFireAt: Date | null;
}

/**
 * Which fires are due at `now`, given `fired` already done. Distinct steps each fire (a late
 * engine still alerts everyone in the chain, in order); repeats of the last step that were
 * missed collapse into one, so a restart does not send a burst of identical alerts.
 */
export function planFires(steps: readonly EscalationStep[], dueAt: Date, fired: number, now: Date): FirePlan {
  const fires: number[] = [];
  let n = fired;
  for (let t = fireTime(steps, dueAt, n); t && t.getTime() <= now.getTime(); t = fireTime(steps, dueAt, n)) {
    if (n < steps.length || !fires.some((f) => f >= steps.length)) fires.push(n);
    n++;
  }
  return { fires, fired: n, nextFireAt: fireTime(steps, dueAt, n) };
}

/** Stockholm wall time 'HH:MM' of an instant, for notification text ("passerades 14:05"). */
export function stockholmClockTime(instant: Date): string {
  return toStockholm(instant).time;
}
