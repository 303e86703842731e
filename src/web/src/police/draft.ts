// The report being written, kept in this browser's localStorage on every change so that a
// reload or a lost connection loses nothing. It holds personal data about a child: it stays in
// this browser only (never sent anywhere until submitted), and is removed when the report is
// submitted and when the user logs out (App.tsx).
import type { Urgency } from '../cases/types.ts';

export interface GuardianDraft {
  name: string;
  relation: string;
  phone: string;
  address: string;
}

export interface ReportDraft {
  /** One per draft: a retried submit after a lost answer returns the same case. */
  idempotencyKey: string;
  policeDiaryNumber: string;
  officerName: string;
  officerUnit: string;
  officerPhone: string;
  /** How the time found was given: "now" (the moment it was chosen) or "other"; '' until chosen. */
  foundWhen: '' | 'now' | 'other';
  /** A datetime-local value; '' until given (never defaulted to "now" without the officer's choice). */
  foundAt: string;
  foundCode: string;
  foundPlace: string;
  identityKind: 'known' | 'unknown';
  identityNumber: string;
  childName: string;
  estimatedAge: string;
  description: string;
  residenceCode: string;
  residenceAddress: string;
  protectedIdentity: boolean;
  guardians: GuardianDraft[];
  concern: string;
  gangTypes: string[];
  gangDescription: string;
  policeRiskAssessment: string;
  whereabouts: string;
  withWhom: string;
  urgency: Urgency | '';
}

const KEY = 'envagin.reportDraft';

function newKey(): string {
  return typeof crypto !== 'undefined' && 'randomUUID' in crypto ? crypto.randomUUID() : `k-${Date.now()}-${Math.random().toString(36).slice(2)}`;
}

/** "2026-06-19T23:05" in the browser's time zone, for a datetime-local field. */
export function localInputValue(at: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}T${pad(at.getHours())}:${pad(at.getMinutes())}`;
}

export function emptyDraft(officer: { name: string; unit: string; phone: string }): ReportDraft {
  return {
    idempotencyKey: newKey(),
    policeDiaryNumber: '',
    officerName: officer.name,
    officerUnit: officer.unit,
    officerPhone: officer.phone,
    foundWhen: '',
    foundAt: '',
    foundCode: '',
    foundPlace: '',
    identityKind: 'known',
    identityNumber: '',
    childName: '',
    estimatedAge: '',
    description: '',
    residenceCode: '',
    residenceAddress: '',
    protectedIdentity: false,
    guardians: [],
    concern: '',
    gangTypes: [],
    gangDescription: '',
    policeRiskAssessment: '',
    whereabouts: '',
    withWhom: '',
    urgency: '',
  };
}

export function loadReportDraft(): ReportDraft | null {
  try {
    const raw = localStorage.getItem(KEY);
    if (!raw) return null;
    const parsed = JSON.parse(raw) as Partial<ReportDraft>;
    if (typeof parsed.idempotencyKey !== 'string') return null;
    // A draft saved before the time found became an explicit choice: a time it has was given.
    const foundWhen = parsed.foundWhen ?? (parsed.foundAt ? 'other' : '');
    return { ...emptyDraft({ name: '', unit: '', phone: '' }), ...parsed, foundWhen } as ReportDraft;
  } catch {
    return null;
  }
}

export function saveReportDraft(draft: ReportDraft): boolean {
  try {
    localStorage.setItem(KEY, JSON.stringify(draft));
    return true;
  } catch {
    return false;
  }
}

export function clearReportDraft(): void {
  try {
    localStorage.removeItem(KEY);
  } catch {
    // Storage unavailable: nothing was kept.
  }
}
