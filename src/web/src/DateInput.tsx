// Date and time fields in Swedish form (ÅÅÅÅ-MM-DD and ÅÅÅÅ-MM-DD TT:MM, 24 h) whatever the
// browser's locale: a native date or datetime-local input draws itself in the browser's language
// ("12/04/2026, 04:09 AM" in an American Chromium), which a Swedish user at 04:00 misreads. The
// value given and taken is the native inputs' own ("2026-04-12", "2026-04-12T04:09"), so the
// forms around the fields keep their checks; text that is not yet a whole date is handed on as ''
// (no value) while the field keeps showing what was typed.
import { useEffect, useRef, useState, type InputHTMLAttributes } from 'react';

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

type Props = Omit<InputHTMLAttributes<HTMLInputElement>, 'type' | 'value' | 'onChange' | 'min' | 'max'> & {
  kind: DateKind;
  value: string;
  onChange(value: string): void;
};

export function DateInput({ kind, value, onChange, onBlur, ...rest }: Props) {
  const [text, setText] = useState(showSwedish(value));
  const handed = useRef(value);
  // A value set from outside (a draft restored, "Nu" chosen, the form cleared) replaces the text.
  useEffect(() => {
    if (value !== handed.current) {
      handed.current = value;
      setText(showSwedish(value));
    }
  }, [value]);
  return (
    <input
      {...rest}
      type="text"
      inputMode="text"
      autoComplete="off"
      spellCheck={false}
      placeholder={kind === 'date' ? 'ÅÅÅÅ-MM-DD' : 'ÅÅÅÅ-MM-DD TT:MM'}
      size={kind === 'date' ? 12 : 18}
      value={text}
      onChange={(e) => {
        setText(e.target.value);
        const parsed = parseSwedish(kind, e.target.value) ?? '';
        handed.current = parsed;
        onChange(parsed);
      }}
      onBlur={(e) => {
        // Typed as 20260412 0409: shown back in the one form the field asks for.
        const parsed = parseSwedish(kind, text);
        if (parsed) setText(showSwedish(parsed));
        onBlur?.(e);
      }}
    />
  );
}
