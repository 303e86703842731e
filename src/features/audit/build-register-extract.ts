// The register extract (registerutdrag, GDPR art. 15) of one person: per case, the child's
// personal data as reported, the purposes and legal basis, the source, the recipients and the
// storage period. What it leaves out is deliberate: the content of assessments, notes, the thread
// and the call log (the handling municipality's, under secrecy; the data protection officer asks
// that municipality if the person wants them), other people's contact details (the reporting
// officer's, guardians' phones and addresses), and for a child with skyddad identitet every
// address and place. Each case included is audited as a read of that case, naming the person.
import { asc, eq, inArray } from 'drizzle-orm';
import type { z } from 'zod';
import { cases, organisations } from '../../db/schema.ts';
import type { Tx } from '../../db/types.ts';
import type { CaseRow } from '../cases/queries.ts';
import type { RetentionPeriods } from '../../config.ts';
import type { RegisterExtractDto } from '../../shared/api/audit.ts';
import type { ReportBody } from '../../shared/api/cases.ts';
import type { Actor } from '../../shared/actor.ts';
import { municipalityName } from '../../shared/municipalities.ts';
import { personRef } from '../../audit/person-ref.ts';
import { recordAudit } from '../../audit/record-audit.ts';

type Extract = z.infer<typeof RegisterExtractDto>;
type CaseExtract = Extract['cases'][number];

const CONTROLLER =
  'Socialnämnden i Stockholms stad (socialjouren) för mottagandet och, efter överlämnande, socialnämnden i den kommun som ansvarar för barnet. Varje nämnd är personuppgiftsansvarig för sin del.';
const PURPOSES = [
  'Ta emot och bedöma polisens orosanmälan om ett barn som riskerar att skadas i samband med gängkriminalitet (14 kap. 1 § socialtjänstlagen).',
  'Se till att ansvarig kommun får kännedom om anmälan utan dröjsmål och kan göra skyddsbedömning och förhandsbedömning (11 kap. socialtjänstlagen).',
  'Återkoppla till polisen och följa upp samverkan (avidentifierad statistik).',
];
const LEGAL_BASIS = [
  'Rättslig förpliktelse och uppgift av allmänt intresse/myndighetsutövning (GDPR art. 6.1 c och e).',
  'Känsliga uppgifter och uppgifter om lagöverträdelser behandlas med stöd av lagen (2001:454) om behandling av personuppgifter inom socialtjänsten.',
  'Avtalssamverkan mellan Stockholms stad och kommunerna i länet (9 kap. 37 § kommunallagen).',
];
const RIGHTS =
  'Du har rätt att begära rättelse av felaktiga uppgifter och att få veta mer om behandlingen. Uppgifter i socialtjänstens akter kan inte raderas på begäran före gallring. Klagomål kan lämnas till Integritetsskyddsmyndigheten (IMY). Sekretess kan begränsa vad som lämnas ut (26 kap. offentlighets- och sekretesslagen).';

const STATUS: Record<CaseRow['status'], string> = {
  received: 'Mottagen',
  triage: 'Under bedömning',
  handover_pending: 'Under överlämning',
  accepted: 'Kvitterad av ansvarig kommun',
  own: 'Handläggs av Stockholm',
  forwarded: 'Vidarebefordrad',
  returned: 'Återsänd till polisen',
  closed: 'Avslutad',
};

const iso = (d: Date | null) => (d ? d.toISOString() : null);

function addDays(d: Date, days: number): string {
  return new Date(d.getTime() + days * 86_400_000).toISOString().slice(0, 10);
}

/** The child's data in the report, label → value; addresses and places left out when protected. */
function personalDataOf(report: ReportBody | null, row: CaseRow, hide: boolean): { data: CaseExtract['personalData']; withheld: string[] } {
  if (!report) return { data: [], withheld: [] };
  const data: CaseExtract['personalData'] = [];
  const withheld: string[] = [];
  const add = (label: string, value: string | null | undefined) => {
    if (value) data.push({ label, value });
  };
  const place = (label: string, value: string | null | undefined) => {
    if (!value) return;
    if (hide) withheld.push(label);
    else data.push({ label, value });
  };
  add('Personnummer/samordningsnummer', row.identityNumber);
  add('Namn', report.child.name);
  if (report.child.identityKind === 'unknown') {
    add('Uppskattad ålder', String(report.child.estimatedAge));
    add('Beskrivning', report.child.description);
  }
  add('Ålder vid mottagandet', row.ageAtReceipt === null ? null : String(row.ageAtReceipt));
  add('Folkbokföringskommun', municipalityName(report.residence.municipalityCode) ?? report.residence.municipalityCode);
  place('Adress', report.residence.address);
  add('Påträffad', `${report.found.at} i ${municipalityName(report.found.municipalityCode) ?? report.found.municipalityCode}`);
  place('Plats där barnet påträffades', report.found.place);
  place('Var barnet befann sig vid anmälan', report.whereaboutsNow.place);
  report.guardians.forEach((g) => add('Vårdnadshavare', `${g.name} (${g.relation})`));
  add('Polisens beskrivning av oron', report.concern);
  add('Risk i samband med gängkriminalitet', [report.gangRisk.types.join(', '), report.gangRisk.description].filter(Boolean).join(': '));
  add('Polisens riskbedömning', report.policeRiskAssessment);
  return { data, withheld };
}

function recipientsOf(row: CaseRow, orgName: (id: string | null) => string | null): CaseExtract['recipients'] {
  const out: CaseExtract['recipients'] = [];
  const handover = orgName(row.handoverOrgId);
  if (handover) out.push({ organisation: handover, what: 'Anmälan överlämnad till ansvarig kommun', at: iso(row.handoverStartedAt), ground: 'Avtalssamverkan (9 kap. 37 § kommunallagen), 14 kap. 1 § socialtjänstlagen' });
  const accepted = orgName(row.acceptedByOrgId);
  if (accepted && row.acceptedByOrgId !== row.handoverOrgId) {
    out.push({ organisation: accepted, what: 'Ärendet kvitterat och övertaget', at: iso(row.acceptedAt), ground: 'Avtalssamverkan (9 kap. 37 § kommunallagen)' });
  }
  const forwarded = row.forwardedTo as { municipalityCode?: string; sentAt?: string } | null;
  if (forwarded?.municipalityCode) {
    out.push({
      organisation: municipalityName(forwarded.municipalityCode) ?? forwarded.municipalityCode,
      what: 'Anmälan vidarebefordrad till ansvarig kommun',
      at: forwarded.sentAt ?? null,
      ground: 'Felaktigt adresserad handling, 11 § förvaltningslagen',
    });
  }
  const police = orgName(row.reporterOrgId) ?? 'Polismyndigheten';
  if (row.feedbackAt) out.push({ organisation: police, what: 'Återkoppling om ärendet (utredning inleds eller inte)', at: iso(row.feedbackAt), ground: '14 kap. 1 b § socialtjänstlagen' });
  if (row.status === 'returned') out.push({ organisation: police, what: 'Anmälan återsänd med skäl', at: null, ground: 'Förvaltningslagen' });
  return out;
}

function processingOf(row: CaseRow, counts: { messages: number; attempts: number }): CaseExtract['processing'] {
  const out: CaseExtract['processing'] = [];
  if (row.decidedAt) out.push({ what: 'Bedömning av vem som ansvarar för ärendet', at: iso(row.decidedAt) });
  if (row.skyddsbedomningAt) out.push({ what: 'Skyddsbedömning gjord (innehållet lämnas av ansvarig kommun)', at: iso(row.skyddsbedomningAt) });
  if (row.forhandsbedomningAt) out.push({ what: 'Förhandsbedömning gjord (innehållet lämnas av ansvarig kommun)', at: iso(row.forhandsbedomningAt) });
  if (counts.messages > 0) out.push({ what: `Frågor och anteckningar mellan polis och socialtjänst: ${counts.messages}`, at: null });
  if (counts.attempts > 0) out.push({ what: `Kontaktförsök med ansvarig kommun: ${counts.attempts}`, at: null });
  return out;
}

export async function buildRegisterExtract(
  tx: Tx,
  input: { actor: Actor; identityNumber: string; personKey: string; retention: RetentionPeriods; now: Date; requestId: string; countsOf(ids: string[]): Promise<Map<string, { messages: number; attempts: number }>> },
): Promise<Extract> {
  const { actor, identityNumber, personKey, retention, now, requestId } = input;
  const rows = await tx.select().from(cases).where(eq(cases.identityNumber, identityNumber)).orderBy(asc(cases.receivedAt));
  const orgIds = [...new Set(rows.flatMap((r) => [r.handoverOrgId, r.acceptedByOrgId, r.reporterOrgId]).filter((id): id is string => id !== null))];
  const orgs = orgIds.length === 0 ? [] : await tx.select({ id: organisations.id, name: organisations.name }).from(organisations).where(inArray(organisations.id, orgIds));
  const names = new Map(orgs.map((o) => [o.id, o.name]));
  const orgName = (id: string | null) => (id ? (names.get(id) ?? null) : null);
  const counts = await input.countsOf(rows.map((r) => r.id));
  const person = personRef(personKey, identityNumber);
  const extracted = rows.map((row): CaseExtract => {
    const { data, withheld } = personalDataOf(row.report as ReportBody | null, row, row.protectedIdentity);
    const finishedAt = row.closedAt ?? (row.status === 'forwarded' || row.status === 'returned' ? row.updatedAt : null);
    return {
      number: row.number,
      receivedAt: row.receivedAt.toISOString(),
      status: STATUS[row.status],
      closedAt: iso(row.closedAt),
      purgeFrom: finishedAt ? addDays(finishedAt, retention.reportDays) : null,
      purgedAt: iso(row.purgedAt),
      source: { organisation: orgName(row.reporterOrgId) ?? 'Polismyndigheten', reference: row.policeDiaryNumber, kind: 'Orosanmälan från polisen' },
      protectedIdentity: row.protectedIdentity,
      withheld,
      personalData: data,
      recipients: recipientsOf(row, orgName),
      processing: processingOf(row, counts.get(row.id) ?? { messages: 0, attempts: 0 }),
    };
  });
  // A read of each case: "who has seen this child's data" then shows the extract too.
  for (const [i, row] of rows.entries()) {
    await recordAudit(tx, {
      actor,
      action: 'case.read',
      subjectType: 'case',
      subjectId: row.id,
      requestId,
      details: { number: row.number, person, via: 'register_extract', sections: ['personalData', 'recipients', 'processing'], hiddenFields: extracted[i]!.withheld },
    });
  }
  await recordAudit(tx, { actor, action: 'audit.register_extract_created', requestId, details: { person, caseNumbers: rows.map((r) => r.number) } });
  return {
    identityNumber,
    createdAt: now.toISOString(),
    controller: CONTROLLER,
    purposes: PURPOSES,
    legalBasis: LEGAL_BASIS,
    storage: {
      text: `Uppgifterna i anmälan gallras ${retention.reportDays} dagar efter att ärendet avslutats; frågor och anteckningar efter ${retention.threadDays} dagar och kontaktförsök efter ${retention.contactLogDays} dagar. Avidentifierad statistik sparas.`,
      reportDays: retention.reportDays,
      threadDays: retention.threadDays,
      contactLogDays: retention.contactLogDays,
    },
    rights: RIGHTS,
    cases: extracted,
  };
}
