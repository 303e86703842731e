// `envagin route` and `envagin coverage`: the same pure rules as the API, on the directory in the
// configured database.
import { parseArgs } from 'node:util';
import type { Config } from '../../config.ts';
import type { Database } from '../../db/client.ts';
import { findCoverageGaps } from '../../domain/coverage.ts';
import { decideRouting } from '../../domain/routing.ts';
import { toStockholm } from '../../domain/stockholm-time.ts';
import { loadDirectory } from '../directory/load-directory.ts';
import { CoverageQuery, RoutingQuery } from './schemas.ts';
import { now } from '../../jobs/clock-source.ts';

export class CliInputError extends Error {}

type WithDatabase = <T>(config: Config, work: (database: Database) => Promise<T>) => Promise<T>;

function parseOrExplain<T>(schema: { safeParse(v: unknown): { success: true; data: T } | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } } }, value: unknown): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw new CliInputError(parsed.error.issues.map((i) => `--${String(i.path[0] ?? '')}: ${i.message}`).join('\n'));
}

export async function routeCommand(args: string[], config: Config, withDatabase: WithDatabase): Promise<void> {
  const { values } = parseArgs({
    args,
    strict: true,
    options: { residence: { type: 'string' }, found: { type: 'string' }, age: { type: 'string' }, at: { type: 'string' }, json: { type: 'boolean' } },
  });
  const { json: _json, ...rest } = values;
  const input = parseOrExplain(RoutingQuery, rest);
  const at = input.at ? new Date(input.at) : now();
  const decision = await withDatabase(config, async (database) => decideRouting(await loadDirectory(database.db), { residence: input.residence, found: input.found, age: input.age, receivedAt: at }));
  process.stdout.write(`${JSON.stringify(decision, null, 2)}\n`);
}

function local(d: Date): string {
  const s = toStockholm(d);
  return `${s.date} ${s.time}`;
}

/** Exit status 1 when there are gaps, so monitoring can run it on a schedule. */
export async function coverageCommand(args: string[], config: Config, withDatabase: WithDatabase): Promise<number> {
  const { values } = parseArgs({ args, strict: true, options: { from: { type: 'string' }, days: { type: 'string' }, json: { type: 'boolean' } } });
  const input = parseOrExplain(CoverageQuery, { from: values.from, days: values.days });
  const gaps = await withDatabase(config, async (database) => findCoverageGaps(await loadDirectory(database.db), input.from, input.days));
  if (values.json) {
    process.stdout.write(`${JSON.stringify({ from: input.from, days: input.days, gaps }, null, 2)}\n`);
  } else if (gaps.length === 0) {
    process.stdout.write(`Inga täckningsluckor ${input.from} + ${input.days} dagar: varje samverkande kommun har ett nåbart nummer hela tiden.\n`);
  } else {
    process.stdout.write(`${gaps.length} täckningsluckor (tider i svensk tid):\n`);
    for (const g of gaps) process.stdout.write(`  ${g.municipalityCode} ${g.municipalityName.padEnd(16)} ${local(g.start)} – ${local(g.end)}\n`);
  }
  return gaps.length === 0 ? 0 : 1;
}
