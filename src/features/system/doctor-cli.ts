// `envagin doctor [--json]`: checks what must always hold in a running installation, for
// operators and scheduled monitoring; exit 0 when all is well, 1 naming what is not:
//  - every migration shipped is applied;
//  - every open case has a running clock (DESIGN.md rule 5), else nobody would be alerted about
//    it. Cases are named by number and status only, never by anything about the child;
//  - the statistics' rollups equal a recount of the case facts (the dashboard's counts are read
//    from them alone).
import { parseArgs } from 'node:util';
import type { Config } from '../../config.ts';
import type { Database } from '../../db/client.ts';
import { findOpenCasesWithoutClock } from '../../jobs/clocks.ts';
import { findRollupDrift } from '../statistics/rollup-drift.ts';

type WithDatabase = <T>(config: Config, work: (database: Database) => Promise<T>) => Promise<T>;

export async function doctorCommand(args: string[], config: Config, withDatabase: WithDatabase): Promise<number> {
  const { values } = parseArgs({ args, strict: true, options: { json: { type: 'boolean' } } });
  const report = await withDatabase(config, async (database) => ({
    migrations: await database.migrationStatus(),
    openCasesWithoutClock: (await findOpenCasesWithoutClock(database.db)).map(({ number, status }) => ({ number, status })),
    statisticsRollupDrift: await findRollupDrift(database.db),
  }));
  const drift = report.statisticsRollupDrift;
  const rollupsAgree = drift.days + drift.hours + drift.clocks === 0;
  const healthy = report.migrations.applied === report.migrations.expected && report.openCasesWithoutClock.length === 0 && rollupsAgree;
  if (values.json) {
    process.stdout.write(`${JSON.stringify({ healthy, ...report }, null, 2)}\n`);
  } else {
    process.stdout.write(`migrations: ${report.migrations.applied}/${report.migrations.expected} applied\n`);
    if (report.openCasesWithoutClock.length === 0) process.stdout.write('every open case has a running clock\n');
    else {
      process.stdout.write(`OPEN CASES WITHOUT A RUNNING CLOCK (nobody is alerted about them): ${report.openCasesWithoutClock.length}\n`);
      for (const c of report.openCasesWithoutClock) process.stdout.write(`  ${c.number} (${c.status})\n`);
    }
    if (rollupsAgree) process.stdout.write('the statistics rollups agree with the case facts\n');
    else process.stdout.write(`STATISTICS ROLLUPS DIFFER FROM THE CASE FACTS (keys): days ${drift.days}, hours ${drift.hours}, clocks ${drift.clocks}\n`);
  }
  return healthy ? 0 : 1;
}
