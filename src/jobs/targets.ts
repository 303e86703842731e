// Resolves an escalation step's target to the people or units to alert, as of now. Lookups are
// cached per batch transaction: one query per role and municipality, not one per deadline.
import { and, asc, eq, inArray, isNotNull, isNull } from 'drizzle-orm';
import { contactPoints, organisations, users } from '../db/schema.ts';
import type { Tx } from '../db/types.ts';
import type { EscalationTarget } from '../domain/deadlines.ts';
import type { DirectorySnapshot } from '../domain/directory-types.ts';
import { nextContactOrgs } from '../domain/escalation-targets.ts';

export interface CaseFacts {
  caseId: string;
  assignedUserId: string | null;
  responsibleMunicipalityCode: string | null;
  handoverOrgId: string | null;
  /** For an information request's clock: the organisation asked (src/features/information-requests). */
  request?: RequestAddressee | null;
}

export interface RequestAddressee {
  orgId: string;
  orgKind: string;
  municipalityCode: string | null;
  /** Who asked: the organisation and the user who sent the request (for requests to another authority). */
  asker?: { orgId: string; orgKind: string; municipalityCode: string | null; userId: string | null } | null;
}

export interface Resolved {
  orgIds: string[];
  userIds: string[];
  /** Functional mailboxes to write to besides the organisations' own (a duty contact chain's next step). */
  emails?: { email: string; orgId: string }[];
}

export class TargetResolver {
  private supervisors: string[] | null = null;
  private managers = new Map<string, string[]>();
  private activeUsers = new Set<string>();

  constructor(
    private readonly tx: Tx,
    private readonly directory: DirectorySnapshot,
    private readonly now: Date,
  ) {}

  /** Loads, in one query each, what the batch's cases will need. */
  async prepare(facts: readonly CaseFacts[]): Promise<void> {
    const assignees = [...new Set(facts.map((f) => f.assignedUserId).filter((u) => u !== null))];
    if (assignees.length > 0) {
      const rows = await this.tx.select({ id: users.id }).from(users).where(and(inArray(users.id, assignees), isNull(users.disabledAt)));
      this.activeUsers = new Set(rows.map((r) => r.id));
    }
  }

  /** `fire` is the escalation's fire number: a duty contact chain is climbed one contact per fire. */
  async resolve(target: EscalationTarget, facts: CaseFacts, fire = 0): Promise<Resolved> {
    switch (target) {
      case 'assignee':
        return { orgIds: [], userIds: facts.assignedUserId && this.activeUsers.has(facts.assignedUserId) ? [facts.assignedUserId] : [] };
      case 'hub_supervisor':
        return { orgIds: [], userIds: await this.hubSupervisors() };
      case 'municipality_manager':
        return { orgIds: [], userIds: facts.responsibleMunicipalityCode ? await this.municipalityManagers(facts.responsibleMunicipalityCode) : [] };
      case 'next_contact':
        return { orgIds: nextContactOrgs(this.directory, facts.responsibleMunicipalityCode, facts.handoverOrgId, this.now), userIds: [] };
      case 'request_addressee':
        return facts.request ? this.requestAddressee(facts.request, facts.responsibleMunicipalityCode, fire) : { orgIds: [], userIds: [] };
    }
  }

  /**
   * Issue 20: a request to the police climbs the ROC's duty contact chain in the directory (the
   * ROC's screens and functional mailbox, and at fire n the n-th contact's mailbox); a request to
   * a municipality goes to its manager; to the hub, its supervisors; to another authority, its
   * own screens and mailbox.
   */
  private async requestAddressee(to: RequestAddressee, caseMunicipality: string | null, fire: number): Promise<Resolved> {
    switch (to.orgKind) {
      case 'hub':
        return { orgIds: [], userIds: await this.hubSupervisors() };
      case 'municipality':
      case 'intake_unit':
      case 'jour_group': {
        // A jour group serves several municipalities: the one responsible for the case.
        const code = to.municipalityCode ?? caseMunicipality;
        return { orgIds: [], userIds: code ? await this.municipalityManagers(code) : [] };
      }
      case 'authority': {
        // Another authority (SiS) answers to nobody in this product: no supervisor here can be
        // told to make it answer. So, as a real service desk would, the reminder climbs SiS's own
        // duty contact chain in the directory (its functional mailboxes, kept by admins: the
        // placement desk, then the duty manager), one contact per step; and from the second
        // step the asking side is told too (the user who asked, and the asking municipality's
        // manager or the hub's supervisors), because only the asker can act on the delay: call
        // SiS, or go on without the answer. The first step is SiS's alone: a reminder, not yet a
        // reason to involve the asker's manager.
        const own = await this.contactChainStep(to.orgId, fire);
        const asker = fire >= 1 && to.asker ? await this.askingSide(to.asker, caseMunicipality) : { orgIds: [], userIds: [] };
        return { orgIds: [to.orgId, ...asker.orgIds], userIds: asker.userIds, ...(own ? { emails: [own] } : {}) };
      }
      default: {
        const chain = await this.tx
          .select({ email: contactPoints.email })
          .from(contactPoints)
          .where(and(eq(contactPoints.orgId, to.orgId), isNotNull(contactPoints.email)))
          .orderBy(asc(contactPoints.position));
        const next = chain[Math.min(fire, chain.length - 1)]?.email;
        return { orgIds: [to.orgId], userIds: [], ...(next ? { emails: [{ email: next, orgId: to.orgId }] } : {}) };
      }
    }
  }

  /** The n-th functional mailbox of an organisation's contact chain (the last one once climbed to the top). */
  private async contactChainStep(orgId: string, fire: number): Promise<{ email: string; orgId: string } | null> {
    const chain = await this.tx
      .select({ email: contactPoints.email })
      .from(contactPoints)
      .where(and(eq(contactPoints.orgId, orgId), isNotNull(contactPoints.email)))
      .orderBy(asc(contactPoints.position));
    const email = chain[Math.min(fire, chain.length - 1)]?.email;
    return email ? { email, orgId } : null;
  }

  /** The asking side of a request: the user who sent it (if still active) and the asking organisation's manager. */
  private async askingSide(asker: NonNullable<RequestAddressee['asker']>, caseMunicipality: string | null): Promise<{ orgIds: string[]; userIds: string[] }> {
    const sender = asker.userId ? await this.tx.select({ id: users.id }).from(users).where(and(eq(users.id, asker.userId), isNull(users.disabledAt))) : [];
    let managers: string[] = [];
    if (asker.orgKind === 'hub') managers = await this.hubSupervisors();
    else if (['municipality', 'intake_unit', 'jour_group'].includes(asker.orgKind)) {
      const code = asker.municipalityCode ?? caseMunicipality;
      managers = code ? await this.municipalityManagers(code) : [];
    }
    return { orgIds: [], userIds: [...new Set([...sender.map((u) => u.id), ...managers])] };
  }

  private async hubSupervisors(): Promise<string[]> {
    this.supervisors ??= (
      await this.tx
        .select({ id: users.id })
        .from(users)
        .innerJoin(organisations, eq(organisations.id, users.orgId))
        .where(and(eq(users.role, 'hub.supervisor'), eq(organisations.kind, 'hub'), isNull(users.disabledAt)))
    ).map((r) => r.id);
    return this.supervisors;
  }

  private async municipalityManagers(code: string): Promise<string[]> {
    let ids = this.managers.get(code);
    if (!ids) {
      ids = (
        await this.tx
          .select({ id: users.id })
          .from(users)
          .innerJoin(organisations, eq(organisations.id, users.orgId))
          .where(and(eq(users.role, 'municipality.manager'), eq(organisations.municipalityCode, code), isNull(users.disabledAt)))
      ).map((r) => r.id);
      this.managers.set(code, ids);
    }
    return ids;
  }
}
