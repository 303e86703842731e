// Whether the statistics' rollups (case_fact_days, case_fact_hours, case_fact_clocks, kept by
// the trigger of drizzle/0039) still equal a recount of the case facts: `envagin doctor` reports
// any difference, since the dashboard's counts are read from the rollups alone. A full pass over
// the facts: an operator's check, never a request's.
import { sql, type SQL } from 'drizzle-orm';
import { queryRows } from '../../db/query-rows.ts';
import type { DbOrTx } from '../../db/types.ts';

export interface RollupDrift {
  /** Keys (day, hour or clock × municipality × office hours) whose stored count differs from the recount. */
  days: number;
  hours: number;
  clocks: number;
}

/** Keys whose count differs between a rollup and its recount (drizzle/0039's *_recount views), both ways. */
function differingKeys(rollup: string, columns: readonly string[]): SQL {
  const cols = sql.raw(columns.join(', '));
  const kept = sql`select ${cols} from ${sql.identifier(rollup)} where cases <> 0`;
  const recount = sql`select ${cols} from ${sql.identifier(`${rollup}_recount`)}`;
  return sql`(select count(*)::int from ((${recount} except all ${kept}) union all (${kept} except all ${recount})) d)`;
}

const keys = ['municipality_code', 'office_hours', 'cases'];

export async function findRollupDrift(db: DbOrTx): Promise<RollupDrift> {
  const [drift] = await queryRows<RollupDrift>(
    db,
    sql`select ${differingKeys('case_fact_days', ['received_date', 'received_weekday', ...keys])} as days,
               ${differingKeys('case_fact_hours', ['received_month', 'received_hour', ...keys])} as hours,
               ${differingKeys('case_fact_clocks', ['received_month', 'clock', ...keys, 'breached', 'escalated'])} as clocks`,
  );
  return drift!;
}
