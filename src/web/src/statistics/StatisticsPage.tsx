// "Statistik": the pilot evaluation (DESIGN.md rule 11) for analysts (the county, and one
// municipality beside it if they pick one) and municipality managers (their own municipality
// beside the county). Everything shown comes suppressed from the server: "<5" and ".." are
// cells, never computed here. Each chart has its table behind it (the accessible version and
// what a committee can copy), and the CSV holds the same figures.
//
// Charts are plain SVG bars drawn here rather than a chart library: the figures are bar charts
// only, a library would add tens of kilobytes to this chunk, and SVG attributes (not inline
// styles) keep the strict Content-Security-Policy intact.
import { useMemo, useState, type FormEvent } from 'react';
import { countyMunicipalities, municipalityName } from '../../../shared/municipalities.ts';
import type { StatisticsDto, StatisticsReportDto } from '../../../shared/api/statistics.ts';
import type { UiKey } from '../../../shared/messages.ts';
import { LoadState } from '../admin/LoadState.tsx';
import { useLoad } from '../admin/useLoad.ts';
import { t } from '../i18n.ts';
import type { Session } from '../session.ts';
import { client, ok } from '../api.ts';

type Table = StatisticsReportDto['byMonth'];
type Hours = 'all' | 'office' | 'jour';

const WEEKDAYS = ['måndag', 'tisdag', 'onsdag', 'torsdag', 'fredag', 'lördag', 'söndag'];
const durationLabels: Record<keyof StatisticsReportDto['durations'], UiKey> = {
  report_to_claim: 'statsReportToClaim',
  claim_to_decision: 'statsClaimToDecision',
  decision_to_kvittens: 'statsDecisionToKvittens',
  report_to_kvittens: 'statsReportToKvittens',
  kvittens_to_skyddsbedomning: 'statsKvittensToSkydd',
  report_to_forhandsbedomning: 'statsReportToForhands',
};
const clockLabels: Record<string, string> = {
  claim: 'Tas av socialjouren',
  triage: 'Beslut hos socialjouren',
  acknowledge: 'Kvittens av mottagare',
  report_to_kvittens: 'Anmälan till kvittens (länsmål)',
  skyddsbedomning: 'Skyddsbedömning',
  forhandsbedomning: 'Förhandsbedömning',
  feedback: 'Återkoppling',
  closure: 'Avslut',
};

function monthsAgo(n: number): string {
  const d = new Date();
  d.setDate(1);
  d.setMonth(d.getMonth() - n);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`;
}

const percent = (v: number | null) => (v === null ? '..' : `${Math.round(v * 1000) / 10} %`.replace('.', ','));
const minutes = (v: number | null) => (v === null ? t('statsNotShown') : String(Math.round(v * 10) / 10).replace('.', ','));

function keyLabel(table: string, key: string): string {
  if (table === 'byMunicipality') return key === 'unknown' ? 'Okänd' : municipalityName(key) ?? key;
  if (table === 'byOfficeHours') return key === 'office' ? t('statsOffice') : t('statsJour');
  if (table === 'byWeekday') return WEEKDAYS[Number(key) - 1] ?? key;
  if (table === 'byHour') return `${key}:00`;
  return key;
}

/** A bar chart of one table, with the table itself behind it. */
function BarChart({ id, title, table, name }: { id: string; title: string; table: Table; name: string }) {
  const max = Math.max(1, ...table.rows.map((r) => r.count.value ?? 0));
  const rowHeight = 22;
  const labelWidth = 150;
  const width = 560;
  const height = table.rows.length * rowHeight + 4;
  return (
    <section className="card wide stats-chart" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{title}</h2>
      <svg viewBox={`0 0 ${width} ${height}`} width="100%" role="img" aria-labelledby={`${id}-h`} className="stats-bars">
        {table.rows.map((r, i) => {
          const y = i * rowHeight + 2;
          const w = r.count.value === null ? 0 : ((width - labelWidth - 60) * r.count.value) / max;
          return (
            <g key={r.key}>
              <text x={labelWidth - 6} y={y + 15} textAnchor="end" className="stats-label">
                {keyLabel(name, r.key)}
              </text>
              <rect x={labelWidth} y={y + 3} width={w} height={rowHeight - 6} className={r.count.value === null ? 'stats-bar hidden' : 'stats-bar'} />
              <text x={labelWidth + w + 6} y={y + 15} className="stats-value">
                {r.count.display}
              </text>
            </g>
          );
        })}
      </svg>
      <details>
        <summary>{t('statsTable')}</summary>
        <table className="stats-table">
          <caption className="sr-only">{title}</caption>
          <thead>
            <tr>
              <th scope="col">{title}</th>
              <th scope="col">{t('statsCount')}</th>
            </tr>
          </thead>
          <tbody>
            {table.rows.map((r) => (
              <tr key={r.key}>
                <th scope="row">{keyLabel(name, r.key)}</th>
                <td>{r.count.display}</td>
              </tr>
            ))}
            <tr>
              <th scope="row">{t('statsTotal')}</th>
              <td>{table.total.display}</td>
            </tr>
          </tbody>
        </table>
      </details>
    </section>
  );
}

function Scopes({ data }: { data: StatisticsDto }) {
  const scopes: [string, StatisticsReportDto][] = [[t('statsCounty'), data.county], ...(data.municipality ? ([[data.municipality.name, data.municipality.report]] as [string, StatisticsReportDto][]) : [])];
  const shares: [UiKey, (r: StatisticsReportDto) => StatisticsReportDto['forwarded']][] = [
    ['statsShareFeedback', (r) => r.feedbackWithin14Days],
    ['statsShareTarget', (r) => r.inTargetGroup],
    ['statsShareForwarded', (r) => r.forwarded],
    ['statsShareReturned', (r) => r.returned],
  ];
  return (
    <>
      <section className="card wide" aria-labelledby="stats-durations-h">
        <h2 id="stats-durations-h">{t('statsDurations')}</h2>
        <div className="scroll" tabIndex={0} role="region" aria-labelledby="stats-durations-h">
          <table className="stats-table">
            <thead>
              <tr>
                <th scope="col">{t('statsDurationMeasure')}</th>
                {scopes.map(([name]) => (
                  <th scope="col" key={name} colSpan={4}>
                    {name}
                  </th>
                ))}
              </tr>
              <tr>
                <td />
                {scopes.map(([name]) => [t('statsCases'), t('statsMedian'), t('statsP90'), t('statsMax')].map((h) => <th scope="col" key={`${name}-${h}`}>{h}</th>))}
              </tr>
            </thead>
            <tbody>
              {(Object.keys(durationLabels) as (keyof typeof durationLabels)[]).map((m) => (
                <tr key={m} className={m === 'report_to_kvittens' ? 'stats-key' : undefined}>
                  <th scope="row">{t(durationLabels[m])}</th>
                  {scopes.map(([name, r]) => {
                    const d = r.durations[m];
                    return [d.n.display, minutes(d.median), minutes(d.p90), minutes(d.max)].map((v, i) => <td key={`${name}-${i}`}>{v}</td>);
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <section className="card wide" aria-labelledby="stats-shares-h">
        <h2 id="stats-shares-h">{t('statsShares')}</h2>
        <div className="scroll" tabIndex={0} role="region" aria-labelledby="stats-shares-h">
          <table className="stats-table">
            <thead>
              <tr>
                <th scope="col">{t('statsShare')}</th>
                {scopes.map(([name]) => (
                  <th scope="col" key={name}>
                    {name}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {shares.map(([label, pick]) => (
                <tr key={label}>
                  <th scope="row">{t(label)}</th>
                  {scopes.map(([name, r]) => {
                    const s = pick(r);
                    return <td key={name}>{`${percent(s.share)} (${s.numerator.display} ${t('statsOf').toLowerCase()} ${s.denominator.display})`}</td>;
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <section className="card wide" aria-labelledby="stats-clocks-h">
        <h2 id="stats-clocks-h">{t('statsClocks')}</h2>
        <div className="scroll" tabIndex={0} role="region" aria-labelledby="stats-clocks-h">
          <table className="stats-table">
            <thead>
              <tr>
                <th scope="col">{t('statsClock')}</th>
                {scopes.map(([name]) => (
                  <th scope="col" key={name} colSpan={2}>
                    {name}
                  </th>
                ))}
              </tr>
              <tr>
                <td />
                {scopes.map(([name]) => [t('statsBreached'), t('statsEscalated')].map((h) => <th scope="col" key={`${name}-${h}`}>{h}</th>))}
              </tr>
            </thead>
            <tbody>
              {data.county.clocks.map((c) => (
                <tr key={c.clock}>
                  <th scope="row">{clockLabels[c.clock] ?? c.clock}</th>
                  {scopes.map(([name, r]) => {
                    const own = r.clocks.find((k) => k.clock === c.clock);
                    return [
                      <td key={`${name}-b`}>{own ? `${own.breachedCases.display} (${percent(own.breachRate)})` : '0'}</td>,
                      <td key={`${name}-e`}>{own ? `${own.escalatedCases.display} (${percent(own.escalationRate)})` : '0'}</td>,
                    ];
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </>
  );
}

export function StatisticsPage({ session }: { session: Session }) {
  const manager = session.user.role === 'municipality.manager';
  const [form, setForm] = useState({ from: monthsAgo(5), to: monthsAgo(0), municipality: '', hours: 'all' as Hours });
  const [shown, setShown] = useState(form);
  const query = useMemo(() => {
    const q = new URLSearchParams({ from: shown.from, to: shown.to, hours: shown.hours });
    if (!manager && shown.municipality) q.set('municipality', shown.municipality);
    return q.toString();
  }, [shown, manager]);
  const { load, reload } = useLoad<StatisticsDto>(query, () =>
    ok(
      client.GET('/api/v1/statistics', {
        params: { query: { from: shown.from, to: shown.to, hours: shown.hours, ...(!manager && shown.municipality ? { municipality: shown.municipality } : {}) } },
      }),
    ),
  );

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setShown(form);
  };
  const data = load.state === 'ready' ? load.data : null;
  const focus = data?.municipality?.report ?? data?.county ?? null;
  const focusName = data?.municipality ? data.municipality.name : t('statsCounty');

  return (
    <>
      <h1>{t('navStatistics')}</h1>
      <p>{t('statsIntro')}</p>
      <form className="card wide stats-filters" onSubmit={submit} aria-label={t('statsShow')}>
        <div className="field">
          <label htmlFor="stats-from">{t('statsFrom')}</label>
          <input id="stats-from" type="month" required value={form.from} onChange={(e) => setForm({ ...form, from: e.target.value })} />
        </div>
        <div className="field">
          <label htmlFor="stats-to">{t('statsTo')}</label>
          <input id="stats-to" type="month" required value={form.to} onChange={(e) => setForm({ ...form, to: e.target.value })} />
        </div>
        {!manager && (
          <div className="field">
            <label htmlFor="stats-municipality">{t('statsMunicipality')}</label>
            <select id="stats-municipality" value={form.municipality} onChange={(e) => setForm({ ...form, municipality: e.target.value })}>
              <option value="">{t('statsWholeCounty')}</option>
              {countyMunicipalities.map((m) => (
                <option key={m.code} value={m.code}>
                  {m.name}
                </option>
              ))}
            </select>
          </div>
        )}
        <div className="field">
          <label htmlFor="stats-hours">{t('statsHours')}</label>
          <select id="stats-hours" value={form.hours} onChange={(e) => setForm({ ...form, hours: e.target.value as Hours })}>
            <option value="all">{t('statsHoursAll')}</option>
            <option value="office">{t('statsHoursOffice')}</option>
            <option value="jour">{t('statsHoursJour')}</option>
          </select>
        </div>
        <div className="stats-actions">
          <button type="submit">{t('statsShow')}</button>
          <a className="button-link" href={`/api/v1/statistics/export.csv?${query}`} download>
            {t('statsCsv')}
          </a>
          <a className="button-link" href={`/api/v1/statistics/export.xlsx?${query}`} download>
            {t('statsXlsx')}
          </a>
          <a className="button-link" href={`/api/v1/statistics/report.pdf?${query}`} download>
            {t('statsPdf')}
          </a>
        </div>
      </form>
      <LoadState load={load} onRetry={reload} />
      {data && focus && (
        <>
          <p className="stats-total" role="status">
            {focusName}: <strong>{focus.total.display}</strong> {t('statsCases').toLowerCase()}
            {data.municipality ? ` (${t('statsCounty').toLowerCase()}: ${data.county.total.display})` : ''}
          </p>
          <Scopes data={data} />
          <BarChart id="stats-month" title={`${t('statsByMonth')} – ${focusName}`} table={focus.byMonth} name="byMonth" />
          <BarChart id="stats-office" title={`${t('statsByOfficeHours')} – ${focusName}`} table={focus.byOfficeHours} name="byOfficeHours" />
          <BarChart id="stats-weekday" title={`${t('statsByWeekday')} – ${focusName}`} table={focus.byWeekday} name="byWeekday" />
          <BarChart id="stats-hour" title={`${t('statsByHour')} – ${focusName}`} table={focus.byHour} name="byHour" />
          <BarChart id="stats-muni" title={`${t('statsByMunicipality')} – ${t('statsCounty')}`} table={data.county.byMunicipality} name="byMunicipality" />
          <BarChart id="stats-week" title={`${t('statsByWeek')} – ${focusName}`} table={focus.byWeek} name="byWeek" />
        </>
      )}
    </>
  );
}
