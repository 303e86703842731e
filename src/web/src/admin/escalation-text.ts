// Escalation policies in words: the deadline rule and each alert step.
import type { z } from 'zod';
import type { UiKey } from '../../../shared/messages.ts';
import type { DeadlineSettings, EscalationStep, PolicyDto, PolicyProblemDto } from '../../../shared/api/notifications.ts';
import { duration } from '../cases/format.ts';
import { t, tf } from '../i18n.ts';

export type Policy = z.infer<typeof PolicyDto>;
export type PolicyProblem = z.infer<typeof PolicyProblemDto>;
export type Deadline = z.infer<typeof DeadlineSettings>;
export type Step = z.infer<typeof EscalationStep>;
export type Target = Step['target'];

export const targetLabels: Record<Target, UiKey> = {
  assignee: 'targetAssignee',
  next_contact: 'targetNextContact',
  hub_supervisor: 'targetHubSupervisor',
  municipality_manager: 'targetMunicipalityManager',
  request_addressee: 'targetRequestAddressee',
};

export function deadlineText(d: Deadline): string {
  if ('minutes' in d) return tf('deadlineMinutesText', { time: duration(d.minutes) });
  if ('days' in d) return tf('deadlineDaysText', { n: d.days });
  return tf('deadlineSameDayText', { time: 'lateAfter' in d ? d.lateAfter : d.sameDayUntil });
}

export function stepText(s: Step): string {
  const when = s.afterMinutes === 0 ? t('stepAtDue') : tf('stepAfter', { time: duration(s.afterMinutes) });
  const repeat = s.repeatEveryMinutes ? `, ${tf('stepRepeat', { time: duration(s.repeatEveryMinutes) })}` : '';
  return `${when}: ${t(targetLabels[s.target])}${repeat}`;
}
