// Roles whose sessions need a second factor (TOTP) before they may do anything but finish
// logging in: they see escalations, change the directory and users, or read the audit log.
// Declared once, as the 'auth.totp' permission.
import { permissions } from '../shared/permissions.ts';
import type { Role } from '../shared/roles.ts';

export function requiresMfa(role: Role): boolean {
  return (permissions['auth.totp'] as readonly Role[]).includes(role);
}
