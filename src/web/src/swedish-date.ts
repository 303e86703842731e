// Dates and times as Swedes write them (ÅÅÅÅ-MM-DD, ÅÅÅÅ-MM-DD TT:MM, 24 h), read into the values
// native date and datetime-local inputs use ("2026-04-12", "2026-04-12T04:09").
export type DateKind = 'date' | 'datetime';

const DATE = /^(\d{4})-?(\d{2})-?(\d{2})$/;
const DATETIME = /^(\d{4})-?(\d{2})-?(\d{2})(?:[ T]+|\s*kl\.?\s*)(\d{1,2})[:.]?(\d{2})$/;

function validDay(y: number, m: number, d: number): boolean {
  const at = new Date(Date.UTC(y, m - 1, d));
  return at.getUTCFullYear() === y && at.getUTCMonth() === m - 1 && at.getUTCDate() === d;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** What was typed as the native value ("2026-04-12" or "2026-04-12T04:09"), or null if it is not one. */
export function parseSwedish(kind: DateKind, text: string): string | null {
  const s = text.trim();
  if (kind === 'date') {
    const m = DATE.exec(s);
    if (!m) return null;
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    return validDay(y, mo, d) ? `${m[1]}-${m[2]}-${m[3]}` : null;
  }
  const m = DATETIME.exec(s);
  if (!m) return null;
  const [y, mo, d, h, mi] = [Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5])];
  if (!validDay(y, mo, d) || h > 23 || mi > 59) return null;
  return `${m[1]}-${m[2]}-${m[3]}T${pad(h)}:${m[5]}`;
}

/** The native value as shown: "2026-04-12 04:09". */
export function showSwedish(value: string): string {
  return value.replace('T', ' ').slice(0, 16);
}

