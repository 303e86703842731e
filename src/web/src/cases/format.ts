// Times and labels of cases as the screens show them.
import type { UiKey } from '../../../shared/messages.ts';
import { dateFormat, tf } from '../i18n.ts';
import type { CaseSummary, Urgency } from './types.ts';

export const urgencyLabels: Record<Urgency, UiKey> = { acute: 'urgencyAcute', today: 'urgencyToday', not_urgent: 'urgencyNotUrgent' };
export const urgencyRank: Record<Urgency, number> = { acute: 0, today: 1, not_urgent: 2 };

const dateOnly = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', year: 'numeric', month: '2-digit', day: '2-digit' });

export function formatTime(iso: string): string {
  return dateFormat({ day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(iso));
}

/** YYYY-MM-DD in Stockholm. */
export function stockholmDate(at = new Date()): string {
  return dateOnly.format(at);
}

/** Minutes between an instant and now (never negative). */
export function minutesSince(iso: string, now: number): number {
  return Math.max(0, Math.floor((now - new Date(iso).getTime()) / 60_000));
}

/** "12 min", "2 tim 5 min", "3 dygn". */
export function duration(minutes: number): string {
  if (minutes < 60) return tf('durationMinutes', { n: minutes });
  if (minutes < 48 * 60) return minutes % 60 === 0 ? tf('durationWholeHours', { h: minutes / 60 }) : tf('durationHours', { h: Math.floor(minutes / 60), m: minutes % 60 });
  return tf('durationDays', { n: Math.floor(minutes / 1440) });
}

/** "08:14" today (Stockholm), "3 mars 08:14" another day. */
export function formatWhen(iso: string, now = Date.now()): string {
  const at = new Date(iso);
  return stockholmDate(at) === stockholmDate(new Date(now)) ? dateFormat({ hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(at) : formatTime(iso);
}

/** The case's status in words, naming the unit that acknowledged ("Kvitterad av Nacka mottagning 08:14"). */
export function statusText(c: CaseSummary): string {
  if (c.status === 'accepted' && c.acceptedBy) {
    const { orgName: org, personName: person, at } = c.acceptedBy;
    return person ? tf('statusAcceptedByPerson', { org, person, time: formatWhen(at) }) : tf('statusAcceptedBy', { org, time: formatWhen(at) });
  }
  return c.statusLabel;
}
