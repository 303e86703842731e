// Server validation problems as the admin forms show them: each message beside the field its
// path names ("body.hours.weekly.1.0.start" → "hours.weekly.1.0.start"), and the messages of paths
// no field on screen owns (e.g. "body.hours" for a calendar the rules refuse) in the summary at
// the top, so nothing the server says is lost.
import { ApiError } from '../api.ts';

export interface FormErrors {
  /** First message per field key. */
  fields: Record<string, string>;
  /** Messages for paths no field on screen shows. */
  general: string[];
}

export const noErrors: FormErrors = { fields: {}, general: [] };

export function formErrors(error: unknown, shownKeys: ReadonlySet<string>): FormErrors {
  const fields: Record<string, string> = {};
  const general: string[] = [];
  if (error instanceof ApiError) {
    for (const issue of error.problem?.errors ?? []) {
      const key = issue.path.replace(/^body\.?/, '');
      if (key && shownKeys.has(key)) fields[key] ??= issue.message;
      else if (!general.includes(issue.message)) general.push(issue.message);
    }
  }
  return { fields, general };
}

export const TIME = /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/;
export const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Minutes after midnight of "HH:MM" ("24:00" = 1440). */
export function minutes(time: string): number {
  const [h, m] = time.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}
