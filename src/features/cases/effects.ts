import type { Tx } from '../../db/types.ts';
import type { TransitionName } from '../../domain/case-machine.ts';
import type { CaseRow } from './queries.ts';

/**
 * What a case's changes set in motion beyond the case itself: clocks (deadlines and escalation)
 * and notifications. Runs inside the same transaction as the change, so a committed change
 * always has its clocks and outbox rows, and a rolled-back one has none.
 */
export interface CaseEffects {
  /** A new case, in the transaction that files it (file-report.ts). */
  onCreated(tx: Tx, row: CaseRow): Promise<void>;
  onTransition(tx: Tx, name: TransitionName | 'message_question' | 'message_answer', before: CaseRow, after: CaseRow, subjectId?: string): Promise<void>;
}

declare module 'fastify' {
  interface FastifyInstance {
    caseEffects: CaseEffects | null;
  }
}
