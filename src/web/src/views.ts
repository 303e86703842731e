// The app's screens and their addresses. Addresses and titles name a screen, never a person.
import type { UiKey } from '../../shared/messages.ts';
import type { Role } from '../../shared/roles.ts';
import { roleCan } from './permissions.ts';

export type View = 'start' | 'directory' | 'agreements' | 'coverage';

export const viewPaths: Record<View, string> = {
  start: '/',
  directory: '/katalog',
  agreements: '/avtal',
  coverage: '/tackning',
};

export const viewLabels: Record<View, UiKey> = {
  start: 'navStart',
  directory: 'navDirectory',
  agreements: 'navAgreements',
  coverage: 'navCoverage',
};

/** The screens a role gets in the menu: admins all; coverage readers the heat map; others none. */
export function viewsFor(role: Role): View[] {
  if (role === 'admin') return ['start', 'directory', 'agreements', 'coverage'];
  if (roleCan(role, 'coverage.read')) return ['start', 'coverage'];
  return ['start'];
}

export function viewFromPath(pathname: string, allowed: View[]): View {
  const found = (Object.keys(viewPaths) as View[]).find((v) => viewPaths[v] === pathname);
  return found && allowed.includes(found) ? found : 'start';
}
