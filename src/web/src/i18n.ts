// The web app's words, dates and numbers in the user's language: Swedish by default, English when
// the user has chosen it (remembered on the user by the server, so it follows them to another
// device). The English catalogue is a chunk of its own, fetched only when English is chosen.
// Times are Stockholm's in either language.
import type { ErrorCode } from '../../shared/errors.ts';
import type { Role } from '../../shared/role-names.ts';
import { errorMessages, pluralText, uiText, type Locale, type PluralKey, type UiKey } from '../../shared/messages.ts';

interface Catalogue {
  ui: Record<UiKey, string>;
  plural: Record<PluralKey, { one: string; other: string }>;
  errors: Record<ErrorCode, string>;
}

const swedish: Catalogue = { ui: uiText.sv, plural: pluralText.sv, errors: errorMessages.sv };
let locale: Locale = 'sv';
let catalogue: Catalogue = swedish;
let plurals = new Intl.PluralRules('sv');

export const locales: readonly Locale[] = ['sv', 'en'];

export function currentLocale(): Locale {
  return locale;
}

/** Switches the texts and formats (loading the English catalogue the first time it is needed). */
export async function applyLanguage(next: Locale): Promise<void> {
  if (next === 'en') {
    const en = await import('../../shared/messages-en.ts');
    catalogue = { ui: en.uiText, plural: en.pluralText, errors: en.errorMessages };
  } else {
    catalogue = swedish;
  }
  locale = next;
  plurals = new Intl.PluralRules(next);
  formats.clear();
  document.documentElement.lang = next;
}

export function t(key: UiKey): string {
  return catalogue.ui[key];
}

/** A catalogue text with {placeholders} filled in. */
export function tf(key: UiKey, values: Record<string, string | number>): string {
  return t(key).replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}

/** A text with a count in the right form ("1 öppet ärende", "2 öppna ärenden"). */
export function tn(key: PluralKey, n: number): string {
  const forms = catalogue.plural[key];
  return (plurals.select(n) === 'one' ? forms.one : forms.other).replace('{n}', formatNumber(n));
}

/** A role's name in the user's language. */
export function roleName(role: Role): string {
  return t(`role.${role}`);
}

/** The user-facing text of an error code. */
export function tError(code: ErrorCode): string {
  return catalogue.errors[code];
}

/** The language tag for Intl: Swedish, or British English (day before month, 24-hour clock). */
function intlTag(): string {
  return locale === 'en' ? 'en-GB' : 'sv-SE';
}

const formats = new Map<string, Intl.DateTimeFormat>();

/** A date/time format in the user's language, in Stockholm time unless the options say otherwise. */
export function dateFormat(options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = JSON.stringify(options);
  let format = formats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(intlTag(), { timeZone: 'Europe/Stockholm', ...options });
    formats.set(key, format);
  }
  return format;
}

export function formatNumber(n: number, options?: Intl.NumberFormatOptions): string {
  return n.toLocaleString(intlTag(), options);
}
