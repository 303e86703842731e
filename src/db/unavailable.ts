// Whether an error means "the database cannot be reached now" (restarting, failing over, network
// gone) rather than a bug: such a request is answered 503 SERVICE_UNAVAILABLE, to be tried again.
//
// PostgreSQL says so by SQLSTATE (class 08 connection exceptions, 57P01-57P03 shutting down or
// starting, 53 out of resources, 55P03 lock not available, 57014 statement timeout). A connection
// that is refused or cut shows up as Node's socket error codes. The `pg` driver itself reports a
// connection lost mid-use, or a pool that cannot connect in time, with an Error that has neither
// a code nor a class, only its own fixed message: those messages are matched here, and nowhere
// else, because the driver offers nothing else to tell them by.
import { sqlState } from './transaction.ts';

const unavailableStates = /^(08|57P0|53|55P03|57014)/;

const socketCodes = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);

/** node-postgres (pg, pg-pool) messages for a lost or impossible connection. */
const driverMessages = new Set([
  'Connection terminated unexpectedly',
  'Connection terminated',
  'Connection terminated due to connection timeout',
  'Client has encountered a connection error and is not queryable',
  'Client was closed and is not queryable',
  'timeout exceeded when trying to connect',
]);

export function isDatabaseUnavailable(error: unknown): boolean {
  const state = sqlState(error);
  if (state) return unavailableStates.test(state);
  // Walk the causes (Drizzle wraps driver errors) and the parts of an AggregateError (a host
  // name with several addresses, each refused).
  const seen = new Set<unknown>();
  const queue: unknown[] = [error];
  while (queue.length > 0 && seen.size < 20) {
    const e = queue.shift();
    if (!e || typeof e !== 'object' || seen.has(e)) continue;
    seen.add(e);
    const { code, message, cause, errors } = e as { code?: unknown; message?: unknown; cause?: unknown; errors?: unknown };
    if (typeof code === 'string' && socketCodes.has(code)) return true;
    if (typeof message === 'string' && driverMessages.has(message)) return true;
    queue.push(cause);
    if (Array.isArray(errors)) queue.push(...errors);
  }
  return false;
}
