// Routes call `authorize(actor, permission)` against the role table of src/shared/permissions.ts
// (shared with the web app); object-level rules (a municipality sees only its own cases) are
// added beside the resource they guard.
import type { Actor } from '../shared/actor.ts';
import { AppError } from '../shared/errors.ts';
import { permissions, type Permission } from '../shared/permissions.ts';
import type { Role } from '../shared/roles.ts';

export function can(actor: Actor, permission: Permission): boolean {
  return (permissions[permission] as readonly Role[]).includes(actor.role);
}

export function authorize(actor: Actor | null, permission: Permission): asserts actor is Actor {
  if (!actor) throw new AppError('UNAUTHENTICATED');
  if (!can(actor, permission)) throw new AppError('FORBIDDEN');
}
