// What counts as "the database is away, try again" (503) rather than a bug (500).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isDatabaseUnavailable } from './unavailable.ts';

const withCode = (code: string, message = 'x') => Object.assign(new Error(message), { code });

test('a lost or refused connection, or PostgreSQL shutting down or starting, is unavailability', () => {
  for (const e of [
    withCode('57P01', 'terminating connection due to administrator command'),
    withCode('57P03', 'the database system is starting up'),
    withCode('08006'),
    withCode('ECONNREFUSED'),
    new Error('Connection terminated unexpectedly'),
    new Error('Client has encountered a connection error and is not queryable'),
    new Error('timeout exceeded when trying to connect'),
    // Drizzle wraps the driver's error; an address with several IPs fails as an AggregateError.
    Object.assign(new Error('Failed query: select 1\nparams: '), { cause: new Error('Connection terminated unexpectedly') }),
    new AggregateError([withCode('ECONNREFUSED'), withCode('ECONNREFUSED')]),
  ]) {
    assert.equal(isDatabaseUnavailable(e), true, String(e));
  }
});

test('bugs and refusals by the data are not', () => {
  for (const e of [new Error('boom'), new TypeError('x is undefined'), withCode('23505'), withCode('42P01'), withCode('22P02'), null, 'text']) {
    assert.equal(isDatabaseUnavailable(e), false, String(e));
  }
});
