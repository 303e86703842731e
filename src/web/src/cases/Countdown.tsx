import { t } from '../i18n.ts';
import { clockLabel, countdown } from './clocks.ts';
import { formatTime } from './format.ts';

interface Props {
  clock: string;
  dueAt: string;
  now: number;
  breached?: boolean;
  escalationStep?: number;
  /** Show the clock's name before the countdown ("Ta ärendet: 12 min kvar"). */
  withName?: boolean;
}

/** One deadline in words and colour: "Kvittens: Försenad 4 min, larm 2". */
export function CountdownText({ clock, dueAt, now, breached, escalationStep, withName = true }: Props) {
  const c = countdown(dueAt, now, { breached: breached ?? false, escalationStep: escalationStep ?? 0 });
  return (
    <span className="countdown">
      {withName && <span className="clock-name">{clockLabel(clock)}: </span>}
      <span className={`age age-${c.level}`} title={formatTime(dueAt)}>
        {c.text}
        {c.level === 'warn' && <span className="sr-only"> ({t('countdownSoon')})</span>}
      </span>
    </span>
  );
}

/** The next deadline of a case summary, or a dash. */
export function NextDue({ nextDue, breached, escalationStep, now }: { nextDue: { clock: string; dueAt: string } | null; breached: boolean; escalationStep: number; now: number }) {
  if (!nextDue) return <span className="muted">{t('noDeadline')}</span>;
  return <CountdownText clock={nextDue.clock} dueAt={nextDue.dueAt} now={now} breached={breached && new Date(nextDue.dueAt).getTime() <= now} escalationStep={escalationStep} />;
}
