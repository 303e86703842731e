// Whether the statistics' rollups (case_fact_days, case_fact_hours, case_fact_clocks, kept by
// the trigger of drizzle/0039) still equal a recount of the case facts: `envagin doctor` reports
// any difference, since the dashboard's counts are read from the rollups alone. A full pass over
// the facts: an operator's check, never a request's.
import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/query-rows.ts';
import type { DbOrTx } from '../../db/types.ts';

export interface RollupDrift {
  /** Keys (day, hour or clock × municipality × office hours) whose stored count differs from the recount. */
  days: number;
  hours: number;
  clocks: number;
}

export async function findRollupDrift(db: DbOrTx): Promise<RollupDrift> {
  const [drift] = await queryRows<RollupDrift>(
    db,
    sql`with days as (select received_date, received_weekday, municipality_code, office_hours, count(*)::int as cases from case_facts group by 1, 2, 3, 4),
             hours as (select date_trunc('month', received_date)::date as received_month, received_hour, municipality_code, office_hours, count(*)::int as cases
                         from case_facts group by 1, 2, 3, 4),
             clocks as (select date_trunc('month', f.received_date)::date as received_month, c.key as clock, f.municipality_code, f.office_hours, count(*)::int as cases,
                               count(*) filter (where coalesce((c.value ->> 'breaches')::int, 0) > 0)::int as breached,
                               count(*) filter (where coalesce((c.value ->> 'escalations')::int, 0) > 0)::int as escalated
                          from case_facts f cross join lateral jsonb_each(f.clocks) c group by 1, 2, 3, 4)
        select (select count(*)::int from ((select * from days except all select received_date, received_weekday, municipality_code, office_hours, cases from case_fact_days where cases <> 0)
                                           union all
                                           (select received_date, received_weekday, municipality_code, office_hours, cases from case_fact_days where cases <> 0 except all select * from days)) d) as days,
               (select count(*)::int from ((select * from hours except all select received_month, received_hour, municipality_code, office_hours, cases from case_fact_hours where cases <> 0)
                                           union all
                                           (select received_month, received_hour, municipality_code, office_hours, cases from case_fact_hours where cases <> 0 except all select * from hours)) h) as hours,
               (select count(*)::int from ((select * from clocks except all select received_month, clock, municipality_code, office_hours, cases, breached, escalated from case_fact_clocks where cases <> 0)
                                           union all
                                           (select received_month, clock, municipality_code, office_hours, cases, breached, escalated from case_fact_clocks where cases <> 0 except all select * from clocks)) c) as clocks`,
  );
  return drift!;
}
