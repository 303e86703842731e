// The statistics as CSV (RFC 4180, semicolon-separated as Swedish Excel expects, UTF-8 with a
// byte-order mark): one line per figure, exactly the cells the API shows, suppressed ones as
// "<5" or "..". Shared, so the server's export and any client render the same file.
import type { StatisticsDto, StatisticsReportDto } from './api/statistics.ts';

const quote = (v: string) => (/[";\n\r]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
const num = (v: number | null) => (v === null ? '' : String(Math.round(v * 1000) / 1000).replace('.', ','));

function lines(scope: string, r: StatisticsReportDto): string[][] {
  const out: string[][] = [[scope, 'total', '', r.total.display]];
  const tables = ['byWeek', 'byMonth', 'byQuarter', 'byMunicipality', 'byOfficeHours', 'byWeekday', 'byHour'] as const;
  for (const name of tables) {
    for (const row of r[name].rows) out.push([scope, name, row.key, row.count.display]);
  }
  for (const [measure, d] of Object.entries(r.durations)) {
    out.push([scope, `duration.${measure}.n`, '', d.n.display]);
    out.push([scope, `duration.${measure}.median_minutes`, '', num(d.median)]);
    out.push([scope, `duration.${measure}.p90_minutes`, '', num(d.p90)]);
    out.push([scope, `duration.${measure}.max_minutes`, '', num(d.max)]);
  }
  const shares = { feedbackWithin14Days: r.feedbackWithin14Days, inTargetGroup: r.inTargetGroup, forwarded: r.forwarded, returned: r.returned };
  for (const [name, s] of Object.entries(shares)) {
    out.push([scope, `share.${name}.numerator`, '', s.numerator.display]);
    out.push([scope, `share.${name}.denominator`, '', s.denominator.display]);
    out.push([scope, `share.${name}.share`, '', num(s.share)]);
  }
  for (const c of r.clocks) {
    out.push([scope, 'clock.breached_cases', c.clock, c.breachedCases.display]);
    out.push([scope, 'clock.breach_rate', c.clock, num(c.breachRate)]);
    out.push([scope, 'clock.escalated_cases', c.clock, c.escalatedCases.display]);
    out.push([scope, 'clock.escalation_rate', c.clock, num(c.escalationRate)]);
  }
  return out;
}

/** One row per figure (scope, measure, key, value as shown): the CSV's lines and the workbook's rows. */
export function statisticsRows(s: StatisticsDto): string[][] {
  return [...lines('county', s.county), ...(s.municipality ? lines(s.municipality.code, s.municipality.report) : [])];
}

export function statisticsCsv(s: StatisticsDto): string {
  const rows = [['scope', 'measure', 'key', 'value'], ...statisticsRows(s)];
  return `\uFEFF${rows.map((r) => r.map(quote).join(';')).join('\r\n')}\r\n`;
}
