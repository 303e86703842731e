// How audit rows are hashed, in both formats (audit-hash.ts).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { migratedLegacyRows } from '../test/legacy-audit-rows.ts';
import { auditHash, GENESIS_HASH, type HashedFields } from './audit-hash.ts';

const fieldsOf = ({ prevHash: _p, hash: _h, ...fields }: ReturnType<typeof migratedLegacyRows>[number]): HashedFields => fields;

test('format 1 rows, as migrated, hash to what was stored', () => {
  for (const row of migratedLegacyRows()) assert.equal(auditHash(row.prevHash, fieldsOf(row)), row.hash);
});

test('format 2 hashes the chain key and the version: the same content in another chain or format differs', () => {
  const [row] = migratedLegacyRows();
  const v2: HashedFields = { ...fieldsOf(row!), chainKey: 'case:0b5e8c1d-2f3a-4b5c-9d6e-7f8091a2b3c4', hashVersion: 2 };
  const hash = auditHash(GENESIS_HASH, v2);
  assert.match(hash, /^[0-9a-f]{64}$/);
  assert.notEqual(hash, row!.hash);
  assert.notEqual(auditHash(GENESIS_HASH, { ...v2, chainKey: 'case:other' }), hash);
  assert.notEqual(auditHash(GENESIS_HASH, { ...v2, details: { ...v2.details, number: 'ENV-2026-000002' } }), hash);
});

test('a format 1 row must name a legacy chain, and unknown formats are refused', () => {
  const [row] = migratedLegacyRows();
  assert.throws(() => auditHash(GENESIS_HASH, { ...fieldsOf(row!), chainKey: 'case:x' }), /legacy chain/);
  assert.throws(() => auditHash(GENESIS_HASH, { ...fieldsOf(row!), hashVersion: 3 }), /unknown audit hash version/);
});
