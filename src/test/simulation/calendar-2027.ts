// An independent answer to "who is reachable for a municipality at this minute" in 2027, for
// checking the simulated year's handovers. Deliberately not built on src/domain (calendar.ts,
// stockholm-time.ts, swedish-holidays.ts): the holidays and eves are written out by hand from
// the almanac, local time comes from Intl, and the directory's hours are read as plain data.
import type { DirectorySnapshot, OpeningHours, TimeRange } from '../../domain/directory-types.ts';

/** Swedish public holidays of 2027 (helgdagar): the office intakes are closed. */
export const PUBLIC_HOLIDAYS_2027: Record<string, string> = {
  '2027-01-01': 'Nyårsdagen',
  '2027-01-06': 'Trettondedag jul',
  '2027-03-26': 'Långfredagen',
  '2027-03-28': 'Påskdagen',
  '2027-03-29': 'Annandag påsk',
  '2027-05-01': 'Första maj',
  '2027-05-06': 'Kristi himmelsfärdsdag',
  '2027-05-16': 'Pingstdagen',
  '2027-06-06': 'Sveriges nationaldag',
  '2027-06-26': 'Midsommardagen',
  '2027-11-06': 'Alla helgons dag',
  '2027-12-25': 'Juldagen',
  '2027-12-26': 'Annandag jul',
};

/** Midsommarafton, julafton, nyårsafton 2027. */
export const EVES_2027: Record<string, string> = { '2027-06-25': 'Midsommarafton', '2027-12-24': 'Julafton', '2027-12-31': 'Nyårsafton' };

/** Summer time 2027 in Sweden: from 01:00 UTC on 28 March to 01:00 UTC on 31 October. */
export const DST_2027 = { starts: new Date('2027-03-28T01:00:00Z'), ends: new Date('2027-10-31T01:00:00Z') };

const local = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Stockholm', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', weekday: 'short', hourCycle: 'h23' });

/** Stockholm wall time of an instant: date, minutes after midnight, ISO weekday. */
export function stockholmWall(at: Date): { date: string; minute: number; weekday: number } {
  const p = Object.fromEntries(local.formatToParts(at).map((x) => [x.type, x.value]));
  const weekday = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].indexOf(p.weekday!) + 1;
  return { date: `${p.year}-${p.month}-${p.day}`, minute: Number(p.hour) * 60 + Number(p.minute), weekday };
}

const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
const within = (ranges: readonly TimeRange[], minute: number) => ranges.some((r) => minutes(r.start) <= minute && minute < minutes(r.end));

function nextDay(date: string): string {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/** Whether hours with the demo's rules (holidays and eves closed, shortened day before a holiday) are open. */
export function openAt(hours: OpeningHours, at: Date): boolean {
  const { date, minute, weekday } = stockholmWall(at);
  if (!date.startsWith('2027-')) throw new RangeError(`the 2027 calendar cannot answer for ${date}`);
  const exception = hours.exceptions.find((e) => e.date === date);
  if (exception) return within(exception.ranges, minute);
  if (hours.closedOnEves && EVES_2027[date]) return false;
  if (hours.closedOnPublicHolidays && PUBLIC_HOLIDAYS_2027[date]) return false;
  const weekly = hours.weekly[weekday as 1] ?? [];
  if (weekday <= 5 && weekly.length > 0 && hours.dayBeforeHoliday && PUBLIC_HOLIDAYS_2027[nextDay(date)]) return within(hours.dayBeforeHoliday, minute);
  return within(weekly, minute);
}

/**
 * The organisations that answer for a municipality at `at` per the directory: its open office
 * intakes, else the jour groups it belongs to that are on (Stockholm: also the hub).
 */
export function reachableOrgs(dir: DirectorySnapshot, municipalityCode: string, at: Date): { kind: 'office' | 'jour'; orgIds: string[] } {
  const offices = dir.intakeUnits.filter((u) => u.municipalityCode === municipalityCode && u.contacts.length > 0 && openAt(u.hours, at)).map((u) => u.orgId);
  if (offices.length > 0) return { kind: 'office', orgIds: offices };
  const { date } = stockholmWall(at);
  const jours = dir.jourGroups
    .filter((g) => g.members.some((m) => m.municipalityCode === municipalityCode && (m.from == null || m.from <= date) && (m.to == null || date <= m.to)))
    .filter((g) => g.hours === null || openAt(g.hours, at))
    .map((g) => g.orgId);
  if (municipalityCode === dir.hub.municipalityCode) jours.push(dir.hub.orgId);
  return { kind: 'jour', orgIds: jours };
}
