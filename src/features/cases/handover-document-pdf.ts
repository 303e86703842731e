// The handover document as a PDF (pdfkit, A4, Swedish), from the same content as the JSON
// (build-handover-document.ts): case, child, the report, the decision with its reasons, the calls
// made to hand it over and the kvittens. Times in Swedish time. With skyddad identitet the
// withheld fields are not in the content at all; the PDF says so in a box at the top.
//
// The standard Helvetica of PDF (WinAnsi) covers Swedish (å ä ö, §, –), as in the pilot report.
// Names in other scripts would not render: the JSON carries them exactly.
import PDFDocument from 'pdfkit';
import { toStockholm } from '../../domain/stockholm-time.ts';
import type { HandoverDocument } from '../../shared/api/handover-document.ts';

type Doc = InstanceType<typeof PDFDocument>;

const when = (iso: string | null) => {
  if (!iso) return '–';
  const l = toStockholm(new Date(iso));
  return `${l.date} kl. ${l.time}`;
};
const WITHHELD = 'Utelämnas (skyddad identitet)';

function heading(doc: Doc, title: string) {
  doc.moveDown(0.6);
  doc.font('Helvetica-Bold').fontSize(12).fillColor('black').text(title, doc.page.margins.left);
  const y = doc.y + 1;
  doc.moveTo(doc.page.margins.left, y).lineTo(doc.page.width - doc.page.margins.right, y).lineWidth(0.5).strokeColor('#888').stroke();
  doc.moveDown(0.35);
}

/** A label and its value on one line (the value wraps under itself). */
function field(doc: Doc, label: string, value: string | null) {
  const x = doc.page.margins.left;
  const labelWidth = 150;
  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right - labelWidth;
  const y = doc.y;
  doc.font('Helvetica-Bold').fontSize(9).text(label, x, y, { width: labelWidth - 8 });
  const afterLabel = doc.y;
  doc.font('Helvetica').fontSize(9).text(value ?? '–', x + labelWidth, y, { width });
  doc.x = x;
  doc.y = Math.max(doc.y, afterLabel) + 2;
}

function paragraph(doc: Doc, text: string) {
  doc.font('Helvetica').fontSize(9).text(text, doc.page.margins.left, doc.y, { width: doc.page.width - doc.page.margins.left - doc.page.margins.right });
  doc.moveDown(0.3);
}

export function handoverDocumentPdf(d: HandoverDocument): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: 50,
    info: { Title: `Överlämnande av orosanmälan ${d.case.number}`, Author: d.sender.name, Subject: 'Orosanmälan enligt 14 kap. 1 § SoL' },
    lang: 'sv-SE',
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  doc.font('Helvetica-Bold').fontSize(18).text(d.title);
  doc.font('Helvetica').fontSize(10).fillColor('#333').text(`Ärende ${d.case.number} · från ${d.sender.name} till ${d.receiver.name}`);
  doc.fontSize(8).text('Innehåller uppgifter som omfattas av sekretess (26 kap. 1 § OSL).').fillColor('black');
  if (d.protectedIdentity) {
    doc.moveDown(0.5);
    const x = doc.page.margins.left;
    const w = doc.page.width - x - doc.page.margins.right;
    const y = doc.y;
    doc.font('Helvetica-Bold').fontSize(10).fillColor('#a00000').text('SKYDDAD IDENTITET', x + 8, y + 6, { width: w - 16 });
    doc.font('Helvetica').fontSize(9).fillColor('black').text('Barnets och vårdnadshavarnas adresser, platsen där barnet påträffades och var och med vem barnet är nu är utelämnade i detta dokument. Uppgifterna finns i envagin för behörig handläggare.', x + 8, doc.y + 2, { width: w - 16 });
    const h = doc.y - y + 6;
    doc.rect(x, y, w, h).lineWidth(1.5).strokeColor('#a00000').stroke();
    doc.x = x;
    doc.y = y + h + 4;
  }

  heading(doc, 'Ärendet');
  field(doc, 'Ärendenummer', d.case.number);
  field(doc, 'Mottagen', when(d.case.receivedAt));
  field(doc, 'Brådska', d.case.urgencyLabel);
  field(doc, 'Polisens diarienummer', d.case.policeDiaryNumber);
  field(doc, 'Överlämnas från', d.sender.name);
  field(doc, 'Överlämnas till', d.receiver.municipalityName ? `${d.receiver.name} (${d.receiver.municipalityName} kommun)` : d.receiver.name);

  heading(doc, 'Barnet');
  field(doc, d.child.identityKind === 'samordningsnummer' ? 'Samordningsnummer' : 'Personnummer', d.child.identityNumber ?? 'Okänt');
  field(doc, 'Namn', d.child.name);
  if (d.child.identityKind === 'unknown') {
    field(doc, 'Uppskattad ålder', d.child.estimatedAge === null ? null : `${d.child.estimatedAge} år`);
    field(doc, 'Beskrivning', d.child.description);
  }
  field(doc, 'Ålder vid mottagandet', d.child.ageAtReceipt === null ? null : `${d.child.ageAtReceipt} år`);
  field(doc, 'Folkbokföringskommun', d.residence.municipalityName ?? d.residence.municipalityCode ?? 'Okänd');
  field(doc, 'Adress', d.protectedIdentity ? WITHHELD : d.residence.address);
  for (const g of d.guardians) {
    const parts = [`${g.name} (${g.relation})`, g.phone ? `tel. ${g.phone}` : null, d.protectedIdentity ? null : g.address].filter(Boolean);
    field(doc, 'Vårdnadshavare', parts.join(', '));
  }

  heading(doc, 'Anmälan');
  field(doc, 'Påträffad', `${when(d.found.at)} i ${d.found.municipalityName ?? d.found.municipalityCode}`);
  field(doc, 'Plats', d.protectedIdentity ? WITHHELD : d.found.place);
  field(doc, 'Var barnet är nu', d.protectedIdentity ? WITHHELD : [d.whereaboutsNow.place, d.whereaboutsNow.withWhom ? `med ${d.whereaboutsNow.withWhom}` : null].filter(Boolean).join(', '));
  field(doc, 'Risk', d.report.gangRisk.typeLabels.join(', '));
  if (d.report.gangRisk.description) field(doc, 'Beskrivning av risken', d.report.gangRisk.description);
  field(doc, 'Polisens riskbedömning', d.report.policeRiskAssessment);
  field(doc, 'Anmälande polis', `${d.report.reportingOfficer.name}, ${d.report.reportingOfficer.unit}, tel. ${d.report.reportingOfficer.phone}`);
  doc.font('Helvetica-Bold').fontSize(9).text('Oro', doc.page.margins.left);
  paragraph(doc, d.report.concern);

  heading(doc, 'Beslut');
  field(doc, 'Beslutat', when(d.decision.decidedAt));
  field(doc, 'Grund', d.decision.basisLabel);
  field(doc, 'Hantering', d.decision.handlingLabel);
  field(doc, 'Lagrum', d.decision.legalGround);
  if (d.decision.agreementDnr) field(doc, 'Samverkansavtal, Dnr', d.decision.agreementDnr);
  if (d.decision.overrideReason) field(doc, 'Arbetsledarens skäl', d.decision.overrideReason);
  doc.font('Helvetica-Bold').fontSize(9).text('Skäl', doc.page.margins.left);
  for (const reason of d.decision.reasons) paragraph(doc, `• ${reason}`);

  heading(doc, 'Kontaktförsök');
  if (d.contactAttempts.length === 0) paragraph(doc, 'Inga kontaktförsök registrerade.');
  for (const a of d.contactAttempts) field(doc, when(a.at), `${a.organisation}, ${a.label} ${a.phone}: ${a.outcomeLabel}${a.note ? ` – ${a.note}` : ''}`);

  heading(doc, 'Kvittens');
  if (d.kvittens.acknowledged) {
    field(doc, 'Kvitterad', when(d.kvittens.acceptedAt));
    field(doc, 'Av', [d.kvittens.organisation, d.kvittens.acceptedByName].filter(Boolean).join(', '));
    if (d.kvittens.verbally) field(doc, 'Sätt', 'Muntligt i telefon, registrerat av socialjouren');
  } else {
    paragraph(doc, 'Inte kvitterat ännu. Kvittera mottagandet i envagin.');
  }

  doc.moveDown(1);
  doc.font('Helvetica').fontSize(7.5).fillColor('#555').text(`Skapat ${when(d.generatedAt)} i envagin (dokumentversion ${d.schemaVersion}). Hämtningen är loggad och registrerad som utlämnande. Samma innehåll finns som JSON för import i verksamhetssystemet.`, doc.page.margins.left);
  doc.end();
  return done;
}
