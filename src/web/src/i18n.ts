import { uiText, type UiKey } from '../../shared/messages.ts';

// Swedish is the default; English is offered for visitors and support staff.
export function t(key: UiKey): string {
  return uiText.sv[key];
}
