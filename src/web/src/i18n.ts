import { uiText, type UiKey } from '../../shared/messages.ts';

// Swedish is the default; English is offered for visitors and support staff.
export function t(key: UiKey): string {
  return uiText.sv[key];
}

/** A catalogue text with {placeholders} filled in. */
export function tf(key: UiKey, values: Record<string, string | number>): string {
  return t(key).replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}
