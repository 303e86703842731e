// Mutation testing of the pure rules (src/domain) against their own tests: StrykerJS 8 with the
// tap runner, which starts one `node --import tsx --test-reporter=tap <file>` per test file and
// reruns only the test files that reach a mutant. Run from the repository root:
//
//   npm run mutation                                    # all of src/domain (most of an hour here)
//   npm run mutation -- --mutate src/domain/routing.ts  # one file while working
//
// Reports go to reports/mutation/ (gitignored; MUTATION_REPORT_DIR picks another directory, so
// two runs on different files do not overwrite each other). Results: docs/BENCHMARKS.md ("Mutation testing");
// equivalent mutants: bench/mutation/EQUIVALENT.md.
//
// Incremental mode is opt-in (`npm run mutation -- --incremental`) and only sound after changes
// to production code: the tap runner reports one test per test FILE, without locations, so
// Stryker cannot see that a test file gained a test and would keep stale survivors.

import { tmpdir } from 'node:os';
import { join } from 'node:path';

const out = process.env.MUTATION_REPORT_DIR ?? 'reports/mutation';

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'tap',
  plugins: ['@stryker-mutator/tap-runner'],
  tap: {
    testFiles: ['src/domain/*.test.ts'],
    nodeArgs: ['--import', 'tsx', '-r', '{{hookFile}}', '--test-reporter=tap', '{{testFile}}'],
    forceBail: true,
  },
  mutate: ['src/domain/**/*.ts', '!src/domain/**/*.test.ts', '!src/domain/test-fixtures.ts'],
  coverageAnalysis: 'perTest',
  // The machine is shared: one test process at a time.
  concurrency: 1,
  timeoutMS: 20000,
  incrementalFile: `${out}/stryker-incremental.json`,
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: `${out}/index.html` },
  jsonReporter: { fileName: `${out}/mutation.json` },
  // The sandboxes (copies of the tree) live outside the repository, so that `npm run lint` and
  // `npm run typecheck` never see a second copy of the sources while a run is going on.
  tempDirName: join(tmpdir(), `envagin-stryker-${out.replace(/[^a-z0-9]+/gi, '-')}`),
  cleanTempDir: true,
  // Only what the domain tests load is copied into the sandbox.
  ignorePatterns: ['/src/web', '/test', '/docs', '/data', '/dist', '/drizzle', '/bench', '/reports', '/test-results'],
  thresholds: { high: 90, low: 80, break: null },
};
