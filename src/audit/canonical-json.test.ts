import assert from 'node:assert/strict';
import { test } from 'node:test';
import { canonicalJson } from './canonical-json.ts';
import { validReport } from '../test/reports.ts';

// The form every stored audit hash and request hash was computed with: any change to
// canonicalJson must give exactly these strings, or existing chains would stop verifying.
function firstForm(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(firstForm).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${firstForm(v)}`).join(',')}}`;
}

test('keys sorted at every level, undefined members left out, undefined in arrays as null', () => {
  assert.equal(canonicalJson({ b: 1, a: { d: [3, undefined, { z: null, y: 'ö' }], c: undefined } }), '{"a":{"d":[3,null,{"y":"ö","z":null}]},"b":1}');
  assert.equal(canonicalJson({}), '{}');
  assert.equal(canonicalJson([]), '[]');
  assert.equal(canonicalJson(undefined), 'null');
  assert.equal(canonicalJson('"citat"\n'), '"\\"citat\\"\\n"');
});

test('keys in UTF-16 code unit order (upper case, å ä ö, astral characters), as before', () => {
  const value = { ö: 1, a: 2, Z: 3, å: 4, ä: 5, '😀': 6, '\uffff': 7, '10': 8, '9': 9, '': 10 };
  assert.equal(canonicalJson(value), firstForm(value));
});

test('the same string as the first form for reports and audit details', () => {
  const samples: unknown[] = [
    validReport(),
    validReport({ child: { identityKind: 'unknown', name: 'Okänd', estimatedAge: 14, description: 'Grön jacka' } }),
    { action: 'case.received', details: { number: 'ENV-2026-000001', person: 'p:abc', duplicateOf: null }, at: '2026-11-30T10:00:00.000Z', chain: 3 },
    [1, 'två', [true, false, null], { nested: { deeper: [{ b: 2, a: 1 }] } }],
  ];
  for (const sample of samples) assert.equal(canonicalJson(sample), firstForm(sample));
});

test('RFC 8785: a Date is its ISO string (as it is stored), not an empty object', () => {
  assert.equal(canonicalJson({ at: new Date('2026-12-07T03:00:00.000Z') }), '{"at":"2026-12-07T03:00:00.000Z"}');
  assert.equal(canonicalJson({ n: 1e21, m: -0, f: 0.1 + 0.2 }), '{"f":0.30000000000000004,"m":0,"n":1e+21}');
});
