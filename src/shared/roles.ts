// Roles and organisation kinds of DESIGN.md section 1, shared by server and web app.
import { z } from 'zod';

export const roles = [
  'police.reporter',
  'hub.handler',
  'hub.supervisor',
  'municipality.intake',
  'municipality.manager',
  'admin',
  'auditor',
  'analyst',
] as const;
export const Role = z.enum(roles);
export type Role = z.infer<typeof Role>;

export const orgKinds = ['police', 'hub', 'municipality', 'intake_unit', 'jour_group', 'authority'] as const;
export const OrgKind = z.enum(orgKinds);
export type OrgKind = z.infer<typeof OrgKind>;

export const roleLabels: Record<Role, string> = {
  'police.reporter': 'Polis (ROC)',
  'hub.handler': 'Handläggare, socialjouren',
  'hub.supervisor': 'Arbetsledare, socialjouren',
  'municipality.intake': 'Mottagning',
  'municipality.manager': 'Chef, kommun',
  admin: 'Administratör',
  auditor: 'Granskare',
  analyst: 'Analytiker',
};
