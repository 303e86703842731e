// Roles and organisation kinds of DESIGN.md section 1, shared by server and web app: the names in
// role-names.ts (zod-free, for the web app), their zod enums here for the API's schemas.
import { z } from 'zod';
import { orgKinds, roles } from './role-names.ts';

export { orgKinds, roleLabels, roles } from './role-names.ts';

export const Role = z.enum(roles);
export type Role = z.infer<typeof Role>;

export const OrgKind = z.enum(orgKinds);
export type OrgKind = z.infer<typeof OrgKind>;
