// Information requests (DESIGN.md rule 8, issue 20): who may ask whom about a case, and the life of
// a request once sent. Pure: facts in, a decision out. The operations in
// src/features/information-requests gather the facts (the reader's organisation, the addressed
// organisation, the case's stage) and apply the decision in one transaction.
//
//   sent ──acknowledge──► received ──answer──► answered
//     │                      ├─────decline──► declined (with a reason)
//     └──────withdraw────────┴────withdraw──► withdrawn
//
// An answer or a refusal comes after someone at the addressee has acknowledged the request
// (received): the asker then knows a person there has it, which is what the clock waits for.

export const requestStates = ['sent', 'received', 'answered', 'declined', 'withdrawn'] as const;
export type RequestState = (typeof requestStates)[number];

/** The states in which a request still waits for the addressee (its clock runs). */
export const openRequestStates = ['sent', 'received'] as const satisfies readonly RequestState[];

export const requestKinds = ['risk_assessment', 'gang_affiliation', 'criminal_groupings', 'other'] as const;
export type RequestKind = (typeof requestKinds)[number];

export const requestUrgencies = ['urgent', 'normal'] as const;
export type RequestUrgency = (typeof requestUrgencies)[number];

export const riskLevels = ['low', 'elevated', 'high', 'unknown'] as const;
export const affiliationAnswers = ['yes', 'no', 'unknown'] as const;

export const requestSteps = ['acknowledge', 'answer', 'decline', 'withdraw'] as const;
export type RequestStep = (typeof requestSteps)[number];

/**
 * A reader's part in a request. The asking and the addressed organisations take its steps; the
 * municipality responsible for the case (when it is neither) only reads it.
 */
export type RequestParty = 'asker' | 'addressee' | 'responsible_municipality';

export type RequestDecision = { ok: true; to: RequestState } | { ok: false; code: 'NOT_FOUND' | 'FORBIDDEN' | 'INVALID_STATE'; reason: string };

const stepRules: Record<RequestStep, { by: RequestParty; from: readonly RequestState[]; to: RequestState; forbidden: string; wrongState: string }> = {
  acknowledge: {
    by: 'addressee',
    from: ['sent'],
    to: 'received',
    forbidden: 'Bara den tillfrågade organisationen kvitterar en förfrågan.',
    wrongState: 'Förfrågan är redan kvitterad eller avslutad.',
  },
  answer: {
    by: 'addressee',
    from: ['received'],
    to: 'answered',
    forbidden: 'Bara den tillfrågade organisationen besvarar en förfrågan.',
    wrongState: 'Förfrågan besvaras efter att den kvitterats, och bara en gång.',
  },
  decline: {
    by: 'addressee',
    from: ['received'],
    to: 'declined',
    forbidden: 'Bara den tillfrågade organisationen kan avböja en förfrågan.',
    wrongState: 'Förfrågan avböjs efter att den kvitterats, och bara om den inte redan är avslutad.',
  },
  withdraw: {
    by: 'asker',
    from: ['sent', 'received'],
    to: 'withdrawn',
    forbidden: 'Bara den som ställt förfrågan kan återkalla den.',
    wrongState: 'Förfrågan är redan besvarad, avböjd eller återkallad.',
  },
};

/**
 * Whether `parties` may take `step` on a request in `state`. A reader with no part in the request
 * gets NOT_FOUND (a probe learns nothing); a party without the right FORBIDDEN; the right party
 * in the wrong state INVALID_STATE.
 */
export function checkRequestStep(step: RequestStep, state: RequestState, parties: readonly RequestParty[]): RequestDecision {
  const rule = stepRules[step];
  if (parties.length === 0) return { ok: false, code: 'NOT_FOUND', reason: 'Förfrågan finns inte.' };
  if (!parties.includes(rule.by)) return { ok: false, code: 'FORBIDDEN', reason: rule.forbidden };
  if (!rule.from.includes(state)) return { ok: false, code: 'INVALID_STATE', reason: rule.wrongState };
  return { ok: true, to: rule.to };
}

/** The steps a party may take now (the web app shows only these; the server decides again). */
export function availableSteps(state: RequestState, parties: readonly RequestParty[]): RequestStep[] {
  return requestSteps.filter((s) => checkRequestStep(s, state, parties).ok);
}

// ───────────────────────── Who may ask whom ─────────────────────────

/** The side of an organisation in the collaboration. */
export type Side = 'police' | 'hub' | 'municipality' | 'authority';

/**
 * Where the case is, as far as asking goes: the hub clarifies it (received, claimed), handles it
 * itself (own), a municipality handles it (from the handover on), or it is finished.
 */
export type CaseStage = 'clarifying' | 'own' | 'handed_over' | 'finished';

export interface AskFacts {
  stage: CaseStage;
  asker: {
    side: Side;
    /** The asker's organisation handles the case now (the hub while clarifying or for its own case; the receiving municipality). */
    handles: boolean;
    /** A police organisation: it filed the report. */
    reported: boolean;
    /** Another authority: it has been made party to the case. */
    party: boolean;
  };
  addressee: {
    side: Side;
    handles: boolean;
    party: boolean;
    /** The asker's own organisation. */
    self: boolean;
  };
}

export type AskDecision = { ok: true } | { ok: false; code: 'FORBIDDEN' | 'INVALID_STATE'; reason: string };

const refuse = (reason: string): AskDecision => ({ ok: false, code: 'FORBIDDEN', reason });

/**
 * The directions of issue 20:
 * - the social services handling the case (a municipality's intake or jour group; the hub for
 *   Stockholm's own cases and while it clarifies) → the police ROC;
 * - the police who filed the report → the organisation handling the case;
 * - the social services handling the case → another authority made party to it (SiS), and that
 *   authority → the social services handling the case.
 * Nobody asks about a finished case (forwarded, returned, closed), or their own organisation.
 */
export function checkAsk(f: AskFacts): AskDecision {
  if (f.stage === 'finished') return { ok: false, code: 'INVALID_STATE', reason: 'Ärendet är avslutat; ingen ny förfrågan kan ställas.' };
  if (f.addressee.self) return refuse('En förfrågan ställs till en annan organisation än den egna.');
  const { asker, addressee } = f;
  switch (asker.side) {
    case 'police':
      if (!asker.reported) return refuse('Polisen ställer förfrågningar om ärenden den själv anmält.');
      if ((addressee.side === 'hub' || addressee.side === 'municipality') && addressee.handles) return { ok: true };
      return refuse('Polisen ställer förfrågan till den socialtjänst som handlägger ärendet.');
    case 'hub':
    case 'municipality':
      if (!asker.handles) {
        return refuse(
          asker.side === 'hub'
            ? 'Socialjouren ställer förfrågningar för Stockholms egna ärenden och medan den klarlägger ett ärende.'
            : 'Kommunen ställer förfrågningar om ärenden den handlägger.',
        );
      }
      if (addressee.side === 'police') return { ok: true };
      if (addressee.side === 'authority' && addressee.party) return { ok: true };
      return refuse('Socialtjänsten ställer förfrågan till polisen (ROC) eller till en myndighet som är part i ärendet.');
    case 'authority':
      if (!asker.party) return refuse('Myndigheten är inte part i ärendet.');
      if ((addressee.side === 'hub' || addressee.side === 'municipality') && addressee.handles) return { ok: true };
      return refuse('Myndigheten ställer förfrågan till den socialtjänst som handlägger ärendet.');
  }
}

/** The stage of a case from its status and handling. */
export function caseStage(status: string, handling: string | null, handoverStartedAt: Date | null): CaseStage {
  if (status === 'forwarded' || status === 'returned' || status === 'closed') return 'finished';
  if (status === 'own' || handling === 'own') return 'own';
  if (handoverStartedAt !== null) return 'handed_over';
  return 'clarifying';
}

/** The side of an organisation kind. */
export function sideOf(orgKind: string): Side | null {
  switch (orgKind) {
    case 'police':
      return 'police';
    case 'hub':
      return 'hub';
    case 'municipality':
    case 'intake_unit':
    case 'jour_group':
      return 'municipality';
    case 'authority':
      return 'authority';
    default:
      return null;
  }
}

/**
 * The least the other authority (SiS) learns of the child: initials and birth year, enough to
 * match the request to a young person in its care without the identity number, the name or the
 * report. None of it when the child has a protected identity.
 */
export function leastIdentity(name: string | null, birthDate: string | null, protectedIdentity: boolean): { initials: string | null; birthYear: number | null } {
  if (protectedIdentity) return { initials: null, birthYear: null };
  const initials = (name ?? '')
    .split(/[\s-]+/)
    .filter(Boolean)
    .map((part) => part[0]!.toLocaleUpperCase('sv-SE'))
    .join('')
    .slice(0, 4);
  const year = birthDate ? Number(birthDate.slice(0, 4)) : NaN;
  return { initials: initials === '' ? null : initials, birthYear: Number.isInteger(year) && year > 1900 ? year : null };
}
