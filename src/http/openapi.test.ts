// The OpenAPI document describes each operation as the server treats it (issue 23 point 12):
// a unique operationId, the security it really needs, and its problem+json errors.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { buildTestApp, type TestApp } from '../test/app.ts';
import { operationIdOf } from './openapi-operations.ts';

type Operation = { operationId?: string; security?: unknown; responses?: Record<string, { content?: Record<string, unknown> }> };
let t: TestApp;
let operations: { method: string; path: string; op: Operation }[];

before(async () => {
  t = await buildTestApp();
  const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as { paths: Record<string, Record<string, Operation>> };
  operations = Object.entries(doc.paths).flatMap(([path, ops]) => Object.entries(ops).map(([method, op]) => ({ method, path, op })));
});
after(() => t.close());

test('operation ids are derived from method and path', () => {
  assert.equal(operationIdOf('POST', '/api/v1/cases/:id/claim'), 'postCasesByIdClaim');
  assert.equal(operationIdOf('GET', '/api/v1/statistics/export.csv'), 'getStatisticsExportCsv');
  assert.equal(operationIdOf('GET', '/health'), 'getHealth');
});

test('every operation has its own operationId', () => {
  assert.ok(operations.length > 40, `${operations.length} operations`);
  const ids = operations.map((o) => o.op.operationId);
  assert.deepEqual(operations.filter((o) => !o.op.operationId).map((o) => `${o.method} ${o.path}`), []);
  assert.equal(new Set(ids).size, ids.length, 'unique');
});

test('security as the server enforces it: none when public, the cookie to read, cookie and CSRF header to change', () => {
  const op = (method: string, path: string) => operations.find((o) => o.method === method && o.path === path)!.op;
  assert.deepEqual(op('post', '/api/v1/auth/login').security, []);
  assert.deepEqual(op('get', '/health').security, []);
  assert.deepEqual(op('get', '/api/v1/cases').security, [{ session: [] }]);
  assert.deepEqual(op('post', '/api/v1/cases').security, [{ session: [], csrf: [] }]);
});

test('errors are documented as problem+json: 401 on every operation that needs a session, 500 everywhere', () => {
  const lacking = operations.filter((o) => {
    const r = o.op.responses ?? {};
    const needsSession = Array.isArray(o.op.security) && o.op.security.length > 0;
    return !r['500']?.content?.['application/problem+json'] || (needsSession && !r['401']?.content?.['application/problem+json']);
  });
  assert.deepEqual(lacking.map((o) => `${o.method} ${o.path}`), []);
});

test('a missing or hidden thing, an oversized or non-JSON body and the login budget are documented where they can happen', () => {
  const responses = (method: string, path: string) => Object.keys(operations.find((o) => o.method === method && o.path === path)!.op.responses ?? {});
  const claim = responses('post', '/api/v1/cases/{id}/claim');
  for (const status of ['404', '409', '413', '415']) assert.ok(claim.includes(status), `claim documents ${status}`);
  assert.ok(responses('get', '/api/v1/cases/{id}').includes('404'));
  assert.ok(!responses('get', '/api/v1/cases').includes('404'), 'a list has nothing to be missing');
  assert.ok(responses('post', '/api/v1/auth/login').includes('429'));
  assert.ok(!responses('post', '/api/v1/cases').includes('429'));
  // Found through Prism: a public route that checks a password answers 401, a link named in the body 404.
  assert.ok(responses('post', '/api/v1/auth/login').includes('401'), 'a wrong password on the public login');
  assert.ok(responses('post', '/api/v1/auth/password-link').includes('404'), 'an unknown or used link');
  assert.ok(!responses('get', '/api/v1/system/info').includes('401'), 'a public route that checks nothing');
});

test('shared schemas are components the operations refer to, not copies: the case, the report, the problem body', async () => {
  const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as { paths: unknown; components: { schemas: Record<string, unknown> } };
  const paths = JSON.stringify(doc.paths);
  const refs = (name: string) => paths.split(`"$ref":"#/components/schemas/${name}"`).length - 1;
  assert.ok(refs('Case') >= 10, `the case is referred to ${refs('Case')} times`);
  assert.ok(refs('Problem') > operations.length, 'every operation refers to the one problem body');
  assert.equal(refs('ReportInput'), 1, 'the report, filed once');
  // The case's own fields (allowedActions is one) are written in its component only.
  assert.ok(!paths.includes('"allowedActions"'), 'no operation inlines a case');
  assert.ok(JSON.stringify(doc.components.schemas.Case).includes('"allowedActions"'));
  const unused = Object.keys(doc.components.schemas).filter((name) => !JSON.stringify(doc).includes(`"#/components/schemas/${name}"`));
  assert.deepEqual(unused, [], 'no unused components');
});

test('the document names where it is served, and each transition has the one success status the server answers with', async () => {
  const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as { servers?: { url: string }[] };
  assert.ok((doc.servers ?? []).length > 0, 'servers is not empty');
  // A case's sub-resources created under it (201) are not transitions of the case.
  const created = new Set(['/api/v1/cases/{id}/messages', '/api/v1/cases/{id}/information-requests', '/api/v1/cases/{id}/parties']);
  const transitions = operations.filter((o) => o.method === 'post' && /^\/api\/v1\/cases\/\{id\}\/[a-z-]+$/.test(o.path) && !created.has(o.path));
  assert.ok(transitions.length >= 16, `${transitions.length} transitions`);
  for (const { path, op } of transitions) {
    const success = Object.keys(op.responses ?? {}).filter((s) => s.startsWith('2'));
    assert.deepEqual(success, [path.endsWith('/refuse') ? '204' : '200'], path);
    assert.ok(op.responses?.['412']?.content?.['application/problem+json'], `${path} documents 412 for a stale If-Match`);
  }
  const noPrecondition = operations.filter((o) => !(o.op as { parameters?: { in: string; name: string }[] }).parameters?.some((p) => p.in === 'header' && p.name === 'if-match'));
  assert.deepEqual(noPrecondition.filter((o) => o.op.responses?.['412']).map((o) => `${o.method} ${o.path}`), [], '412 only where If-Match is taken');
});
