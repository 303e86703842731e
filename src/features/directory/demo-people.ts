// Demo organisations beyond the directory (police, SiS) and the demo users of DESIGN.md
// section 5. Demo mode only: `envagin seed --demo` refuses in production.
import type { Role } from '../../shared/roles.ts';

export const DEMO_PASSWORD = 'envagin-demo';

/**
 * The TOTP secret of the demo's privileged users (hubchef, admin, revisor), fixed and published
 * in README so the demo stays usable: `npx envagin totp-code --user admin` prints the current
 * code, or add the secret to any authenticator app. Demo mode only, like the password.
 */
export const DEMO_TOTP_SECRET = 'ENVAGINDEMOTOTPSECRETNOTFORPROD2';

export const demoExtraOrganisations = [
  { id: 'police-roc', kind: 'police', name: 'Polisregion Stockholm, Regionalt operativt center (ROC)', municipalityCode: null },
  { id: 'sis', kind: 'authority', name: 'Statens institutionsstyrelse (SiS)', municipalityCode: null },
] as const;

export interface DemoUser {
  username: string;
  displayName: string;
  role: Role;
  orgId: string;
}

export const demoUsers: DemoUser[] = [
  { username: 'polis', displayName: 'Polisinspektör Demo (ROC)', role: 'police.reporter', orgId: 'police-roc' },
  { username: 'hub', displayName: 'Socialsekreterare Demo (socialjouren)', role: 'hub.handler', orgId: 'hub' },
  { username: 'hubchef', displayName: 'Arbetsledare Demo (socialjouren)', role: 'hub.supervisor', orgId: 'hub' },
  { username: 'nacka', displayName: 'Mottagningssekreterare Demo (Nacka)', role: 'municipality.intake', orgId: 'intake-0182' },
  { username: 'sydost', displayName: 'Jourhavande Demo (Sydostjouren)', role: 'municipality.intake', orgId: 'jour-sydost' },
  { username: 'solna', displayName: 'Enhetschef Demo (Solna)', role: 'municipality.manager', orgId: 'kommun-0184' },
  { username: 'admin', displayName: 'Systemförvaltare Demo', role: 'admin', orgId: 'hub' },
  { username: 'revisor', displayName: 'Granskare Demo', role: 'auditor', orgId: 'hub' },
  { username: 'analytiker', displayName: 'Analytiker Demo', role: 'analyst', orgId: 'hub' },
];
