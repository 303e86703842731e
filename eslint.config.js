import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// Import boundaries: the layers of STYLE.md 6.1, checked by the built-in no-restricted-imports.
// Imports are relative, so each rule is a regular expression on the import as written: from a
// file `n` directories below src/, `(../){n}X` is src/X. One block per directory depth (a flat
// config block replaces, not merges, the rule's options, so every file is in exactly one block).
// The boundaries bind the code that runs; a test may reach across to check that two layers agree
// (domain/deadlines.test.ts compares the clock kinds with the database schema's).
//
//   src/shared   the contract: API shapes (zod + inferred types), error codes, messages, roles,
//                the permission table; builds only on zod and the pure src/domain
//   src/domain   pure rules: nothing from db, features, jobs, http, policies, audit
//   src/db, src/audit, src/facts, src/jobs, src/policies   below the features: never import src/features
//   src/web/src  the web app: imports nothing from the server but the contract
const SERVER_DIRS = ['db', 'features', 'jobs', 'http', 'policies', 'audit', 'facts', 'secrets', 'test'];
const ENTRY_FILES = ['config', 'server', 'cli'];
/** Packages and built-ins that only run on the server; the contract and the web app must not pull them in. */
const SERVER_PACKAGES = ['node:*', 'pino', 'pino-*', 'pg', 'drizzle-orm', 'drizzle-orm/*', 'fastify', 'fastify-*', '@fastify/*', 'nodemailer', 'prom-client', '@node-rs/*', 'openid-client', '@electric-sql/*', 'close-with-grace'];

const up = (n) => `^(\\.\\./){${n}}`;
/** An import, from `n` directories below src/, of any of `dirs` (src/<dir>/…) or `files` (src/<file>.ts). */
const into = (n, dirs, files = []) => `${up(n)}(${[...dirs.map((d) => `${d}/`), ...files.map((f) => `${f}\\.ts$`)].join('|')})`;

/** One block per depth of `dir` (below src/), each with the patterns `patternsAt(n)` for its files. */
function boundary(dir, patternsAt, { ignores = [], maxDepth = 3 } = {}) {
  const base = dir.split('/').length;
  return Array.from({ length: maxDepth + 1 }, (_, d) => ({
    files: [`src/${dir}/${'*/'.repeat(d)}*.{ts,tsx}`],
    ignores: ['**/*.test.ts', ...ignores],
    rules: { 'no-restricted-imports': ['error', { patterns: patternsAt(base + d) }] },
  }));
}

const belowFeatures = (layer) => (n) => [
  { regex: into(n, ['features']), message: `${layer} sits below the features and must not import src/features (move what both need down, e.g. into src/audit or src/domain).` },
];

export default tseslint.config(
  { ignores: ['dist/**', 'data/**', 'node_modules/**', 'drizzle/**', 'test-results/**', 'build/**', 'src/web/src/api/schema.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', Buffer: 'readonly', fetch: 'readonly', setTimeout: 'readonly' } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': ['error', { allow: ['error'] }],
    },
  },
  // One clock (src/jobs/clock-source.ts): server code reads the time from the clock it was given
  // (app.now(), the engine's clock, now()), never from the system, so a moved clock moves it all.
  {
    files: ['src/**/*.ts'],
    ignores: ['src/web/**', 'src/test/**', '**/*.test.ts', 'src/jobs/clock-source.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'Read the time from the injected clock (app.now(), the engine clock, or now() from src/jobs/clock-source.ts), not new Date().' },
        { selector: "MemberExpression[object.name='Date'][property.name='now']", message: 'Read the time from the injected clock (app.now(), the engine clock, or now() from src/jobs/clock-source.ts), not Date.now().' },
      ],
    },
  },
  ...boundary('web/src', (n) => [
    {
      regex: `${up(n)}(?!shared/)`,
      message: 'The web app imports from the server only the contract, src/shared (API shapes in src/shared/api). Move the definition there, or get it from the API.',
    },
    { regex: `${up(n)}shared/actor\\.ts$`, message: 'Server-only code in src/shared; the web app must not import it.' },
    { group: SERVER_PACKAGES, message: 'Server-only package: the web app must not bundle it.' },
  ]),
  ...boundary(
    'shared',
    (n) => [
      { regex: into(n, SERVER_DIRS, ENTRY_FILES), message: 'src/shared is the contract with the web app: it builds on zod and the pure src/domain only, never on server code.' },
      { group: SERVER_PACKAGES, message: 'src/shared is bundled into the web app: no server-only packages.' },
    ],
    { maxDepth: 1 },
  ),
  ...boundary('domain', (n) => [
    { regex: into(n, ['db', 'features', 'jobs', 'http', 'policies', 'audit', 'facts', 'secrets'], ENTRY_FILES), message: 'src/domain holds pure rules: no database, features, jobs, HTTP, policies, audit writing or secrets.' },
  ]),
  ...boundary('jobs', belowFeatures('The job engine (src/jobs)')),
  ...boundary('db', belowFeatures('The database layer (src/db)')),
  ...boundary('audit', belowFeatures('Audit writing (src/audit)')),
  ...boundary('facts', belowFeatures('The statistics facts (src/facts)')),
  ...boundary('policies', belowFeatures('Authorization (src/policies)')),
);
