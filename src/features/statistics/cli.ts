// `envagin stats --from YYYY-MM --to YYYY-MM [--municipality <kod>] [--hours all|office|jour]
// [--format csv|json]`: the same figures as GET /api/v1/statistics, for an operator with access
// to the database (county-wide, any municipality beside it). Audited like an API read, with no
// user.
import { parseArgs } from 'node:util';
import type { Config } from '../../config.ts';
import type { Database } from '../../db/client.ts';
import { withTransaction } from '../../db/transaction.ts';
import { StatisticsQuery } from '../../shared/api/statistics.ts';
import { statisticsCsv } from '../../shared/statistics-csv.ts';
import { CliInputError } from '../routing/cli.ts';
import { buildStatistics } from './build-statistics.ts';

type WithDatabase = <T>(config: Config, work: (database: Database) => Promise<T>) => Promise<T>;

const USAGE = 'usage: envagin stats --from <YYYY-MM> --to <YYYY-MM> [--municipality <kommunkod>] [--hours all|office|jour] [--format csv|json]';

export async function statsCommand(args: string[], config: Config, withDatabase: WithDatabase, now: () => Date): Promise<number> {
  const { values } = parseArgs({
    args,
    strict: true,
    options: { from: { type: 'string' }, to: { type: 'string' }, municipality: { type: 'string' }, hours: { type: 'string' }, format: { type: 'string' } },
  });
  const format = values.format ?? 'csv';
  if (format !== 'csv' && format !== 'json') throw new CliInputError(`--format must be csv or json\n${USAGE}`);
  const parsed = StatisticsQuery.safeParse({ from: values.from, to: values.to, municipality: values.municipality, hours: values.hours });
  if (!parsed.success) throw new CliInputError(`${parsed.error.issues.map((i) => `--${String(i.path[0] ?? '')}: ${i.message}`).join('\n')}\n${USAGE}`);
  const stats = await withDatabase(config, (database) =>
    withTransaction(database.db, (tx) => buildStatistics(tx, null, parsed.data, { now: now(), requestId: 'cli', format })),
  );
  process.stdout.write(format === 'csv' ? statisticsCsv(stats) : `${JSON.stringify(stats, null, 2)}\n`);
  return 0;
}
