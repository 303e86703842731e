// Who may lift whose login throttle (the role check is 'auth.unlock' in src/shared/permissions.ts):
// an admin anyone's; a hub supervisor the users of their own organisation; a municipality
// manager the users of any organisation of their municipality (its intake units). Anyone else's
// user is FORBIDDEN, not NOT_FOUND: the caller already holds the user's id, and the answer must
// not differ between roles for the authorization matrix.
import type { Actor } from '../shared/actor.ts';
import { AppError } from '../shared/errors.ts';
import { authorize } from './permissions.ts';

export interface UnlockTarget {
  orgId: string;
  municipalityCode: string | null;
}

export function mayUnlock(actor: Actor, target: UnlockTarget): boolean {
  if (actor.role === 'admin') return true;
  if (actor.role === 'hub.supervisor') return actor.orgId === target.orgId;
  if (actor.role === 'municipality.manager') return actor.municipalityCode !== null && actor.municipalityCode === target.municipalityCode;
  return false;
}

export function authorizeUnlock(actor: Actor | null, target: UnlockTarget): asserts actor is Actor {
  authorize(actor, 'auth.unlock');
  if (!mayUnlock(actor, target)) throw new AppError('FORBIDDEN');
}
