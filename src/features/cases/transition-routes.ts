// Every named transition of a case as POST /cases/:id/<action>. One handler shape for all:
// authenticate (hook) → validate (zod) → load and lock the case in scope → If-Match → the
// operation (which checks the declared transition rules) with its effects → present.
import type { DirectorySnapshot } from '../../domain/directory-types.ts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { withActorTransaction } from '../../db/actor-transaction.ts';
import type { TransitionName } from '../../domain/case-machine.ts';
import { caseRelations } from '../../policies/cases.ts';
import { AppError } from '../../shared/errors.ts';
import { acknowledgeCase } from './acknowledge-case.ts';
import { acknowledgeFromJour } from './acknowledge-from-jour.ts';
import type { TransitionContext } from './apply-transition.ts';
import { claimCase } from './claim-case.ts';
import { closeCase } from './close-case.ts';
import { decideCase } from './decide-case.ts';
import { CaseDto } from '../../shared/api/cases.ts';
import { forwardCase } from './forward-case.ts';
import { loadCaseView } from './load-case-view.ts';
import { logContactAttempt } from './log-contact-attempt.ts';
import { getCaseForUpdate, type CaseRow } from './queries.ts';
import { reassignCase } from './reassign-case.ts';
import { recordForhandsbedomning } from './record-forhandsbedomning.ts';
import { recordSkyddsbedomning } from './record-skyddsbedomning.ts';
import { recordVerbalAcknowledgement } from './record-verbal-acknowledgement.ts';
import { refuseHandover } from './refuse-handover.ts';
import { releaseCase } from './release-case.ts';
import { reopenCase } from './reopen-case.ts';
import { returnCase } from './return-case.ts';
import {
  CaseIdParams,
  ContactAttemptBody,
  DecisionBody,
  FeedbackBody,
  ForhandsbedomningBody,
  ForwardBody,
  ReasonBody,
  SkyddsbedomningBody,
  VerbalAcknowledgementBody,
} from './schemas.ts';
import { sendFeedback } from './send-feedback.ts';

const Empty = z.strictObject({}).optional();
const IfMatch = z.object({ 'if-match': z.string().regex(/^(W\/)?"?\d+"?$/, 'If-Match ska vara ärendets version, t.ex. "3"').optional() });

interface Action<B extends z.ZodType> {
  path: string;
  transition: TransitionName;
  summary: string;
  body: B;
  /**
   * The transition takes the case out of the actor's sight (it `leavesScope`): the answer is
   * 204 with nothing to show. Every other transition answers 200 with the case as it now is.
   */
  leavesSight?: true;
  /** `dir`: the directory as read before the transaction, from the pool (never on its connection). */
  run(ctx: TransitionContext, body: z.infer<B>, dir: DirectorySnapshot): Promise<CaseRow>;
}

const action = <B extends z.ZodType>(a: Action<B>) => a;

const actions = [
  action({ path: 'claim', transition: 'claim', summary: 'Hub: take a new case', body: Empty, run: (ctx) => claimCase(ctx) }),
  action({ path: 'release', transition: 'release', summary: 'Hub: put the case back in the queue', body: Empty, run: (ctx) => releaseCase(ctx) }),
  action({ path: 'reassign', transition: 'reassign', summary: 'Hub supervisor: take over a claimed case', body: Empty, run: (ctx) => reassignCase(ctx) }),
  action({
    path: 'decision',
    transition: 'decide',
    summary: 'Hub: decide eligibility and legal basis from the routing rules (supervisor may override with a reason)',
    body: DecisionBody,
    run: (ctx, body, dir) => decideCase(ctx, dir, body?.override),
  }),
  action({ path: 'contact-attempts', transition: 'log_contact_attempt', summary: 'Hub: log a call made while handing over', body: ContactAttemptBody, run: (ctx, body) => logContactAttempt(ctx, body) }),
  action({
    path: 'verbal-acknowledgement',
    transition: 'record_verbal_acknowledgement',
    summary: 'Hub: record that the receiving municipality accepted on the phone, with the name of who accepted',
    body: VerbalAcknowledgementBody,
    run: (ctx, body) => recordVerbalAcknowledgement(ctx, body),
  }),
  action({ path: 'acknowledge', transition: 'acknowledge', summary: 'Receiving municipality: kvittera the handover', body: Empty, run: (ctx) => acknowledgeCase(ctx) }),
  action({
    path: 'acknowledge-from-jour',
    transition: 'acknowledge_from_jour',
    summary: 'Office intake: kvittera a case its jour group took at night, passed to the office when it opened',
    body: Empty,
    run: (ctx) => acknowledgeFromJour(ctx),
  }),
  action({
    path: 'refuse',
    transition: 'refuse',
    summary: 'Receiving municipality: refuse the handover with a reason (the case leaves its sight: 204)',
    body: ReasonBody,
    leavesSight: true,
    run: (ctx, body) => refuseHandover(ctx, body.reason),
  }),
  action({ path: 'forward', transition: 'forward', summary: 'Hub: forward to the responsible authority (förvaltningslagen)', body: ForwardBody, run: (ctx, body) => forwardCase(ctx, body) }),
  action({ path: 'return', transition: 'return', summary: 'Hub: return to the police with a reason', body: ReasonBody, run: (ctx, body) => returnCase(ctx, body.reason) }),
  action({ path: 'skyddsbedomning', transition: 'record_skyddsbedomning', summary: 'Record the skyddsbedömning', body: SkyddsbedomningBody, run: (ctx, body) => recordSkyddsbedomning(ctx, body) }),
  action({ path: 'forhandsbedomning', transition: 'record_forhandsbedomning', summary: 'Record the förhandsbedömning', body: ForhandsbedomningBody, run: (ctx, body) => recordForhandsbedomning(ctx, body) }),
  action({ path: 'feedback', transition: 'send_feedback', summary: 'Send feedback (återkoppling) to the police', body: FeedbackBody, run: (ctx, body) => sendFeedback(ctx, body) }),
  action({ path: 'close', transition: 'close', summary: 'Close the case', body: Empty, run: (ctx) => closeCase(ctx) }),
  action({ path: 'reopen', transition: 'reopen', summary: 'Reopen a closed case with a reason', body: ReasonBody, run: (ctx, body) => reopenCase(ctx, body.reason) }),
];

function expectedVersion(header: string | undefined): number | null {
  return header ? Number(header.replace(/^W\//, '').replaceAll('"', '')) : null;
}

export const transitionRoutes: FastifyPluginAsyncZod = async (app) => {
  const { database, config } = app.deps;
  for (const a of actions) {
    // One success status per operation, as documented: the case, or nothing when it left sight.
    const response = a.leavesSight ? { 204: z.null() } : { 200: CaseDto };
    app.post(
      `/cases/:id/${a.path}`,
      { schema: { tags: ['cases'], summary: a.summary, params: CaseIdParams, headers: IfMatch, body: a.body, response } },
      async (request, reply) => {
        const actor = request.actor!;
        const now = app.now();
        const dir = await app.directoryCache.get(database.db);
        const view = await withActorTransaction(database.db, actor, async (tx) => {
          const kase = await getCaseForUpdate(tx, actor, request.params.id);
          const expected = expectedVersion(request.headers['if-match']);
          if (expected !== null && expected !== kase.version) {
            throw new AppError('PRECONDITION_FAILED', `Ärendet har ändrats (version ${kase.version}, du hade ${expected}). Ladda om.`);
          }
          const ctx: TransitionContext = { tx, actor, kase, requestId: request.id, now, personKey: config.auditPersonKey };
          const after = await a.run(ctx, request.body as never, dir);
          await app.caseEffects?.onTransition(tx, a.transition, kase, after);
          if (a.leavesSight) return null;
          // A transition that hides the case must say so above, or its documented answer is wrong.
          if (caseRelations(actor, after).length === 0) throw new Error(`${a.transition} took the case out of the actor's sight undeclared`);
          return loadCaseView(tx, actor, after, { dir, now, requestId: request.id, personKey: config.auditPersonKey });
        });
        if (!view) return reply.code(204).send(null);
        reply.header('etag', `"${view.version}"`);
        return view;
      },
    );
  }
};
