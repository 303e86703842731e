// Europe/Stockholm wall-clock helpers. All calendars, receipt dates and deadlines in envagin are
// Stockholm local time, but the database and the clocks work with instants (Date). These helpers
// convert between the two using only the runtime's time-zone database through Intl, so DST rules
// are never hand-written here: if the rules change, updating Node/ICU is enough.

import type { IsoDate, IsoWeekday, LocalTime } from './directory-types.ts';

export const STOCKHOLM_TZ = 'Europe/Stockholm';

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
/** Cache bucket for UTC offsets. Stockholm (like every zone since 1970) only changes offset on a
 * quarter hour, so every instant in a 15-minute UTC bucket has the same offset. */
const OFFSET_BUCKET_MS = 15 * MINUTE_MS;
const CACHE_LIMIT = 200_000;

// Creating an Intl.DateTimeFormat costs far more than using one: create it once per process.
let offsetFormatter: Intl.DateTimeFormat | undefined;
function formatter(): Intl.DateTimeFormat {
  offsetFormatter ??= new Intl.DateTimeFormat('en-US', {
    timeZone: STOCKHOLM_TZ,
    timeZoneName: 'longOffset',
  });
  return offsetFormatter;
}

const offsetCache = new Map<number, number>();
const instantCache = new Map<string, number>();

function remember<K, V>(cache: Map<K, V>, key: K, value: V): V {
  // A crude bound: routing and coverage touch a few thousand keys, so clearing is rare.
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(key, value);
  return value;
}

function assertValidInstant(instant: Date): number {
  const ms = instant.getTime();
  if (!Number.isFinite(ms)) throw new RangeError('Ogiltig tidpunkt (Invalid Date)');
  return ms;
}

/** Minutes east of UTC in Stockholm at the instant (60 in winter, 120 in summer). */
export function offsetMinutesAt(instant: Date): number {
  const ms = assertValidInstant(instant);
  const bucket = Math.floor(ms / OFFSET_BUCKET_MS);
  const cached = offsetCache.get(bucket);
  if (cached !== undefined) return cached;
  const name = formatter()
    .formatToParts(new Date(bucket * OFFSET_BUCKET_MS))
    .find((p) => p.type === 'timeZoneName')?.value;
  // 'GMT+01:00', 'GMT+02:00'; plain 'GMT' means offset zero.
  const m = /GMT([+-])(\d{1,2})(?::(\d{2}))?/.exec(name ?? '');
  const offset = m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3] ?? '0')) : 0;
  return remember(offsetCache, bucket, offset);
}

export interface LocalDateTime {
  date: IsoDate;
  /** 'HH:MM' (seconds are dropped, not rounded). */
  time: LocalTime;
  weekday: IsoWeekday;
  /** Wall-clock minutes since local midnight, 0..1439. */
  minutes: number;
}

const pad2 = (n: number): string => String(n).padStart(2, '0');
const pad4 = (n: number): string => String(n).padStart(4, '0');

function utcDateString(d: Date): IsoDate {
  return `${pad4(d.getUTCFullYear())}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;
}

/** Stockholm wall-clock date, time and ISO weekday (Mon=1..Sun=7) of an instant. */
export function toStockholm(instant: Date): LocalDateTime {
  const ms = assertValidInstant(instant);
  // Shift by the offset and read the UTC fields: cheap once the offset is known.
  const wall = new Date(ms + offsetMinutesAt(instant) * MINUTE_MS);
  const h = wall.getUTCHours();
  const min = wall.getUTCMinutes();
  const dow = wall.getUTCDay();
  return {
    date: utcDateString(wall),
    time: `${pad2(h)}:${pad2(min)}`,
    weekday: (dow === 0 ? 7 : dow) as IsoWeekday,
    minutes: h * 60 + min,
  };
}

/** The Stockholm calendar date of an instant (the receipt date of förvaltningslagen). */
export function stockholmDate(instant: Date): IsoDate {
  return toStockholm(instant).date;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Parses 'YYYY-MM-DD' into UTC-midnight milliseconds, or NaN if it is not a real date. */
function isoDateToUtcMs(date: IsoDate): number {
  const m = ISO_DATE.exec(date);
  if (!m) return Number.NaN;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  // Date.UTC maps years 0..99 to 1900..1999; setUTCFullYear avoids that.
  back.setUTCFullYear(y, mo - 1, d);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) {
    return Number.NaN;
  }
  return back.getTime();
}

export function isValidIsoDate(date: string): boolean {
  return Number.isFinite(isoDateToUtcMs(date));
}

function requireIsoDate(date: IsoDate): number {
  const ms = isoDateToUtcMs(date);
  if (!Number.isFinite(ms)) throw new RangeError(`Ogiltigt datum: ${JSON.stringify(date)}`);
  return ms;
}

/** Calendar arithmetic on dates (no time zone involved: a date is not an instant). */
export function addDays(date: IsoDate, days: number): IsoDate {
  return utcDateString(new Date(requireIsoDate(date) + days * DAY_MS));
}

/** Whole days from `from` to `to` (negative if `to` is earlier). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return Math.round((requireIsoDate(to) - requireIsoDate(from)) / DAY_MS);
}

export function isoWeekdayOf(date: IsoDate): IsoWeekday {
  const dow = new Date(requireIsoDate(date)).getUTCDay();
  return (dow === 0 ? 7 : dow) as IsoWeekday;
}

const LOCAL_TIME = /^([01]\d|2[0-4]):([0-5]\d)$/;

/** 'HH:MM' → minutes since midnight; '24:00' (end of day) is 1440. Throws on anything else. */
export function parseLocalTime(time: LocalTime): number {
  const m = LOCAL_TIME.exec(time);
  const minutes = m ? Number(m[1]) * 60 + Number(m[2]) : Number.NaN;
  if (!m || minutes > 1440) throw new RangeError(`Ogiltig klockslag: ${JSON.stringify(time)}`);
  return minutes;
}

/**
 * The instant at which Stockholm wall clocks show `time` on `date`.
 *
 * Ambiguous and missing wall times are resolved like Temporal's 'compatible' disambiguation,
 * so the answer is deterministic and never throws:
 * - autumn fall-back overlap (e.g. 02:30 on 2025-10-26 happens twice): the EARLIER instant
 *   (summer time, 00:30 UTC) is returned;
 * - spring-forward gap (e.g. 02:30 on 2025-03-30 does not exist): the time is read with the
 *   offset in force before the gap, i.e. moved forward by the gap length (03:30 CEST, 01:30 UTC).
 * A range that starts or ends in the gap therefore starts/ends at the first real minute after it.
 * '24:00' means midnight at the start of the next day.
 */
export function localToInstant(date: IsoDate, time: LocalTime): Date {
  const key = `${date}T${time}`;
  const cached = instantCache.get(key);
  if (cached !== undefined) return new Date(cached);
  const wallUtc = requireIsoDate(date) + parseLocalTime(time) * MINUTE_MS;
  // Offsets a day either side bracket any single transition near this wall time.
  const before = offsetMinutesAt(new Date(wallUtc - DAY_MS));
  const after = offsetMinutesAt(new Date(wallUtc + DAY_MS));
  const candidates = [wallUtc - before * MINUTE_MS, wallUtc - after * MINUTE_MS]
    .filter((ms) => ms + offsetMinutesAt(new Date(ms)) * MINUTE_MS === wallUtc)
    .sort((a, b) => a - b);
  const result = candidates[0] ?? wallUtc - before * MINUTE_MS;
  return new Date(remember(instantCache, key, result));
}

/** Start of the Stockholm calendar day as an instant (00:00 always exists in Stockholm). */
export function startOfDay(date: IsoDate): Date {
  return localToInstant(date, '00:00');
}
