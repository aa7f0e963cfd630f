#!/usr/bin/env node
/**
 * Write test/support/durations.json from a vitest JSON report: the wall time of each test file
 * that took at least a second, rounded to tenths. The test sequencer (test/support/sequencer.ts)
 * starts the longest files first when vitest has no timings of its own (a fresh clone, CI);
 * the figures only order the files, so stale ones cost time, never correctness.
 *
 *   npx vitest run --reporter=json --outputFile=report.json && node scripts/test-durations.mjs report.json
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const [reportFile] = process.argv.slice(2);
if (!reportFile) {
  process.stderr.write('usage: node scripts/test-durations.mjs REPORT.json (a vitest JSON report)\n');
  process.exit(2);
}
const report = JSON.parse(readFileSync(reportFile, 'utf8'));
/** A file of the report as a path in this checkout (the report may come from another clone). */
function here(name) {
  const parts = name.split(/[\\/]/);
  for (let i = 0; i < parts.length; i++) {
    const rel = parts.slice(i).join('/');
    if (parts[i] === 'test' && existsSync(path.join(root, rel))) return rel;
  }
  return null;
}
const seconds = {};
for (const r of report.testResults ?? []) {
  const s = (r.endTime - r.startTime) / 1000;
  const rel = here(r.name);
  if (rel && s >= 1) seconds[rel] = Math.round(s * 10) / 10;
}
const sorted = Object.fromEntries(Object.entries(seconds).sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1)));
writeFileSync(path.join(root, 'test/support/durations.json'), `${JSON.stringify(sorted, null, 2)}\n`);
process.stdout.write(`${Object.keys(sorted).length} test files of at least a second written to test/support/durations.json\n`);
