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
import { statisticsXlsx } from './statistics-xlsx.ts';

/** Binary on standard output, finished before the command returns (and the process may exit). */
function writeOut(data: Buffer): Promise<void> {
  return new Promise((resolve, reject) => process.stdout.write(data, (err) => (err ? reject(err) : resolve())));
}

type WithDatabase = <T>(config: Config, work: (database: Database) => Promise<T>) => Promise<T>;

const USAGE = 'usage: envagin stats --from <YYYY-MM> --to <YYYY-MM> [--municipality <kommunkod>] [--hours all|office|jour] [--format csv|json|xlsx] (xlsx: the workbook on standard output, e.g. > statistik.xlsx)';

export async function statsCommand(args: string[], config: Config, withDatabase: WithDatabase, now: () => Date): Promise<number> {
  const { values } = parseArgs({
    args,
    strict: true,
    options: { from: { type: 'string' }, to: { type: 'string' }, municipality: { type: 'string' }, hours: { type: 'string' }, format: { type: 'string' } },
  });
  const format = values.format ?? 'csv';
  if (format !== 'csv' && format !== 'json' && format !== 'xlsx') throw new CliInputError(`--format must be csv, json or xlsx\n${USAGE}`);
  const parsed = StatisticsQuery.safeParse({ from: values.from, to: values.to, municipality: values.municipality, hours: values.hours });
  if (!parsed.success) throw new CliInputError(`${parsed.error.issues.map((i) => `--${String(i.path[0] ?? '')}: ${i.message}`).join('\n')}\n${USAGE}`);
  const stats = await withDatabase(config, (database) =>
    withTransaction(database.db, (tx) => buildStatistics(tx, null, parsed.data, { now: now(), requestId: 'cli', format })),
  );
  if (format === 'xlsx') await writeOut(await statisticsXlsx(stats, now()));
  else process.stdout.write(format === 'csv' ? statisticsCsv(stats) : `${JSON.stringify(stats, null, 2)}\n`);
  return 0;
}
