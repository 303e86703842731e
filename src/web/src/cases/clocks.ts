// Deadlines as the screens show them: the clock's Swedish name and a countdown in words
// ("12 min kvar", "Försenad 4 min") with a level for colour, which never stands alone.
import { useEffect, useState } from 'react';
import type { UiKey } from '../../../shared/messages.ts';
import { t, tf } from '../i18n.ts';
import { duration } from './format.ts';

export const clockLabels: Record<string, UiKey> = {
  claim: 'clockClaim',
  triage: 'clockTriage',
  acknowledge: 'clockAcknowledge',
  office_acknowledge: 'clockOfficeAck',
  report_to_kvittens: 'clockReportToKvittens',
  skyddsbedomning: 'clockSkydd',
  forhandsbedomning: 'clockForhands',
  feedback: 'clockFeedback',
  closure: 'clockClosure',
  clarification: 'clockClarification',
  information_request: 'clockInfoRequest',
};

export function clockLabel(clock: string): string {
  const key = clockLabels[clock];
  return key ? t(key) : clock;
}

export type CountdownLevel = 'ok' | 'warn' | 'late';

export interface Countdown {
  text: string;
  level: CountdownLevel;
  /** Milliseconds left (negative when overdue). */
  leftMs: number;
}

const WARN_MS = 15 * 60_000;

/** "12 min kvar", "Försenad 4 min", plus ", larm 2" when the escalation has climbed. */
export function countdown(dueAt: string, now: number, opts: { breached?: boolean; escalationStep?: number } = {}): Countdown {
  const leftMs = new Date(dueAt).getTime() - now;
  const late = leftMs <= 0 || Boolean(opts.breached);
  const step = opts.escalationStep ?? 0;
  if (late) {
    const over = Math.max(0, Math.floor(-leftMs / 60_000));
    const text = tf('countdownLate', { time: duration(over) }) + (step > 0 ? `, ${tf('escalationStepN', { n: step })}` : '');
    return { text, level: 'late', leftMs };
  }
  // Round up: with 30 s left it still says "1 min kvar", never "0 min kvar".
  const left = Math.max(1, Math.ceil(leftMs / 60_000));
  return { text: tf('countdownLeft', { time: duration(left) }), level: leftMs <= WARN_MS ? 'warn' : 'ok', leftMs };
}

/** The current time, refreshed every `everyMs` (30 s for countdowns). */
export function useNow(everyMs = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}
