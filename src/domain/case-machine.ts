// The life of a case (DESIGN.md section 2) as data: every named transition, the states it may
// start from, who may take it, and where it leads. Pure: the case feature asks `checkTransition`
// before it writes anything, and the same table drives the UI's buttons (via `allowedTransitions`).
//
// Some transitions do not change the state (a logged call, a verbal note) but are still named
// here so that their guard is declared in the same one place.

export const caseStatuses = ['received', 'triage', 'handover_pending', 'accepted', 'own', 'forwarded', 'returned', 'closed'] as const;
export type CaseStatus = (typeof caseStatuses)[number];

export type CaseRelation =
  /** The hub (Stockholms stads socialjour): handler or supervisor. */
  | 'hub'
  /** A hub handler who is the case's assignee. */
  | 'hub_assignee'
  | 'hub_supervisor'
  /** The police organisation that filed the report. */
  | 'reporter'
  /** The municipality (or jour group) the case is handed over to, or that owns it. */
  | 'receiver'
  /** The responsible municipality's own office intake (or manager), not a jour group. */
  | 'office'
  /**
   * Jour → office: the jour group that kvitterade the case at night, after the office's own
   * kvittens. It reads its own entries only and takes no action; this ends when the case closes.
   */
  | 'jour_earlier';

export interface CaseFacts {
  status: CaseStatus;
  handling: 'own' | 'handover' | 'forward' | 'return' | null;
  hasSkyddsbedomning: boolean;
  hasForhandsbedomning: boolean;
  hasFeedback: boolean;
  /** Stockholm's own case (own_residence or own_stay): the hub may assess it itself. */
  isOwn: boolean;
  /** Passed from the jour group to the office intake, which has not given its own kvittens yet. */
  officePending: boolean;
}

interface Rule {
  from: readonly CaseStatus[];
  /** Any of these relations may take it. */
  who: readonly CaseRelation[];
  /** Additional condition on the case's facts; returns a Swedish reason when not met. */
  guard?: (f: CaseFacts) => string | null;
  /** Target state; a function when it depends on facts; omitted when the state stays. */
  to?: CaseStatus | ((f: CaseFacts) => CaseStatus);
  /**
   * Rule 4: clarification is not investigation. Hub relations count only for Stockholm's own
   * cases (and for closing what the hub itself forwarded or returned); another municipality's
   * assessments and feedback are that municipality's alone.
   */
  ownerOnly?: true;
}

const HUB_WORKING: CaseRelation[] = ['hub_assignee', 'hub_supervisor'];
const HUB_RELATIONS = new Set<CaseRelation>(['hub', 'hub_assignee', 'hub_supervisor']);
const OPEN: CaseStatus[] = ['received', 'triage', 'handover_pending', 'accepted', 'own'];

export const transitions = {
  claim: { from: ['received'], who: ['hub', 'hub_supervisor'], to: 'triage' },
  /** A supervisor takes over or reassigns a claimed case. */
  reassign: { from: ['triage', 'handover_pending'], who: ['hub_supervisor'] },
  release: { from: ['triage'], who: HUB_WORKING, to: 'received' },
  decide: {
    from: ['triage'],
    who: HUB_WORKING,
    // own → Stockholm works it; handover → find whom to call; forward/return need their own step.
    to: (f) => (f.handling === 'own' ? 'own' : f.handling === 'handover' ? 'handover_pending' : 'triage'),
  },
  log_contact_attempt: { from: ['handover_pending'], who: HUB_WORKING },
  record_verbal_acknowledgement: { from: ['handover_pending'], who: HUB_WORKING, to: 'accepted' },
  acknowledge: { from: ['handover_pending'], who: ['receiver'], to: 'accepted' },
  refuse: { from: ['handover_pending'], who: ['receiver'], to: 'triage' },
  /** Jour → office: the office intake's own kvittens of a case its jour group took at night. */
  acknowledge_from_jour: {
    from: ['accepted'],
    who: ['office'],
    guard: (f) => (f.officePending ? null : 'Ärendet väntar inte på mottagningens kvittens från jouren.'),
  },
  forward: {
    from: ['triage'],
    who: HUB_WORKING,
    guard: (f) => (f.handling === 'forward' ? null : 'Ärendet kan bara vidarebefordras när beslutet är att det ska vidarebefordras.'),
    to: 'forwarded',
  },
  return: { from: ['received', 'triage'], who: HUB_WORKING, to: 'returned' },
  record_skyddsbedomning: {
    ownerOnly: true,
    from: ['accepted', 'own'],
    who: ['receiver', 'hub_assignee', 'hub_supervisor'],
    guard: (f) => (f.hasSkyddsbedomning ? 'Skyddsbedömningen är redan registrerad.' : null),
  },
  record_forhandsbedomning: {
    ownerOnly: true,
    from: ['accepted', 'own'],
    who: ['receiver', 'hub_assignee', 'hub_supervisor'],
    guard: (f) =>
      !f.hasSkyddsbedomning
        ? 'Skyddsbedömningen måste registreras före förhandsbedömningen.'
        : f.hasForhandsbedomning
          ? 'Förhandsbedömningen är redan registrerad.'
          : null,
  },
  send_feedback: {
    ownerOnly: true,
    from: ['accepted', 'own'],
    who: ['receiver', 'hub_assignee', 'hub_supervisor'],
    guard: (f) =>
      !f.hasForhandsbedomning ? 'Återkoppling lämnas när förhandsbedömningen är gjord.' : f.hasFeedback ? 'Återkoppling är redan lämnad.' : null,
  },
  close: {
    ownerOnly: true,
    from: ['accepted', 'own', 'forwarded', 'returned'],
    who: ['receiver', 'hub_assignee', 'hub_supervisor'],
    guard: (f) =>
      (f.status === 'accepted' || f.status === 'own') && !f.hasFeedback ? 'Ärendet kan avslutas först när återkoppling till polisen är lämnad.' : null,
    to: 'closed',
  },
  reopen: { from: ['closed'], who: ['receiver', 'hub_supervisor'] },
  ask_question: { from: OPEN, who: ['hub', 'reporter', 'receiver'] },
  answer_question: { from: [...OPEN, 'forwarded', 'returned'], who: ['hub', 'reporter', 'receiver'] },
} as const satisfies Record<string, Rule>;

export type TransitionName = keyof typeof transitions;

export type TransitionCheck =
  | { ok: true; to: CaseStatus }
  | { ok: false; code: 'FORBIDDEN' | 'INVALID_STATE'; reason: string };

const statusLabels: Record<CaseStatus, string> = {
  received: 'Inkommen',
  triage: 'Under bedömning hos socialjouren',
  handover_pending: 'Väntar på överlämning',
  accepted: 'Kvitterad av mottagande kommun',
  own: 'Handläggs av Stockholms stad',
  forwarded: 'Vidarebefordrad',
  returned: 'Återsänd till polisen',
  closed: 'Avslutad',
};

export function statusLabel(s: CaseStatus): string {
  return statusLabels[s];
}

/** May `relations` take `name` on a case with these facts, and where does it lead? */
export function checkTransition(name: TransitionName, facts: CaseFacts, relations: readonly CaseRelation[]): TransitionCheck {
  const rule: Rule = transitions[name];
  const hubMayAct = !rule.ownerOnly || facts.isOwn || facts.status === 'forwarded' || facts.status === 'returned';
  const qualifying = rule.who.filter((r) => relations.includes(r) && (hubMayAct || !HUB_RELATIONS.has(r)));
  if (qualifying.length === 0) {
    const hubOnly = rule.who.some((r) => relations.includes(r));
    return {
      ok: false,
      code: 'FORBIDDEN',
      reason: hubOnly
        ? 'Socialjouren klargör men gör inte skydds- eller förhandsbedömning i en annan kommuns ärende; det gör mottagande kommun.'
        : 'Du har inte behörighet till den här åtgärden i ärendet.',
    };
  }
  if (!rule.from.includes(facts.status)) {
    return { ok: false, code: 'INVALID_STATE', reason: `Åtgärden går inte att göra när ärendet är i läget "${statusLabel(facts.status)}".` };
  }
  const blocked = rule.guard?.(facts);
  if (blocked) return { ok: false, code: 'INVALID_STATE', reason: blocked };
  const to = typeof rule.to === 'function' ? rule.to(facts) : (rule.to ?? facts.status);
  return { ok: true, to };
}

/** The transitions these relations can take now: what the UI offers as buttons. */
export function allowedTransitions(facts: CaseFacts, relations: readonly CaseRelation[]): TransitionName[] {
  return (Object.keys(transitions) as TransitionName[]).filter((n) => checkTransition(n, facts, relations).ok);
}
