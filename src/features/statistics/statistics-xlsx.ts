// The statistics as an Excel workbook (exceljs): exactly the rows of the CSV
// (src/shared/statistics-csv.ts), numbers as numbers so a committee's secretary can sum and
// chart them, suppressed cells as the text "<5" or "..", and a sheet that says what those mean.
import ExcelJS from 'exceljs';
import type { StatisticsDto } from '../../shared/api/statistics.ts';
import { statisticsRows } from '../../shared/statistics-csv.ts';

const HOURS = { all: 'alla', office: 'kontorstid', jour: 'jourtid' } as const;

/** A CSV value as a cell: a number where it is one ("32,5" → 32.5), empty for none, else the text. */
export function cellValue(v: string): number | string | null {
  if (v === '') return null;
  return /^-?\d+(,\d+)?$/.test(v) ? Number(v.replace(',', '.')) : v;
}

export async function statisticsXlsx(s: StatisticsDto, generatedAt: Date): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'envagin';
  wb.created = generatedAt;
  const sheet = wb.addWorksheet('Statistik', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = [
    { header: 'Område', key: 'scope', width: 10 },
    { header: 'Mått', key: 'measure', width: 48 },
    { header: 'Nyckel', key: 'key', width: 22 },
    { header: 'Värde', key: 'value', width: 10 },
  ];
  sheet.getRow(1).font = { bold: true };
  for (const [scope, measure, key, value] of statisticsRows(s)) {
    sheet.addRow({ scope: scope === 'county' ? 'län' : scope, measure, key: key || null, value: cellValue(value ?? '') });
  }
  const about = wb.addWorksheet('Om');
  about.columns = [{ width: 100 }];
  for (const line of [
    'Pilotens statistik ur envagin – endast aggregat, inga personuppgifter.',
    `Period: ${s.from} – ${s.to}. Tid: ${HOURS[s.hours]}. ${s.municipality ? `Kommun: ${s.municipality.name} (${s.municipality.code}) bredvid länet.` : 'Hela länet.'}`,
    `Uttaget: ${generatedAt.toISOString()}.`,
    '"<5" betyder 1–4 ärenden. Övriga antal är avrundade till närmaste 5-tal (andelar räknas på de avrundade antalen). ".." betyder dolt så att ett "<5" inte kan räknas fram. Tomt värde: visas inte (färre än 5 ärenden).',
    'Tider är minuter. Andelar är mellan 0 och 1.',
  ]) {
    about.addRow([line]);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
