import type { Tx } from '../../db/types.ts';
import type { StartClockInput } from '../../jobs/clocks.ts';
import type { NotificationInput } from '../../jobs/notify.ts';
import type { TransitionName } from '../../domain/case-machine.ts';
import type { CaseRow } from './queries.ts';

/** What new cases set in motion; written together with the cases (write-report-batch.ts). */
export interface CreatedEffects {
  clocks: StartClockInput[];
  notifications: NotificationInput[];
}

export type NewCase = Pick<CaseRow, 'id' | 'number' | 'receivedAt' | 'urgency'>;

/**
 * What a case's changes set in motion beyond the case itself: clocks (deadlines and escalation)
 * and notifications. Runs inside the same transaction as the change, so a committed change
 * always has its clocks and outbox rows, and a rolled-back one has none.
 */
export interface CaseEffects {
  /** New cases, all of one batch (see filing-queue.ts). Pure: the batch writes what it returns. */
  onCreated(rows: readonly NewCase[]): CreatedEffects;
  onTransition(tx: Tx, name: TransitionName | 'message_question' | 'message_answer', before: CaseRow, after: CaseRow, subjectId?: string): Promise<void>;
}

declare module 'fastify' {
  interface FastifyInstance {
    caseEffects: CaseEffects | null;
  }
}
