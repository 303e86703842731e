// Dates and times as people in Stockholm read them, whatever the browser's own time zone.
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

export const dateTimeFormat = new Intl.DateTimeFormat('sv-SE', {
  timeZone: TZ,
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});

const dayHeaderFormat = new Intl.DateTimeFormat('sv-SE', { timeZone: 'UTC', weekday: 'short', day: 'numeric', month: 'short' });

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
  return dayHeaderFormat.format(new Date(`${date}T12:00:00Z`));
}

/** ISO weekday 1 (Monday) … 7 (Sunday) of a YYYY-MM-DD date. */
export function isoWeekday(date: string): number {
  const day = new Date(`${date}T12:00:00Z`).getUTCDay();
  return day === 0 ? 7 : day;
}

export function formatInstant(iso: string): string {
  return dateTimeFormat.format(new Date(iso));
}
