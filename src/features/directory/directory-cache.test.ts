// The directory cache under overlapping reloads, with a loader the test finishes by hand: a
// caller who read revision N never gets a snapshot older than N, however the loads interleave.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { DbOrTx } from '../../db/types.ts';
import type { DirectorySnapshot } from '../../domain/directory-types.ts';
import { DirectoryCache } from './directory-cache.ts';

/** A snapshot recognisable by its label (the hub's name stands for the revision it was read at). */
const snapshotOf = (label: string): DirectorySnapshot => ({
  hub: { orgId: 'hub', name: label, municipalityCode: '0180', contacts: [] },
  municipalities: [],
  intakeUnits: [],
  jourGroups: [],
  agreements: [],
});

/** Each call of `load` is one pending load; the test settles them in the order it chooses. */
function controlledLoader() {
  const loads: { resolve(s: DirectorySnapshot): void; reject(e: Error): void }[] = [];
  const load = () =>
    new Promise<DirectorySnapshot>((resolve, reject) => {
      loads.push({ resolve, reject });
    });
  return { load, loads };
}

// The loader is the test's own, so the cache never touches this "connection".
const db = {} as DbOrTx;
const label = (s: DirectorySnapshot) => s.hub.name;
/** Lets settled loads run their continuations. */
const settle = () => new Promise<void>((r) => setImmediate(r));

test('a caller of revision 2 does not share a load of revision 1 still in flight', async () => {
  const { load, loads } = controlledLoader();
  const cache = new DirectoryCache(load);
  const one = cache.at(db, 1);
  const two = cache.at(db, 2);
  assert.equal(loads.length, 2, 'revision 2 started a load of its own');
  let twoGot: string | null = null;
  void two.then((s) => (twoGot = label(s)));
  loads[0]!.resolve(snapshotOf('r1'));
  assert.equal(label(await one), 'r1');
  await settle();
  assert.equal(twoGot, null, 'revision 2 is still waiting for its own load');
  loads[1]!.resolve(snapshotOf('r2'));
  assert.equal(label(await two), 'r2');
});

test('a slow load of revision 1 that finishes after revision 2 does not replace it', async () => {
  const { load, loads } = controlledLoader();
  const cache = new DirectoryCache(load);
  const one = cache.at(db, 1);
  const two = cache.at(db, 2);
  loads[1]!.resolve(snapshotOf('r2'));
  assert.equal(label(await two), 'r2');
  loads[0]!.resolve(snapshotOf('r1'));
  assert.equal(label(await one), 'r1', 'its own caller gets the load it started');
  assert.equal(label(await cache.at(db, 2)), 'r2', 'the cache still holds revision 2');
  assert.equal(label(await cache.at(db, 1)), 'r2', 'a caller of an older revision gets the newer snapshot, not a reload');
  assert.equal(loads.length, 2, 'neither read reloaded');
});

test('callers of the same or an older revision share the load in flight; a newer revision reloads', async () => {
  const { load, loads } = controlledLoader();
  const cache = new DirectoryCache(load);
  const first = cache.at(db, 2);
  const same = cache.at(db, 2);
  const older = cache.at(db, 1);
  assert.equal(loads.length, 1, 'one load for all three');
  loads[0]!.resolve(snapshotOf('r2'));
  assert.deepEqual((await Promise.all([first, same, older])).map(label), ['r2', 'r2', 'r2']);
  assert.equal(label(await cache.at(db, 2)), 'r2');
  assert.equal(loads.length, 1, 'revision 2 is served from the cache');
  const three = cache.at(db, 3);
  assert.equal(loads.length, 2, 'revision 3 reloads');
  loads[1]!.resolve(snapshotOf('r3'));
  assert.equal(label(await three), 'r3');
});

test('a failed load is not cached and not shared with later callers', async () => {
  const { load, loads } = controlledLoader();
  const cache = new DirectoryCache(load);
  const failing = cache.at(db, 1);
  loads[0]!.reject(new Error('connection reset'));
  await assert.rejects(failing, /connection reset/);
  const retry = cache.at(db, 1);
  assert.equal(loads.length, 2, 'the next caller loads again');
  loads[1]!.resolve(snapshotOf('r1'));
  assert.equal(label(await retry), 'r1');
});
