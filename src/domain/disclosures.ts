// What the disclosure register (DESIGN.md rule 8) says about each kind of disclosure: the legal
// ground it rests on and which fields of the case it hands over. Field names, never values: the
// register shows what left the organisation, not the data itself. Pure, no I/O.
//
// An export of statistics is not here on purpose: it holds de-identified aggregates (counts 1–4
// suppressed, DESIGN.md rule 11), no data about any one child, so it discloses no case data. The
// handover document (PDF or JSON) is here: it carries the report itself.

export const disclosureKinds = ['handover', 'forward', 'feedback', 'handover_document', 'information_request', 'case_party', 'return', 'office_pass'] as const;
export type DisclosureKind = (typeof disclosureKinds)[number];

export type CaseBasis = 'own_residence' | 'agreement' | 'own_stay' | 'none';

/**
 * The grounds, in the words of the source documents and the law as the rest of the product cites
 * it (src/features/audit/build-register-extract.ts). The agreement (avtalssamverkan) lifts the
 * secrecy boundary between Stockholm and the collaborating municipality as far as the agreement
 * needs (seed 000); without one, handing a report on to the responsible authority is a duty under
 * förvaltningslagen, and a duty to disclose set by law breaks secrecy (10 kap. 28 § OSL).
 */
export const legalGrounds = {
  agreement: 'Avtalssamverkan (9 kap. 37 § kommunallagen) och 14 kap. 1 § SoL',
  forward: '11 § förvaltningslagen (felaktigt adresserad handling), 10 kap. 28 § OSL',
  feedback: '14 kap. 1 b § SoL (återkoppling till anmälande myndighet), 10 kap. 28 § OSL',
  /**
   * A report returned to the police (not in the target group): the police get back their own
   * report, so what leaves the hub is the case number and its reason, which tells the reporter
   * that the social services will not take the report further here: the återkoppling the law
   * gives the reporting authority.
   */
  returned: '14 kap. 1 b § SoL (återkoppling till anmälande myndighet), 10 kap. 28 § OSL',
} as const;

/** The ground of a handover (and of its document): the case's decided legal basis. */
export function handoverGround(basis: CaseBasis | null): string {
  // A supervisor may hand over a case the rules would not (an override with a reason): without an
  // agreement it is the responsible authority's report, passed on as förvaltningslagen requires.
  return basis === 'agreement' ? legalGrounds.agreement : legalGrounds.forward;
}

/** The report's fields that skyddad identitet keeps from a receiver until its kvittens (cases/present.ts). */
export const protectedReportFields = ['residence.address', 'guardians[].address', 'found.place', 'whereaboutsNow.place'] as const;

/**
 * The names of the filled-in fields of a report, as dotted paths ("child.name", arrays as
 * "guardians[].phone"), sorted; `withheld` removes the ones not handed over.
 */
export function reportFieldNames(report: unknown, withheld: readonly string[] = []): string[] {
  const out = new Set<string>();
  const walk = (value: unknown, path: string) => {
    if (value === null || value === undefined || value === '') return;
    if (Array.isArray(value)) {
      for (const item of value) walk(item, `${path}[]`);
      return;
    }
    if (typeof value === 'object') {
      for (const [key, v] of Object.entries(value)) walk(v, path ? `${path}.${key}` : key);
      return;
    }
    out.add(path);
  };
  walk(report, '');
  for (const name of withheld) out.delete(name);
  return [...out].sort();
}

/** What the police learn from an återkoppling: whether an investigation is opened, or only that it was withheld. */
export function feedbackFields(feedback: { withheld: boolean; message: string }): string[] {
  if (feedback.withheld) return ['feedback.withheld'];
  return feedback.message.trim() ? ['feedback.investigation', 'feedback.message'] : ['feedback.investigation'];
}

/** The case's own fields that travel with the report in a handover or forward. */
export const caseFields = ['case.number', 'case.receivedAt'] as const;
