// The case endpoints the screens use. Every transition carries the version the reader saw
// (If-Match), so a change made meanwhile by someone else is refused with 412 instead of lost.
import { ApiError, api } from '../api.ts';
import type { CaseDto, TransitionName } from './types.ts';

/** The URL segment of each transition (POST /api/v1/cases/:id/<segment>). */
const segments: Partial<Record<TransitionName, string>> = {
  claim: 'claim',
  release: 'release',
  reassign: 'reassign',
  decide: 'decision',
  log_contact_attempt: 'contact-attempts',
  record_verbal_acknowledgement: 'verbal-acknowledgement',
  acknowledge: 'acknowledge',
  acknowledge_from_jour: 'acknowledge-from-jour',
  refuse: 'refuse',
  forward: 'forward',
  return: 'return',
  record_skyddsbedomning: 'skyddsbedomning',
  record_forhandsbedomning: 'forhandsbedomning',
  send_feedback: 'feedback',
  close: 'close',
  reopen: 'reopen',
};

export function transition(kase: { id: string; version: number }, name: TransitionName, body: unknown = {}): Promise<CaseDto> {
  const segment = segments[name];
  if (!segment) throw new Error(`no endpoint for ${name}`);
  return api<CaseDto>('POST', `/api/v1/cases/${kase.id}/${segment}`, body, { 'if-match': `"${kase.version}"` });
}

export function postMessage(caseId: string, body: { kind: 'question' | 'answer' | 'note'; body: string; replyToId?: string }): Promise<{ id: string }> {
  return api('POST', `/api/v1/cases/${caseId}/messages`, body);
}

export function markRead(caseId: string, messageId: string): Promise<void> {
  return api('POST', `/api/v1/cases/${caseId}/messages/${messageId}/read`);
}

/** Field errors keyed like the API's paths without "body.": "child.identityNumber", "reason". */
export function fieldErrors(error: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (error instanceof ApiError) {
    for (const issue of error.problem?.errors ?? []) {
      const key = issue.path.replace(/^body\.?/, '') || 'form';
      out[key] ??= issue.message;
    }
  }
  return out;
}

export function errorText(error: unknown): string {
  return error instanceof ApiError ? error.message : String(error);
}
