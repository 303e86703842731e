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
  { username: 'sis', displayName: 'Handläggare Demo (SiS)', role: 'authority.liaison', orgId: 'sis' },
];

/**
 * Functional mailboxes of the police ROC and SiS (fictional): the duty contact chains that an
 * unanswered information request to them climbs one contact per escalation step (src/jobs/targets.ts).
 */
export const demoExtraContacts: { orgId: string; label: string; phone: string; email: string }[] = [
  { orgId: 'police-roc', label: 'Vakthavande befäl, ROC', phone: '010-563 00 00', email: 'roc.vakthavande@polisen.demo.envagin.se' },
  { orgId: 'police-roc', label: 'Stf. vakthavande befäl, ROC', phone: '010-563 00 01', email: 'roc.stf@polisen.demo.envagin.se' },
  { orgId: 'police-roc', label: 'Regionledningscentralen', phone: '010-563 00 02', email: 'rlc@polisen.demo.envagin.se' },
  { orgId: 'sis', label: 'SiS, placeringsfunktionen', phone: '010-453 40 00', email: 'placering@sis.demo.envagin.se' },
  { orgId: 'sis', label: 'SiS, jourhavande chef', phone: '010-453 40 01', email: 'jourchef@sis.demo.envagin.se' },
];

/**
 * The legal grounds an information request may cite, as demo configuration: admins keep the real
 * list (/rattsliga-grunder), nothing in the code depends on these ids.
 */
export const demoLegalGrounds = [
  { id: 'osl-10-18a', citation: '10 kap. 18 a § OSL', description: 'Sekretessbrytande bestämmelse: uppgift om en enskild under 18 år till socialnämnd, polis eller annan myndighet när det behövs för att förhindra att den unge begår brott.' },
  { id: 'osl-10-28', citation: '10 kap. 28 § OSL', description: 'Uppgiftsskyldighet som följer av lag eller förordning bryter sekretessen.' },
  { id: 'sol-14-1', citation: '14 kap. 1 § SoL', description: 'Anmälnings- och uppgiftsskyldighet till socialnämnden vid kännedom om eller misstanke om att ett barn far illa.' },
];
