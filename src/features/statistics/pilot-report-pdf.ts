// The pilot report for a committee meeting as a PDF (pdfkit, A4, Swedish): a county summary on
// the first page and one page per municipality the reader may see (an analyst all 26, a
// municipality manager its own). Only the suppressed aggregates of src/domain/statistics.ts go
// in: "<5" and ".." as the API shows them, durations only from 5 cases. Nothing personal.
import PDFDocument from 'pdfkit';
import { durationMeasures, type DurationMeasure, type StatisticsReport } from '../../domain/statistics.ts';
import { stockholmDate } from '../../domain/stockholm-time.ts';

export interface PilotReportInput {
  from: string;
  to: string;
  hours: 'all' | 'office' | 'jour';
  county: StatisticsReport;
  municipalities: { code: string; name: string; report: StatisticsReport }[];
  generatedAt: Date;
}

const HOURS = { all: 'alla tider', office: 'kontorstid', jour: 'jourtid' } as const;
const DURATIONS: Record<DurationMeasure, string> = {
  report_to_claim: 'Anmälan till tagen av socialjouren',
  claim_to_decision: 'Tagen till beslut',
  decision_to_kvittens: 'Beslut till kvittens',
  report_to_kvittens: 'Anmälan till kvittens (pilotens fråga)',
  kvittens_to_skyddsbedomning: 'Kvittens till skyddsbedömning',
  report_to_forhandsbedomning: 'Anmälan till förhandsbedömning',
};
const CLOCKS: Record<string, string> = {
  claim: 'Tas av socialjouren',
  triage: 'Beslut hos socialjouren',
  acknowledge: 'Kvittens av mottagare',
  report_to_kvittens: 'Anmälan till kvittens',
  skyddsbedomning: 'Skyddsbedömning',
  forhandsbedomning: 'Förhandsbedömning',
  feedback: 'Återkoppling',
  closure: 'Avslut',
};

/** Minutes as "2 h 05 min" (or "45 min"); "–" when not shown. */
export function formatMinutes(v: number | null): string {
  if (v === null) return '–';
  const m = Math.round(v);
  if (m < 60) return `${m} min`;
  const h = Math.floor(m / 60);
  return h >= 48 ? `${Math.round((m / 1440) * 10) / 10} dygn`.replace('.', ',') : `${h} h ${String(m % 60).padStart(2, '0')} min`;
}
const percent = (v: number | null) => (v === null ? '–' : `${(Math.round(v * 1000) / 10).toString().replace('.', ',')} %`);

type Doc = InstanceType<typeof PDFDocument>;

function table(doc: Doc, head: string[], rows: string[][], widths: number[]) {
  const x0 = doc.page.margins.left;
  const line = (cells: string[], bold: boolean) => {
    const y = doc.y;
    doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(9);
    let x = x0;
    cells.forEach((c, i) => {
      doc.text(c, x, y, { width: widths[i]! - 6, align: i === 0 ? 'left' : 'right' });
      x += widths[i]!;
    });
    doc.x = x0;
    doc.y = y + 13;
  };
  line(head, true);
  for (const r of rows) line(r, false);
  doc.moveDown(0.6);
}

function section(doc: Doc, title: string) {
  doc.font('Helvetica-Bold').fontSize(11).text(title, doc.page.margins.left);
  doc.moveDown(0.25);
}

function page(doc: Doc, title: string, input: PilotReportInput, r: StatisticsReport, beside: StatisticsReport | null) {
  doc.font('Helvetica-Bold').fontSize(16).text(title);
  doc.font('Helvetica').fontSize(9).fillColor('#444')
    .text(`Period ${input.from} till ${input.to}, ${HOURS[input.hours]}. Uttaget ${stockholmDate(input.generatedAt)}. Endast aggregat: antal avrundade till närmaste 5-tal, "<5" är 1–4 ärenden, ".." är dolt så att ett "<5" inte kan räknas fram.`)
    .fillColor('black');
  doc.moveDown(0.6);
  doc.font('Helvetica-Bold').fontSize(12).text(`Antal ärenden: ${r.total.display}${beside ? ` (länet: ${beside.total.display})` : ''}`);
  doc.moveDown(0.5);
  section(doc, 'Ärenden per månad');
  table(doc, ['Månad', 'Antal'], r.byMonth.rows.map((x) => [x.key, x.count.display]), [120, 60]);
  section(doc, 'Kontorstid och jourtid');
  table(doc, ['', 'Antal'], r.byOfficeHours.rows.map((x) => [x.key === 'office' ? 'Kontorstid' : 'Jourtid', x.count.display]), [120, 60]);
  section(doc, 'Tider (median, 90:e percentil, längsta)');
  table(
    doc,
    ['Mått', 'Ärenden', 'Median', '90:e perc.', 'Längsta'],
    durationMeasures.map((m) => {
      const d = r.durations[m];
      return [DURATIONS[m], d.n.display, formatMinutes(d.median), formatMinutes(d.p90), formatMinutes(d.max)];
    }),
    [215, 60, 75, 75, 75],
  );
  section(doc, 'Andelar');
  const share = (label: string, s: StatisticsReport['forwarded']) => [label, `${s.numerator.display} av ${s.denominator.display}`, percent(s.share)];
  table(
    doc,
    ['', 'Antal', 'Andel'],
    [
      share('Återkoppling inom 14 dagar', r.feedbackWithin14Days),
      share('I målgruppen', r.inTargetGroup),
      share('Vidarebefordrade', r.forwarded),
      share('Återlämnade', r.returned),
    ],
    [215, 90, 75],
  );
  section(doc, 'Överskridna tidsgränser och eskaleringar');
  table(
    doc,
    ['Klocka', 'Överskridna', 'Andel', 'Eskalerade', 'Andel'],
    r.clocks.map((c) => [CLOCKS[c.clock] ?? c.clock, c.breachedCases.display, percent(c.breachRate), c.escalatedCases.display, percent(c.escalationRate)]),
    [175, 75, 60, 75, 60],
  );
}

/** The report as one PDF: the county first, then one page per municipality. */
export function pilotReportPdf(input: PilotReportInput): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: 50, info: { Title: `Pilotens statistik ${input.from} till ${input.to}`, Author: 'envagin' }, lang: 'sv-SE' });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  page(doc, 'Pilotens statistik – Stockholms län', input, input.county, null);
  for (const m of input.municipalities) {
    doc.addPage();
    page(doc, `${m.name} (${m.code})`, input, m.report, input.county);
  }
  doc.end();
  return done;
}
