// The routing decision for one report (DESIGN.md rules 1–3): is the child in the target group,
// on what legal basis may Stockholm act, what happens to the report, and whom to call right now.
// Pure and total: unknown or malformed municipality codes never throw, they produce a
// decision with an explanation, because the hub must always get an answer.

import type { Agreement, DirectorySnapshot, IsoDate } from './directory-types.ts';
import { STOCKHOLM_CODE, agreementInForce, agreementsNotInForce, findMunicipality, isKommunkod, whyNotInForce } from './agreements.ts';
import { describeDay } from './calendar.ts';
import { findCurrentContacts, type RoutingContact } from './contacts.ts';
import { reasonText as R, whenText, type NamedMunicipality } from './routing-reasons.ts';
import { toStockholm } from './stockholm-time.ts';

export { findCurrentContacts, type RoutingContact } from './contacts.ts';

export type Basis = 'own_residence' | 'agreement' | 'own_stay' | 'none';
export type Handling = 'own' | 'handover' | 'forward' | 'return';

export interface RoutingInput {
  /** Kommunkod of the bosättningskommun, or 'unknown'. */
  residence: string;
  /** Kommunkod of the municipality where the child was found (påträffad). */
  found: string;
  /** Whole years on the receipt date. */
  age: number;
  receivedAt: Date;
  /** The moment to find a contact for; defaults to receivedAt. */
  at?: Date;
}

export interface AgreementSummary {
  dnr: string;
  validFrom: IsoDate;
  validTo: IsoDate | null;
  decidedBy: string;
  decisionDate: IsoDate;
}

export interface RoutingDecision {
  inTargetGroup: boolean;
  basis: Basis;
  handling: Handling;
  responsibleMunicipality: NamedMunicipality | null;
  contact: RoutingContact | null;
  /** Who to try next at the same moment, in order (same unit/group first). */
  chain: RoutingContact[];
  agreement: AgreementSummary | null;
  reasons: string[];
  /** Stockholm calendar date of receipt (förvaltningslagen): all date rules use it. */
  receiptDate: IsoDate;
}

/** A municipality code as the caller gave it, resolved against the directory. */
interface Place {
  code: string | null;
  known: NamedMunicipality | null;
  inCounty: boolean;
}

function resolve(dir: DirectorySnapshot, raw: string, allowUnknown: boolean, reasons: string[], kind: 'found' | 'residence'): Place {
  const code = raw.trim();
  if (allowUnknown && code.toLowerCase() === 'unknown') {
    reasons.push(R.residenceUnknown());
    return { code: null, known: null, inCounty: false };
  }
  if (!isKommunkod(code)) {
    reasons.push(kind === 'found' ? R.foundInvalidCode(raw) : R.residenceInvalidCode(raw));
    return { code: null, known: null, inCounty: false };
  }
  const m = findMunicipality(dir, code);
  if (!m) {
    reasons.push(kind === 'found' ? R.foundUnknownCode(code) : R.residenceUnknownCode(code));
    return { code, known: null, inCounty: false };
  }
  return { code, known: { code: m.code, name: m.name }, inCounty: m.inCounty };
}

function summarize(a: Agreement): AgreementSummary {
  return { dnr: a.dnr, validFrom: a.validFrom, validTo: a.validTo, decidedBy: a.decidedBy, decisionDate: a.decisionDate };
}

function nameOf(dir: DirectorySnapshot, code: string): NamedMunicipality {
  return { code, name: findMunicipality(dir, code)?.name ?? code };
}

/** Why the municipality's own intake is closed at `at`, for the jour/hub reason. */
function whyClosed(dir: DirectorySnapshot, code: string, at: Date): string {
  const unit = dir.intakeUnits.find((u) => u.municipalityCode === code);
  if (!unit) return R.closedNoIntake;
  const local = toStockholm(at);
  const day = describeDay(unit.hours, local.date);
  switch (day.source) {
    case 'eve':
    case 'public_holiday':
      return R.closedEveOrHoliday(day.note ?? '');
    case 'exception':
      return R.closedException(day.note);
    case 'day_before_holiday':
      return R.closedShortDay(day.note ?? '');
    case 'weekly':
      return day.ranges.length === 0 && local.weekday >= 6 ? R.closedWeekend : R.closedOutsideHours;
  }
}

function contactReasons(dir: DirectorySnapshot, m: NamedMunicipality, contacts: RoutingContact[], at: Date): string[] {
  const local = toStockholm(at);
  const when = whenText(local.date, local.time, local.weekday);
  const first = contacts[0];
  if (!first) return [R.contactNone(m, when)];
  const head =
    first.kind === 'office'
      ? R.contactOffice(first, when)
      : first.orgId === dir.hub.orgId
        ? R.contactHub(first, when, whyClosed(dir, m.code, at))
        : R.contactJour(m, first, when, whyClosed(dir, m.code, at));
  return contacts.length > 1 ? [head, R.chain(contacts.length - 1)] : [head];
}

/** Forwarding goes to the registry (functional address) first, else the intake unit. */
function forwardContacts(dir: DirectorySnapshot, m: NamedMunicipality): { contacts: RoutingContact[]; reason: string } {
  const mu = findMunicipality(dir, m.code);
  if (mu && (mu.registryPhone || mu.registryEmail)) {
    const c: RoutingContact = { kind: 'office', orgId: null, orgName: mu.name, phone: mu.registryPhone ?? null, email: mu.registryEmail ?? null, label: 'Registratur' };
    return { contacts: [c], reason: R.contactRegistry(m, c) };
  }
  const unit = dir.intakeUnits.find((u) => u.municipalityCode === m.code && u.contacts.length > 0);
  const contacts = (unit?.contacts ?? []).map(
    (p): RoutingContact => ({ kind: 'office', orgId: unit?.orgId ?? null, orgName: unit?.name ?? m.name, phone: p.phone || null, email: p.email ?? null, label: p.label }),
  );
  const first = contacts[0];
  if (first) return { contacts, reason: R.contactForwardIntake(m, first) };
  return { contacts: [], reason: R.contactForwardNone(m) };
}

export function decideRouting(dir: DirectorySnapshot, input: RoutingInput): RoutingDecision {
  const receipt = toStockholm(input.receivedAt); // throws RangeError on an Invalid Date
  const receiptDate = receipt.date;
  const at = input.at ?? input.receivedAt;
  const reasons: string[] = [];

  // 1. Target group: age, where found, where resident.
  const validAge = Number.isInteger(input.age) && input.age >= 0 && input.age < 150;
  const isChild = validAge && input.age < 18;
  reasons.push(!validAge ? R.invalidAge(input.age) : isChild ? R.child(input.age, receiptDate) : R.adult(input.age, receiptDate));

  const found = resolve(dir, input.found, false, reasons, 'found');
  if (found.known) reasons.push(found.inCounty ? R.foundInCounty(found.known) : R.foundOutsideCounty(found.known));

  const residence = resolve(dir, input.residence, true, reasons, 'residence');
  const agreement = residence.code !== null ? agreementInForce(dir, residence.code, receiptDate) : null;
  const isStockholmResident = residence.code === STOCKHOLM_CODE;
  if (residence.known) {
    if (isStockholmResident) reasons.push(R.residenceStockholm());
    else if (!residence.inCounty) reasons.push(R.residenceOutsideCounty(residence.known));
    else if (agreement) reasons.push(R.residenceAgreement(residence.known, agreement));
    else {
      reasons.push(R.residenceNoAgreement(residence.known, receiptDate));
      for (const a of agreementsNotInForce(dir, residence.known.code, receiptDate)) reasons.push(whyNotInForce(a, receiptDate));
    }
  }
  const collaborates = residence.known !== null && residence.inCounty && (isStockholmResident || agreement !== null);
  const inTargetGroup = isChild && found.inCounty && collaborates;
  if (inTargetGroup) reasons.push(R.inTargetGroup());
  else {
    const why: string[] = [];
    if (!validAge) why.push(R.whyAgeUnknown);
    else if (!isChild) why.push(R.whyNotChild);
    if (!found.inCounty) why.push(R.whyNotFoundInCounty);
    if (residence.code === null) why.push(R.whyResidenceUnknown);
    else if (!collaborates) why.push(R.whyResidenceNotCollaborating);
    reasons.push(R.notInTargetGroup(why));
  }

  // 2. Legal basis for Stockholm to act (independent of age; handling uses age).
  const basis: Basis = isStockholmResident
    ? 'own_residence'
    : agreement && residence.code !== null
      ? 'agreement'
      : found.code === STOCKHOLM_CODE
        ? 'own_stay'
        : 'none';
  if (basis === 'own_residence') reasons.push(R.basisOwnResidence());
  else if (basis === 'agreement') reasons.push(R.basisAgreement(residence.known ?? nameOf(dir, residence.code ?? '')));
  else if (basis === 'own_stay') reasons.push(R.basisOwnStay());
  else reasons.push(R.basisNone());

  // 3. Handling and responsible municipality.
  let handling: Handling;
  let responsible: NamedMunicipality | null = null;
  if (!validAge || !isChild) {
    handling = 'return';
    reasons.push(validAge ? R.returnAdult() : R.returnInvalidAge());
  } else if (basis === 'own_residence' || basis === 'own_stay') {
    handling = 'own';
    responsible = nameOf(dir, STOCKHOLM_CODE);
    if (basis === 'own_residence') reasons.push(R.ownResidence());
    else reasons.push(residence.known ? R.ownStayKnown(residence.known) : R.ownStayUnknown());
  } else if (basis === 'agreement') {
    handling = 'handover';
    responsible = residence.known ?? nameOf(dir, residence.code ?? '');
    reasons.push(R.handover(responsible));
  } else if (residence.known) {
    handling = 'forward';
    responsible = residence.known;
    reasons.push(R.forwardResidence(responsible));
  } else if (found.known) {
    handling = 'forward';
    responsible = found.known;
    reasons.push(R.forwardFound(responsible));
  } else {
    handling = 'return';
    reasons.push(R.returnNoResponsible());
  }

  // 4. Whom to contact, now.
  let contacts: RoutingContact[] = [];
  if (handling === 'return') reasons.push(R.contactReturn());
  else if (responsible && handling === 'forward') {
    const f = forwardContacts(dir, responsible);
    contacts = f.contacts;
    reasons.push(f.reason);
  } else if (responsible) {
    contacts = findCurrentContacts(dir, responsible.code, at);
    reasons.push(...contactReasons(dir, responsible, contacts, at));
  }

  return {
    inTargetGroup,
    basis,
    handling,
    responsibleMunicipality: responsible,
    contact: contacts[0] ?? null,
    chain: contacts.slice(1),
    agreement: basis === 'agreement' && agreement ? summarize(agreement) : null,
    reasons,
    receiptDate,
  };
}
