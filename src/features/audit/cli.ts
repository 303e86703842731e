// `envagin audit verify [--json]`: checks the whole hash chain; exit 0 when intact, 1 with the
// first broken row's id otherwise (for scheduled monitoring).
import { parseArgs } from 'node:util';
import type { Config } from '../../config.ts';
import type { Database } from '../../db/client.ts';
import { CliInputError } from '../routing/cli.ts';
import { presentVerification } from './present.ts';
import { verifyAuditChain } from './verify-chain.ts';

type WithDatabase = <T>(config: Config, work: (database: Database) => Promise<T>) => Promise<T>;

export async function auditCommand(args: string[], config: Config, withDatabase: WithDatabase): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== 'verify') throw new CliInputError('usage: envagin audit verify [--json]');
  const { values } = parseArgs({ args: rest, strict: true, options: { json: { type: 'boolean' } } });
  const result = await withDatabase(config, (database) => verifyAuditChain(database.db));
  if (values.json) {
    process.stdout.write(`${JSON.stringify(presentVerification(result), null, 2)}\n`);
  } else if (result.intact) {
    process.stdout.write(`audit log intact: ${result.rowsChecked} rows, head ${result.headHash}\n`);
  } else {
    const b = result.firstBroken!;
    const why = b.kind === 'changed' ? 'its content was changed' : 'a row before it was removed or rows were reordered';
    process.stdout.write(`audit log BROKEN at row ${b.id}: ${why} (${result.rowsChecked} rows verified before it)\n`);
  }
  return result.intact ? 0 : 1;
}
