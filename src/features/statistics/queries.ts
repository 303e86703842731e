// Reads of the statistics feature: the aggregates of the de-identified case facts of a period,
// computed by PostgreSQL (or PGlite, the same SQL) so that only a few hundred aggregate rows
// cross the socket, never a fact row, never a case row. Each measure reproduces a definition of
// src/domain/statistics-measures.ts exactly; queries.test.ts checks the SQL against
// `aggregateFacts` there over random facts on both databases.
//
// Three statements:
// 1. the measures of the county, and of each municipality asked for, in one index-only scan of
//    the period's facts (case_facts_statistics_idx, drizzle/0039): totals; per duration (whole
//    minutes, generated columns of case_facts) one sorted array_agg, from which the count, the
//    median (the mean of the middle two), the nearest-rank 90th percentile (the ⌈0.9·n⌉-th value)
//    and the maximum are read by position; count(*) FILTER for feedback, target group, forwarded
//    and returned. Medians and percentiles cannot be summed from smaller groups, so this is the
//    one part that stays proportional to the period's facts;
// 2. counts per municipality × week, month, office/jour, weekday and hour, and
// 3. per municipality × clock kind, the cases with a breach and with an escalation,
//    both from the rollups a trigger keeps in the transaction of every fact write
//    (case_fact_days, case_fact_hours, case_fact_clocks): a few hundred rows whatever the facts.
// docs/BENCHMARKS.md has the figures.
import { sql, type SQL } from 'drizzle-orm';
import { queryRows } from '../../db/query-rows.ts';
import type { DbOrTx } from '../../db/types.ts';
import { durationMeasures, feedbackDeadline, type DurationAggregate, type DurationMeasure, type StatAggregates } from '../../domain/statistics-measures.ts';
import { periodDates, type Period } from '../../domain/statistics.ts';
import { addDays } from '../../domain/stockholm-time.ts';

export type HoursFilter = 'all' | 'office' | 'jour';

/** The per-fact inputs of the measures, from the facts of the period (all in the covering index). */
function factRows(period: Period, hours: HoursFilter, asOf: Date, municipalities?: readonly string[]): SQL {
  const { first, last } = periodDates(period);
  // feedbackDeadline of each day of the period, computed here by the domain's own rule and passed
  // as an array indexed by the day (no time-zone conversion per fact, the very same instants).
  const deadlines: string[] = [];
  for (let day = first; day <= last; day = addDays(day, 1)) deadlines.push(feedbackDeadline(day).toISOString());
  const deadline = sql`(${sql.param(deadlines)}::timestamptz[])[received_date - ${first}::date + 1]`;
  const owed = sql`(acknowledged_at is not null or handling = 'own')`;
  return sql`select municipality_code as m,
      ${sql.join(
        durationMeasures.map((m) => sql.identifier(m)),
        sql`, `,
      )},
      ${owed} and (feedback_at is not null or ${deadline} < ${asOf.toISOString()}::timestamptz) as feedback_settled,
      ${owed} and feedback_at is not null and feedback_at <= ${deadline} as feedback_on_time,
      in_target_group, forwarded_at is not null as forwarded, returned_at is not null as returned
    from case_facts where ${inPeriod(period, hours)}${municipalities ? sql` and municipality_code = any(${sql.param(municipalities)}::text[])` : sql``}`;
}

/** The facts received in the period (Stockholm dates), optionally only in office or jour time. */
function inPeriod(period: Period, hours: HoursFilter): SQL {
  const { first, last } = periodDates(period);
  return sql`received_date between ${first}::date and ${last}::date${inHours(hours)}`;
}

/** The same for the rollups by month of receipt (a period is whole months). */
function inMonths(period: Period, hours: HoursFilter): SQL {
  const { first, last } = periodDates(period);
  return sql`received_month between ${first}::date and ${last}::date${inHours(hours)}`;
}

const inHours = (hours: HoursFilter): SQL => (hours === 'all' ? sql`` : sql` and office_hours = ${hours === 'office'}`);

// Each duration is sorted once (array_agg … order by): its count, median, nearest-rank 90th
// percentile and maximum are then read off the sorted array by position. percentile_cont(0.5) and
// percentile_disc(0.9) side by side sort the same 200,000 values twice each (measured: 2.3 times
// the time of one sorted array_agg, the bulk of a dashboard request).
const aggregateColumns = sql.join(
  [
    sql`count(*)::int as total`,
    ...durationMeasures.map((m) => {
      const c = sql.identifier(m);
      return sql`array_agg(${c} order by ${c}) filter (where ${c} is not null) as ${c}`;
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

/** n, median (the mean of the middle two when n is even), ⌈0.9·n⌉-th value and maximum of a sorted array. */
const measureColumns = sql.join(
  [
    sql`scope, total`,
    ...durationMeasures.flatMap((m) => {
      const s = sql.identifier(m);
      const n = sql`coalesce(cardinality(${s}), 0)`;
      return [
        sql`${n} as ${sql.identifier(`${m}.n`)}`,
        sql`(${s}[(${n} + 1) / 2] + ${s}[(${n} + 2) / 2]) / 2.0 as ${sql.identifier(`${m}.median`)}`,
        sql`${s}[ceil(0.9::float8 * ${n})::int] as ${sql.identifier(`${m}.p90`)}`,
        sql`${s}[${n}] as ${sql.identifier(`${m}.max`)}`,
      ];
    }),
    sql`feedback_on_time, feedback_settled, target_yes, target_known, forwarded, returned`,
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
  // The municipalities' branch scans again rather than share the county's rows: a CTE read twice
  // is materialized, which costs more than a second index-only scan.
  const ownBranch =
    codes.length === 0
      ? sql``
      : sql` union all select m as scope, ${aggregateColumns} from (${factRows(q.period, q.hours, q.asOf, codes)}) f group by m`;
  const where = inPeriod(q.period, q.hours);
  // Six sorts of the period's durations: in memory rather than spilled to disk (4 MB, PostgreSQL's
  // default, holds about 150,000 values; measured: twice the time when spilled). Local to the
  // caller's transaction; outside one PostgreSQL ignores it with a warning.
  await db.execute(sql`set local work_mem = '32MB'`);
  // No JIT compilation: under the reader's row-level policies the planner prices the scan of a
  // large period far above jit_optimize_above_cost, and compiling then took 415 ms of a 570 ms
  // statement (measured as the analyst over the benchmark's six months); the statement itself
  // runs in about 150 ms interpreted.
  await db.execute(sql`set local jit = off`);
  const measures = await queryRows<MeasureRow>(
    db,
    sql`with a as (select null::text as scope, ${aggregateColumns} from (${factRows(q.period, q.hours, q.asOf)}) f${ownBranch})
        select ${measureColumns} from a`,
  );
  const counts = await queryRows<CountRow>(
    db,
    sql`with d as (select municipality_code as m, received_date, received_weekday, office_hours, cases from case_fact_days where ${where})
        select m, 'week' as dim, to_char(received_date, 'IYYY-"W"IW') as key, sum(cases)::int as n from d group by 1, 3 having sum(cases) <> 0
        union all select m, 'month', to_char(received_date, 'YYYY-MM'), sum(cases)::int from d group by 1, 3 having sum(cases) <> 0
        union all select m, 'office', case when office_hours then 'office' else 'jour' end, sum(cases)::int from d group by 1, 3 having sum(cases) <> 0
        union all select m, 'weekday', received_weekday::text, sum(cases)::int from d group by 1, 3 having sum(cases) <> 0
        union all select municipality_code, 'hour', lpad(received_hour::text, 2, '0'), sum(cases)::int
                    from case_fact_hours where ${inMonths(q.period, q.hours)} group by 1, 3 having sum(cases) <> 0`,
  );
  const clocks = await queryRows<ClockRow>(
    db,
    sql`select municipality_code as m, clock, sum(breached)::int as breached, sum(escalated)::int as escalated
          from case_fact_clocks where ${inMonths(q.period, q.hours)}
         group by 1, 2 having sum(cases) > 0`,
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
