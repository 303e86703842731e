// Date and time fields in Swedish form (ÅÅÅÅ-MM-DD and ÅÅÅÅ-MM-DD TT:MM, 24 h) whatever the
// browser's locale: a native date or datetime-local input draws itself in the browser's language
// ("12/04/2026, 04:09 AM" in an American Chromium), which a Swedish user at 04:00 misreads. The
// value given and taken is the native inputs' own ("2026-04-12", "2026-04-12T04:09"), so the
// forms around the fields keep their checks; text that is not yet a whole date is handed on as ''
// (no value) while the field keeps showing what was typed.
import { useEffect, useRef, useState, type InputHTMLAttributes } from 'react';

import { parseSwedish, showSwedish, type DateKind } from './swedish-date.ts';

export type { DateKind };

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
