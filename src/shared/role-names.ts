// The roles and organisation kinds as plain values, without zod: the web app needs the names and
// labels only, and importing the zod enums of roles.ts pulled zod (about 50 kB) into its first
// download (issue 23 point 10).
export const roles = [
  'police.reporter',
  'hub.handler',
  'hub.supervisor',
  'municipality.intake',
  'municipality.manager',
  'admin',
  'auditor',
  'analyst',
  'authority.liaison',
] as const;
export type Role = (typeof roles)[number];

export const orgKinds = ['police', 'hub', 'municipality', 'intake_unit', 'jour_group', 'authority'] as const;
export type OrgKind = (typeof orgKinds)[number];

export const roleLabels: Record<Role, string> = {
  'police.reporter': 'Polis (ROC)',
  'hub.handler': 'Handläggare, socialjouren',
  'hub.supervisor': 'Arbetsledare, socialjouren',
  'municipality.intake': 'Mottagning',
  'municipality.manager': 'Chef, kommun',
  admin: 'Administratör',
  auditor: 'Granskare',
  analyst: 'Analytiker',
  'authority.liaison': 'Handläggare, annan myndighet (SiS)',
};
