// Resolves an escalation step's target to the people or units to alert, as of now. Lookups are
// cached per batch transaction: one query per role and municipality, not one per deadline.
import { and, eq, inArray, isNull } from 'drizzle-orm';
import { organisations, users } from '../db/schema.ts';
import type { Tx } from '../db/types.ts';
import type { EscalationTarget } from '../domain/deadlines.ts';
import type { DirectorySnapshot } from '../domain/directory-types.ts';
import { nextContactOrgs } from '../domain/escalation-targets.ts';

export interface CaseFacts {
  caseId: string;
  assignedUserId: string | null;
  responsibleMunicipalityCode: string | null;
  handoverOrgId: string | null;
}

export interface Resolved {
  orgIds: string[];
  userIds: string[];
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

  async resolve(target: EscalationTarget, facts: CaseFacts): Promise<Resolved> {
    switch (target) {
      case 'assignee':
        return { orgIds: [], userIds: facts.assignedUserId && this.activeUsers.has(facts.assignedUserId) ? [facts.assignedUserId] : [] };
      case 'hub_supervisor':
        return { orgIds: [], userIds: await this.hubSupervisors() };
      case 'municipality_manager':
        return { orgIds: [], userIds: facts.responsibleMunicipalityCode ? await this.municipalityManagers(facts.responsibleMunicipalityCode) : [] };
      case 'next_contact':
        return { orgIds: nextContactOrgs(this.directory, facts.responsibleMunicipalityCode, facts.handoverOrgId, this.now), userIds: [] };
    }
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
