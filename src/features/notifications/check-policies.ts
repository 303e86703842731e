// Policies flagged in advance (issue 6): for each collaborating municipality, the policy that
// applies to each clock, and each step whose target will have nobody reachable: no active hub
// supervisor, no manager user for the municipality, or a coverage gap in its contact chain
// (the same interval arithmetic as the coverage check). At run time such a step falls through.
import { and, eq, isNull } from 'drizzle-orm';
import { escalationPolicies, organisations, users } from '../../db/schema.ts';
import type { DbOrTx } from '../../db/types.ts';
import { findCoverageGaps } from '../../domain/coverage.ts';
import { clockKinds } from '../../domain/deadlines.ts';
import type { DirectorySnapshot } from '../../domain/directory-types.ts';
import { defaultPolicies, toPolicy, type Policy } from '../../jobs/policies.ts';
import type { z } from 'zod';
import type { PolicyProblemDto } from '../../shared/api/notifications.ts';

type Problem = z.infer<typeof PolicyProblemDto>;

export async function checkPolicies(db: DbOrTx, dir: DirectorySnapshot, from: string, days: number): Promise<Problem[]> {
  const stored = (await db.select().from(escalationPolicies)).map(toPolicy);
  const supervisors = await db
    .select({ id: users.id })
    .from(users)
    .innerJoin(organisations, eq(organisations.id, users.orgId))
    .where(and(eq(users.role, 'hub.supervisor'), eq(organisations.kind, 'hub'), isNull(users.disabledAt)));
  const managers = await db
    .select({ code: organisations.municipalityCode })
    .from(users)
    .innerJoin(organisations, eq(organisations.id, users.orgId))
    .where(and(eq(users.role, 'municipality.manager'), isNull(users.disabledAt)));
  const managed = new Set(managers.map((m) => m.code));
  const gaps = findCoverageGaps(dir, from, days);

  const effective = (clock: Policy['clock'], code: string): Policy =>
    stored.find((p) => p.clock === clock && p.municipalityCode === code) ??
    stored.find((p) => p.clock === clock && p.municipalityCode === null) ?? { ...defaultPolicies.find((p) => p.clock === clock)!, municipalityCode: null };

  const problems: Problem[] = [];
  for (const m of dir.municipalities.filter((x) => x.inCounty)) {
    for (const clock of clockKinds) {
      const policy = effective(clock, m.code);
      policy.steps.forEach((step, index) => {
        const base = { policyId: policy.id ?? `default-${clock}`, clock, step: index, target: step.target, municipalityCode: m.code, municipalityName: m.name };
        if (step.target === 'hub_supervisor' && supervisors.length === 0) {
          problems.push({ ...base, reason: 'no_user', intervals: [], explanation: 'Det finns ingen aktiv arbetsledare på socialjouren.' });
        }
        if (step.target === 'municipality_manager' && !managed.has(m.code)) {
          problems.push({ ...base, reason: 'no_user', intervals: [], explanation: `${m.name} har ingen användare med rollen chef, kommun.` });
        }
        if (step.target === 'next_contact') {
          const own = gaps.filter((g) => g.municipalityCode === m.code);
          if (own.length > 0) {
            problems.push({
              ...base,
              reason: 'coverage_gap',
              intervals: own.map((g) => ({ start: g.start.toISOString(), end: g.end.toISOString() })),
              explanation: `${m.name} saknar nåbar kontakt under ${own.length} intervall i perioden.`,
            });
          }
        }
      });
    }
  }
  return problems;
}
