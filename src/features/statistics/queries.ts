// Reads of the statistics feature: the aggregates of the de-identified case facts of a period,
// computed by PostgreSQL (or PGlite, the same SQL) so that only a few hundred aggregate rows
// cross the socket, never a fact row, never a case row. Each measure reproduces a definition of
// src/domain/statistics-measures.ts exactly; queries.test.ts checks the SQL against
// `aggregateFacts` there over random facts on both databases.
//
// Three statements, each one pass over the period's facts (the received_date index):
// 1. the measures of the county, and of each municipality asked for: totals, duration medians
//    (percentile_cont(0.5): the mean of the middle two), nearest-rank 90th percentiles
//    (percentile_disc(0.9): the ⌈0.9·n⌉-th value), maxima, and count(*) FILTER for feedback,
//    target group, forwarded and returned. The per-fact inputs are a MATERIALIZED CTE: inlined,
//    each duration expression would be evaluated once per aggregate that reads it (measured:
//    twice the time);
// 2. counts per municipality × (day, office/jour, weekday, hour) as GROUPING SETS, the days then
//    made ISO weeks and months on those few thousand rows; the county's counts are the sums over
//    municipalities (every fact has one municipality or none: 'unknown');
// 3. per municipality × clock kind, the cases with a breach and with an escalation.
// What remains proportional to the facts is PostgreSQL's scan and the twelve percentile sorts;
// docs/BENCHMARKS.md has the figures.
import { sql, type SQL } from 'drizzle-orm';
import { queryRows } from '../../db/query-rows.ts';
import type { DbOrTx } from '../../db/types.ts';
import { durationMeasures, feedbackDeadline, type DurationAggregate, type DurationMeasure, type StatAggregates } from '../../domain/statistics-measures.ts';
import { periodDates, type Period } from '../../domain/statistics.ts';
import { addDays } from '../../domain/stockholm-time.ts';

export type HoursFilter = 'all' | 'office' | 'jour';

const columnOf: Record<DurationMeasure, readonly [string, string]> = {
  report_to_claim: ['received_at', 'claimed_at'],
  claim_to_decision: ['claimed_at', 'decided_at'],
  decision_to_kvittens: ['decided_at', 'acknowledged_at'],
  report_to_kvittens: ['received_at', 'acknowledged_at'],
  kvittens_to_skyddsbedomning: ['acknowledged_at', 'skyddsbedomning_at'],
  report_to_forhandsbedomning: ['received_at', 'forhandsbedomning_at'],
};

/**
 * Whole minutes, rounded half up as Math.round does (floor(x + 0.5)), null when negative —
 * minutesBetween in statistics-measures.ts. date_part('epoch', interval) is float8 (extract is
 * numeric, and numeric arithmetic over six pairs per fact was most of a request's time); it is
 * exact for the decision that matters: a difference of whole milliseconds sits at least 1/60000
 * of a minute from a rounding edge, and an exact half minute stays exact (k·30 s / 60 = k/2).
 */
function minutes(from: string, to: string): SQL {
  const m = sql`floor(date_part('epoch', ${sql.identifier(to)} - ${sql.identifier(from)}) / 60 + 0.5)`;
  return sql`case when ${m} >= 0 then ${m}::int end`;
}

/** The per-fact inputs of every aggregation, from the facts of the period (narrow: it is materialized). */
function factRows(period: Period, hours: HoursFilter, asOf: Date): SQL {
  const { first, last } = periodDates(period);
  // feedbackDeadline of each day of the period, computed here by the domain's own rule and passed
  // as an array indexed by the day (no time-zone conversion per fact, the very same instants).
  const deadlines: string[] = [];
  for (let day = first; day <= last; day = addDays(day, 1)) deadlines.push(feedbackDeadline(day).toISOString());
  const deadline = sql`(${sql.param(deadlines)}::timestamptz[])[received_date - ${first}::date + 1]`;
  const owed = sql`(acknowledged_at is not null or handling = 'own')`;
  return sql`select municipality_code as m,
      ${sql.join(
        durationMeasures.map((m) => sql`${minutes(...columnOf[m])} as ${sql.identifier(m)}`),
        sql`, `,
      )},
      ${owed} and (feedback_at is not null or ${deadline} < ${asOf.toISOString()}::timestamptz) as feedback_settled,
      ${owed} and feedback_at is not null and feedback_at <= ${deadline} as feedback_on_time,
      in_target_group, forwarded_at is not null as forwarded, returned_at is not null as returned
    from case_facts where ${inPeriod(period, hours)}`;
}

/** The facts received in the period (Stockholm dates), optionally only in office or jour time. */
function inPeriod(period: Period, hours: HoursFilter): SQL {
  const { first, last } = periodDates(period);
  return sql`received_date between ${first}::date and ${last}::date${hours === 'all' ? sql`` : sql` and office_hours = ${hours === 'office'}`}`;
}

const measureColumns = sql.join(
  [
    sql`count(*)::int as total`,
    ...durationMeasures.flatMap((m) => {
      const c = sql.identifier(m);
      return [
        sql`count(${c})::int as ${sql.identifier(`${m}.n`)}`,
        sql`percentile_cont(0.5) within group (order by ${c}) as ${sql.identifier(`${m}.median`)}`,
        sql`percentile_disc(0.9) within group (order by ${c}) as ${sql.identifier(`${m}.p90`)}`,
        sql`max(${c}) as ${sql.identifier(`${m}.max`)}`,
      ];
    }),
    sql`count(*) filter (where feedback_on_time)::int as feedback_on_time`,
    sql`count(*) filter (where feedback_settled)::int as feedback_settled`,
    sql`count(*) filter (where in_target_group)::int as target_yes`,
    sql`count(in_target_group)::int as target_known`,
    sql`count(*) filter (where forwarded)::int as forwarded`,
    sql`count(*) filter (where returned)::int as returned`,
  ],
  sql`, `,
);

type MeasureRow = Record<string, number | string | null> & { scope: string | null };
type CountRow = { m: string | null; dim: 'week' | 'month' | 'office' | 'weekday' | 'hour'; key: string; n: number };
type ClockRow = { m: string | null; clock: string; breached: number; escalated: number };

const num = (v: number | string | null | undefined): number | null => (v === null || v === undefined ? null : Number(v));

function emptyAggregates(): StatAggregates {
  return {
    total: 0,
    byWeek: {},
    byMonth: {},
    byMunicipality: {},
    byOfficeHours: {},
    byWeekday: {},
    byHour: {},
    durations: Object.fromEntries(durationMeasures.map((m) => [m, { n: 0, median: null, p90: null, max: null }])) as Record<DurationMeasure, DurationAggregate>,
    feedback: { onTime: 0, settled: 0 },
    clocks: {},
    targetGroup: { yes: 0, known: 0 },
    forwarded: 0,
    returned: 0,
  };
}

function fromMeasureRow(row: MeasureRow): StatAggregates {
  const agg = emptyAggregates();
  agg.total = Number(row.total);
  for (const m of durationMeasures) {
    agg.durations[m] = { n: Number(row[`${m}.n`]), median: num(row[`${m}.median`]), p90: num(row[`${m}.p90`]), max: num(row[`${m}.max`]) };
  }
  agg.feedback = { onTime: Number(row.feedback_on_time), settled: Number(row.feedback_settled) };
  agg.targetGroup = { yes: Number(row.target_yes), known: Number(row.target_known) };
  agg.forwarded = Number(row.forwarded);
  agg.returned = Number(row.returned);
  return agg;
}

const tableOf = { week: 'byWeek', month: 'byMonth', office: 'byOfficeHours', weekday: 'byWeekday', hour: 'byHour' } as const;

export interface ScopedAggregates {
  county: StatAggregates;
  /** One entry per municipality code asked for (with no case: zeros). */
  municipalities: Map<string, StatAggregates>;
}

/**
 * The aggregates of the county and of each municipality in `municipalities` over the period.
 * `asOf` is "now" for the feedback rule (cases whose 14 days have not passed are not yet counted).
 */
export async function aggregateStatFacts(db: DbOrTx, q: { period: Period; hours: HoursFilter; municipalities: readonly string[]; asOf: Date }): Promise<ScopedAggregates> {
  const codes = [...new Set(q.municipalities)];
  const ownBranch =
    codes.length === 0 ? sql`` : sql` union all select m as scope, ${measureColumns} from f where m = any(${sql.param(codes)}::text[]) group by m`;
  const where = inPeriod(q.period, q.hours);
  const measures = await queryRows<MeasureRow>(db, sql`with f as materialized (${factRows(q.period, q.hours, q.asOf)}) select null::text as scope, ${measureColumns} from f${ownBranch}`);
  const counts = await queryRows<CountRow>(
    db,
    sql`with g as (select municipality_code as m, received_date as d, office_hours, received_weekday, received_hour, count(*)::int as n,
                          grouping(received_date) as gd, grouping(office_hours) as go, grouping(received_weekday) as gw
                     from case_facts where ${where}
                    group by grouping sets ((municipality_code, received_date), (municipality_code, office_hours), (municipality_code, received_weekday), (municipality_code, received_hour)))
        -- days become ISO weeks and months here, on a few thousand rows rather than per fact
        select m, 'week' as dim, to_char(d, 'IYYY-"W"IW') as key, sum(n)::int as n from g where gd = 0 group by 1, 3
        union all select m, 'month', to_char(d, 'YYYY-MM'), sum(n)::int from g where gd = 0 group by 1, 3
        union all select m, 'office', case when office_hours then 'office' else 'jour' end, n from g where go = 0
        union all select m, 'weekday', received_weekday::text, n from g where gw = 0
        union all select m, 'hour', lpad(received_hour::text, 2, '0'), n from g where gd = 1 and go = 1 and gw = 1`,
  );
  const clocks = await queryRows<ClockRow>(
    db,
    sql`select m, c.key as clock,
               count(*) filter (where coalesce((c.value ->> 'breaches')::int, 0) > 0)::int as breached,
               count(*) filter (where coalesce((c.value ->> 'escalations')::int, 0) > 0)::int as escalated
          from (select municipality_code as m, clocks from case_facts where ${where} and clocks <> '{}'::jsonb) f
         cross join lateral jsonb_each(f.clocks) c
         group by m, c.key`,
  );


  const county = fromMeasureRow(measures.find((r) => r.scope === null)!);
  const own = new Map<string, StatAggregates>(codes.map((code) => [code, emptyAggregates()]));
  for (const row of measures) if (row.scope !== null && own.has(row.scope)) own.set(row.scope, fromMeasureRow(row));
  for (const [code, agg] of own) agg.byMunicipality = agg.total > 0 ? { [code]: agg.total } : {};

  const add = (counts: Record<string, number>, key: string, n: number) => (counts[key] = (counts[key] ?? 0) + n);
  for (const row of counts) {
    const n = Number(row.n);
    const table = tableOf[row.dim];
    add(county[table], row.key, n);
    if (row.dim === 'weekday') add(county.byMunicipality, row.m ?? 'unknown', n); // each fact has one weekday: its municipality's total
    const mine = row.m === null ? undefined : own.get(row.m);
    if (mine) add(mine[table], row.key, n);
  }
  for (const row of clocks) {
    for (const agg of [county, row.m === null ? undefined : own.get(row.m)]) {
      if (!agg) continue;
      const c = (agg.clocks[row.clock] ??= { breached: 0, escalated: 0 });
      c.breached += Number(row.breached);
      c.escalated += Number(row.escalated);
    }
  }
  return { county, municipalities: own };
}
