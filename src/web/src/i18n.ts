import { pluralText, uiText, type PluralKey, type UiKey } from '../../shared/messages.ts';

// Swedish is the default; English is offered for visitors and support staff.
export function t(key: UiKey): string {
  return uiText.sv[key];
}

/** A catalogue text with {placeholders} filled in. */
export function tf(key: UiKey, values: Record<string, string | number>): string {
  return t(key).replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}

const plurals = new Intl.PluralRules('sv');

/** A text with a count in the right form ("1 öppet ärende", "2 öppna ärenden"). */
export function tn(key: PluralKey, n: number): string {
  const forms = pluralText.sv[key];
  return (plurals.select(n) === 'one' ? forms.one : forms.other).replace('{n}', String(n));
}
