// Dates and times as people in Stockholm read them, whatever the browser's own time zone.
import { dateFormat } from '../i18n.ts';

const TZ = 'Europe/Stockholm';

const partsFormat = new Intl.DateTimeFormat('sv-SE', {
  timeZone: TZ,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

// Shown in the user's language (i18n.ts); partsFormat above is for arithmetic and stays Swedish.
const dateTimeOptions: Intl.DateTimeFormatOptions = { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' };

function wallClock(instant: number): { y: number; m: number; d: number; h: number; min: number; s: number } {
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(partsFormat.formatToParts(instant).find((p) => p.type === type)?.value ?? 0);
  return { y: get('year'), m: get('month'), d: get('day'), h: get('hour'), min: get('minute'), s: get('second') };
}

/** Today's date in Stockholm as YYYY-MM-DD. */
export function stockholmToday(now = Date.now()): string {
  const w = wallClock(now);
  return `${w.y}-${String(w.m).padStart(2, '0')}-${String(w.d).padStart(2, '0')}`;
}

/** YYYY-MM-DD plus n calendar days. */
export function addDays(date: string, n: number): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, (d ?? 1) + n)).toISOString().slice(0, 10);
}

/** The instant (ms) at which a Stockholm calendar day begins. */
export function stockholmMidnight(date: string): number {
  const [y, m, d] = date.split('-').map(Number);
  const guess = Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1);
  let instant = guess;
  for (let i = 0; i < 2; i++) {
    const w = wallClock(instant);
    const asUtc = Date.UTC(w.y, w.m - 1, w.d, w.h, w.min, w.s);
    instant = guess - (asUtc - instant);
  }
  return instant;
}

/** "tis 3 juni" for a YYYY-MM-DD column header. */
export function dayLabel(date: string): string {
  return dateFormat({ timeZone: 'UTC', weekday: 'short', day: 'numeric', month: 'short' }).format(new Date(`${date}T12:00:00Z`));
}

/** ISO weekday 1 (Monday) … 7 (Sunday) of a YYYY-MM-DD date. */
export function isoWeekday(date: string): number {
  const day = new Date(`${date}T12:00:00Z`).getUTCDay();
  return day === 0 ? 7 : day;
}

export function formatInstant(iso: string): string {
  return dateFormat(dateTimeOptions).format(new Date(iso));
}

/**
 * A datetime-local value ("2026-06-19T23:00", read as Stockholm wall time) as ISO 8601 with the
 * offset in force then ("2026-06-19T23:00:00+02:00"); null when it is not such a value.
 */
export function stockholmLocalToIso(local: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(local);
  if (!m) return null;
  const [, y, mo, d, h, mi, s] = m.map(Number) as [number, number, number, number, number, number, number];
  const guess = Date.UTC(y, mo - 1, d, h, mi, s || 0);
  let instant = guess;
  for (let i = 0; i < 2; i++) {
    const w = wallClock(instant);
    instant = guess - (Date.UTC(w.y, w.m - 1, w.d, w.h, w.min, w.s) - instant);
  }
  const offsetMin = Math.round((guess - instant) / 60_000);
  const sign = offsetMin < 0 ? '-' : '+';
  const abs = Math.abs(offsetMin);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${y}-${pad(mo)}-${pad(d)}T${pad(h)}:${pad(mi)}:${pad(s || 0)}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}
