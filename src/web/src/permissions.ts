// What the web app shows follows the server's own permission table; the server still decides.
import { permissions, type Permission } from '../../shared/permissions.ts';
import type { Role } from '../../shared/role-names.ts';

export function roleCan(role: Role, permission: Permission): boolean {
  return (permissions[permission] as readonly Role[]).includes(role);
}
