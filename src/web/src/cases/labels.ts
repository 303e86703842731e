// Swedish words for the values a case carries.
import type { UiKey } from '../../../shared/messages.ts';
import { t } from '../i18n.ts';

const investigation: Record<string, UiKey> = {
  inleda_utredning: 'fbInleda',
  inte_inleda: 'fbInteInleda',
  redan_pagaende: 'fbRedanPagaende',
};

/** The feedback as the police read it. */
export function feedbackText(feedback: Record<string, unknown> | null | undefined): string | null {
  if (!feedback) return null;
  if (feedback.withheld) return t('feedbackWithheld');
  const key = typeof feedback.investigation === 'string' ? investigation[feedback.investigation] : undefined;
  const message = typeof feedback.message === 'string' && feedback.message ? ` ${feedback.message}` : '';
  return `${key ? t(key) : t('feedbackGiven')}${message}`;
}

export const forhandsLabels: Record<string, UiKey> = {
  inleda_utredning: 'decisionInleda',
  inte_inleda: 'decisionInteInleda',
  redan_pagaende: 'decisionRedanPagaende',
};

export const skyddLabels: Record<string, UiKey> = {
  immediate_protection_needed: 'skyddNeeded',
  no_immediate_protection_needed: 'skyddNotNeeded',
};

export const outcomeLabels: Record<string, UiKey> = {
  no_answer: 'outcomeNoAnswer',
  busy: 'outcomeBusy',
  reached: 'outcomeReached',
  voicemail: 'outcomeVoicemail',
};

export const handlingLabels: Record<string, UiKey> = {
  own: 'handlingOwn',
  handover: 'handlingHandover',
  forward: 'handlingForward',
  return: 'handlingReturn',
};

export const basisLabels: Record<string, UiKey> = {
  own_residence: 'basisOwnResidence',
  agreement: 'basisAgreement',
  own_stay: 'basisOwnStay',
  none: 'basisNone',
};

const events: Record<string, UiKey> = {
  receive: 'evReceive',
  claim: 'evClaim',
  release: 'evRelease',
  reassign: 'evReassign',
  decide: 'evDecide',
  log_contact_attempt: 'evContactAttempt',
  record_verbal_acknowledgement: 'evVerbalAck',
  acknowledge: 'evAcknowledge',
  acknowledge_from_jour: 'evAckFromJour',
  pass_to_office: 'evPassToOffice',
  refuse: 'evRefuse',
  forward: 'evForward',
  return: 'evReturn',
  record_skyddsbedomning: 'evSkydd',
  record_forhandsbedomning: 'evForhands',
  send_feedback: 'evFeedback',
  close: 'evClose',
  reopen: 'evReopen',
  ask_question: 'evQuestion',
  answer_question: 'evAnswer',
  message_question: 'evQuestion',
  message_answer: 'evAnswer',
};

export function eventLabel(type: string): string {
  const key = events[type];
  return key ? t(key) : type;
}

export function label(map: Record<string, UiKey>, value: unknown): string {
  const key = typeof value === 'string' ? map[value] : undefined;
  return key ? t(key) : String(value ?? t('none'));
}
