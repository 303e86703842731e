// Every audit action the server writes by name has a Swedish label in the auditor's log
// (issue 23 point 5): a new action without one would show as "Annan händelse". Case transitions
// (`case.${transition}`) are labelled by their timeline event instead (src/web/src/audit/labels.ts).
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { auditText } from './messages.ts';

const src = new URL('..', import.meta.url).pathname;

function serverFiles(): string[] {
  return (readdirSync(src, { recursive: true }) as string[])
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !f.startsWith('web/') && !f.startsWith('test/'))
    .map((f) => join(src, f));
}

test('every audit action written by name has a Swedish label', () => {
  const written = new Set<string>();
  for (const file of serverFiles()) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/action: ([^,\n}]+)/g)) {
      for (const name of m[1]!.matchAll(/'([a-z_]+\.[a-z_.]+)'/g)) written.add(name[1]!);
    }
  }
  assert.ok(written.size > 30, `found the actions (${written.size})`);
  const labels = auditText.sv.actions as Record<string, string>;
  assert.deepEqual([...written].filter((a) => !labels[a]).sort(), []);
});
