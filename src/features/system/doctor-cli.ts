// `envagin doctor [--json]`: checks what must always hold in a running installation, for
// operators and scheduled monitoring; exit 0 when all is well, 1 naming what is not:
//  - every migration shipped is applied;
//  - every open case has a running clock (DESIGN.md rule 5), else nobody would be alerted about
//    it. Cases are named by number and status only, never by anything about the child.
import { parseArgs } from 'node:util';
import type { Config } from '../../config.ts';
import type { Database } from '../../db/client.ts';
import { findOpenCasesWithoutClock } from '../../jobs/clocks.ts';

type WithDatabase = <T>(config: Config, work: (database: Database) => Promise<T>) => Promise<T>;

export async function doctorCommand(args: string[], config: Config, withDatabase: WithDatabase): Promise<number> {
  const { values } = parseArgs({ args, strict: true, options: { json: { type: 'boolean' } } });
  const report = await withDatabase(config, async (database) => ({
    migrations: await database.migrationStatus(),
    openCasesWithoutClock: (await findOpenCasesWithoutClock(database.db)).map(({ number, status }) => ({ number, status })),
  }));
  const healthy = report.migrations.applied === report.migrations.expected && report.openCasesWithoutClock.length === 0;
  if (values.json) {
    process.stdout.write(`${JSON.stringify({ healthy, ...report }, null, 2)}\n`);
  } else {
    process.stdout.write(`migrations: ${report.migrations.applied}/${report.migrations.expected} applied\n`);
    if (report.openCasesWithoutClock.length === 0) process.stdout.write('every open case has a running clock\n');
    else {
      process.stdout.write(`OPEN CASES WITHOUT A RUNNING CLOCK (nobody is alerted about them): ${report.openCasesWithoutClock.length}\n`);
      for (const c of report.openCasesWithoutClock) process.stdout.write(`  ${c.number} (${c.status})\n`);
    }
  }
  return healthy ? 0 : 1;
}
