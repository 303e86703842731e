// Who may do what, by role, declared once. The server's routes check it through
// src/policies/permissions.ts (`authorize`); the web app shows only what the same table allows
// (the server still decides). Object-level rules (a municipality sees only its own cases) are in
// src/policies beside the resource they guard.
import type { Role } from './role-names.ts';

export const permissions = {
  /** The directory as needed to hand over: organisations, contact chains, hours. */
  'directory.read': ['hub.handler', 'hub.supervisor', 'admin', 'municipality.intake', 'municipality.manager'],
  'directory.write': ['admin'],
  'users.manage': ['admin'],
  /**
   * Approve or reject a grant of access that needs four eyes: a second admin, a hub supervisor
   * for the hub's roles, a municipality manager for its units' (src/policies/access-requests.ts).
   */
  'access.approve': ['admin', 'hub.supervisor', 'municipality.manager'],
  /** Filing a report of concern: the police (ROC). Everything else about a case follows the reader's relation to it (cases.ts). */
  'cases.file': ['police.reporter'],
  'directory.history': ['admin', 'auditor', 'hub.supervisor'],
  'agreements.read': ['admin', 'hub.handler', 'hub.supervisor', 'auditor', 'municipality.manager'],
  'agreements.write': ['admin'],
  /** The routing decision: whom the hub must call now, and why. */
  'routing.decide': ['hub.handler', 'hub.supervisor', 'admin'],
  'coverage.read': ['admin', 'hub.supervisor', 'municipality.manager'],
  /** Enrol and verify a TOTP second factor: the roles that need one (src/policies/mfa.ts). */
  'auth.totp': ['hub.supervisor', 'admin', 'auditor'],
  /**
   * Lift a user's login throttle (every address) and any old lock: a supervisor for the users of
   * their own organisation, a municipality manager for their municipality's, an admin for anyone
   * (src/policies/unlock.ts).
   */
  'auth.unlock': ['hub.supervisor', 'municipality.manager', 'admin'],
  /** Search the audit log and verify its hash chain: the auditor only (read only). */
  'audit.read': ['auditor'],
  'audit.verify': ['auditor'],
  /** Registerutdrag for the data protection officer: what the system holds about one person. */
  'audit.register_extract': ['auditor'],
  /** The disclosure register (utlämnanden): list and export by child, organisation and period. */
  'disclosures.read': ['auditor'],
  /** Escalation policies, webhook endpoints and the delivery history of notifications (src/features/notifications). */
  'escalation.manage': ['admin'],
  'webhooks.manage': ['admin'],
  'notifications.deliveries': ['admin'],
  /**
   * The pilot's statistics (aggregates, small counts suppressed): analysts county-wide, a
   * municipality manager its own municipality beside the county (src/features/statistics).
   */
  'statistics.read': ['analyst', 'municipality.manager'],
  /** One's own account settings (the web app's language): everyone who works in envagin. */
  'account.own': ['police.reporter', 'hub.handler', 'hub.supervisor', 'municipality.intake', 'municipality.manager', 'admin', 'auditor', 'analyst', 'authority.liaison'],
  /** Live updates and one's own notification channels: everyone who works in envagin. */
  'notifications.own': ['police.reporter', 'hub.handler', 'hub.supervisor', 'municipality.intake', 'municipality.manager', 'admin', 'auditor', 'analyst', 'authority.liaison'],
  /**
   * Information requests (issue 20, DESIGN.md rule 8): the roles that ask and answer for their
   * organisation. Which request a reader sees, and which step it may take, follows the reader's
   * organisation's part in it (src/policies/information-requests.ts).
   */
  'requests.use': ['police.reporter', 'hub.handler', 'hub.supervisor', 'municipality.intake', 'municipality.manager', 'authority.liaison'],
  /** Make another authority (SiS) party to a case: the social services handling it (object-level in the operation). */
  'cases.add_party': ['hub.handler', 'hub.supervisor', 'municipality.intake', 'municipality.manager'],
  /** The legal grounds a request may cite: read by everyone who asks or answers, kept by admins. */
  'legal_grounds.read': ['police.reporter', 'hub.handler', 'hub.supervisor', 'municipality.intake', 'municipality.manager', 'authority.liaison', 'admin'],
  'legal_grounds.manage': ['admin'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof permissions;
