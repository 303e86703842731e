// The case endpoints the screens use. Every transition carries the version the reader saw
// (If-Match), so a change made meanwhile by someone else is refused with 412 instead of lost.
import { ApiError, client, ok } from '../api.ts';
import type { paths } from '../api/schema.d.ts';
import type { CaseDto, TransitionName } from './types.ts';

/** The URL segment of each transition (POST /api/v1/cases/:id/<segment>). */
const segments = {
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
} as const satisfies Partial<Record<TransitionName, string>>;

type Segment = (typeof segments)[keyof typeof segments];
type TransitionPath = `/api/v1/cases/{id}/${Segment}`;
/** The body a transition takes, as the document says (the same for every transition it is the union of). */
type TransitionBody = NonNullable<paths[TransitionPath]['post']['requestBody']>['content']['application/json'];

/**
 * Runs a transition; resolves to the case as it now is, or to null when the transition took the
 * case out of the reader's sight (refuse: 204).
 */
export async function transition(kase: { id: string; version: number }, name: TransitionName, body: unknown = {}): Promise<CaseDto | null> {
  const segment = (segments as Partial<Record<TransitionName, Segment>>)[name];
  if (!segment) throw new Error(`no endpoint for ${name}`);
  const path: TransitionPath = `/api/v1/cases/{id}/${segment}`;
  // The forms build each transition's body; the server checks it against that transition's schema.
  const answer = await ok(
    client.POST(path, { params: { path: { id: kase.id }, header: { 'if-match': `"${kase.version}"` } }, body: body as TransitionBody }),
  );
  return answer ?? null;
}

export function postMessage(caseId: string, body: { kind: 'question' | 'answer' | 'note'; body: string; replyToId?: string }): Promise<{ id: string }> {
  return ok(client.POST('/api/v1/cases/{id}/messages', { params: { path: { id: caseId } }, body }));
}

export async function markRead(caseId: string, messageId: string): Promise<void> {
  await ok(client.POST('/api/v1/cases/{id}/messages/{messageId}/read', { params: { path: { id: caseId, messageId } } }));
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
