import { applyTransition, type TransitionContext } from './apply-transition.ts';
import type { CaseRow } from './queries.ts';

export interface ForhandsbedomningInput {
  decision: 'inleda_utredning' | 'inte_inleda' | 'redan_pagaende';
  decidedOn: string;
  note: string;
}

/** Förhandsbedömning: whether to open an investigation, within 14 days of receipt. */
export async function recordForhandsbedomning(ctx: TransitionContext, input: ForhandsbedomningInput): Promise<CaseRow> {
  return applyTransition(ctx, {
    name: 'record_forhandsbedomning',
    patch: { forhandsbedomning: { ...input, recordedBy: ctx.actor.displayName, orgId: ctx.actor.orgId }, forhandsbedomningAt: ctx.now },
    data: { decision: input.decision, decidedOn: input.decidedOn },
  });
}
