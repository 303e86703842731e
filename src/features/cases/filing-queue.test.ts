// The group-commit queue on its own: which reports share a batch, how many batches run at once,
// and what each waiting report is told when its batch fails.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Actor } from '../../shared/actor.ts';
import { FilingQueue } from './filing-queue.ts';
import type { PreparedReport, SubmitOutcome } from './submit-report.ts';

const actor = (orgId: string): Actor => ({
  userId: `user-${orgId}`,
  username: orgId,
  displayName: orgId,
  role: 'police.reporter',
  orgId,
  orgName: orgId,
  orgKind: 'police',
  municipalityCode: null,
});

// Only the fields the queue reads; the writer below never looks at the rest.
const report = (key: string, orgId = 'police-roc') => ({ actor: actor(orgId), idempotencyKey: key }) as PreparedReport;

/** A writer whose batches finish when the test says so, recording what it was given. */
function controlledWriter() {
  const batches: string[][] = [];
  const pending: (() => void)[] = [];
  let running = 0;
  let maxRunning = 0;
  const write = (items: PreparedReport[]): Promise<SubmitOutcome[]> => {
    batches.push(items.map((i) => i.idempotencyKey));
    running++;
    maxRunning = Math.max(maxRunning, running);
    return new Promise((resolve) =>
      pending.push(() => {
        running--;
        resolve(items.map((i) => ({ ok: true, created: true, row: { idempotencyKey: i.idempotencyKey } as never })));
      }),
    );
  };
  return { write, batches, finishAll: () => pending.splice(0).forEach((f) => f()), maxRunning: () => maxRunning };
}

const tick = () => new Promise((r) => setImmediate(r));

describe('FilingQueue', () => {
  test('reports submitted together share one batch; later ones wait for a free slot and then share the next', async () => {
    const w = controlledWriter();
    const queue = new FilingQueue(w.write, { maxBatch: 50, maxInFlight: 1 });
    const first = ['a', 'b', 'c'].map((k) => queue.submit(report(k)));
    await tick();
    assert.deepEqual(w.batches, [['a', 'b', 'c']]);
    const second = ['d', 'e'].map((k) => queue.submit(report(k)));
    await tick();
    assert.equal(w.batches.length, 1, 'the second batch waits for the first');
    w.finishAll();
    const done = await Promise.all(first);
    assert.deepEqual(
      done.map((o) => o.ok && o.row.idempotencyKey),
      ['a', 'b', 'c'],
    );
    await tick();
    assert.deepEqual(w.batches[1], ['d', 'e']);
    w.finishAll();
    assert.equal((await Promise.all(second)).length, 2);
  });

  test('never more batches at once than maxInFlight, never more reports in one than maxBatch', async () => {
    const w = controlledWriter();
    const queue = new FilingQueue(w.write, { maxBatch: 3, maxInFlight: 2 });
    const all = Array.from({ length: 10 }, (_, i) => queue.submit(report(`k${i}`)));
    for (let i = 0; i < 10; i++) {
      await tick();
      w.finishAll();
    }
    await Promise.all(all);
    assert.equal(w.maxRunning(), 2);
    assert.deepEqual(w.batches.map((b) => b.length), [3, 3, 3, 1]);
    assert.deepEqual(w.batches.flat(), Array.from({ length: 10 }, (_, i) => `k${i}`));
  });

  test('reports of different organisations are never in one batch (one row-level-security context per transaction)', async () => {
    const w = controlledWriter();
    const queue = new FilingQueue(w.write, { maxBatch: 50, maxInFlight: 4 });
    const all = [queue.submit(report('p1', 'police-roc')), queue.submit(report('o1', 'police-other')), queue.submit(report('p2', 'police-roc'))];
    await tick();
    w.finishAll();
    await Promise.all(all);
    assert.deepEqual(w.batches.map((b) => b.sort()).sort(), [['o1'], ['p1', 'p2']]);
  });

  test('a batch whose writer throws answers every report in it with the error, and the queue goes on', async () => {
    let calls = 0;
    const queue = new FilingQueue(
      async (items) => {
        if (calls++ === 0) throw new Error('database gone');
        return items.map(() => ({ ok: true, created: true, row: {} as never }));
      },
      { maxBatch: 50, maxInFlight: 1 },
    );
    const failed = await Promise.all([queue.submit(report('x')), queue.submit(report('y'))]);
    assert.deepEqual(failed.map((o) => o.ok), [false, false]);
    assert.equal(failed[0]!.ok === false && (failed[0]!.error as Error).message, 'database gone');
    assert.equal((await queue.submit(report('z'))).ok, true);
  });
});
