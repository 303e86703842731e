import type { Actor } from '../../shared/actor.ts';

/** Who and when of a timeline event: the case, the moment, and the person acting. */
export function eventBy(caseId: string, actor: Actor, at: Date) {
  return { caseId, at, actorUserId: actor.userId, actorOrgId: actor.orgId, actorName: actor.displayName };
}
