/**
 * Benchmark child: parser throughput on a generated repository, with the BUILT code.
 * Reads every markdown file once, then measures (MB/s over the same bytes):
 * - the fast outline scanner on every document,
 * - the full fast plan/feature parse on every document,
 * - remark + remark-gfm (`remarkOutline`) on a sample (every Nth document), since it is ~1000x slower.
 * Prints one JSON line.
 *
 *   node bench/parse-speed.mjs ROOT [SAMPLE_EVERY=25]
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';

const root = process.argv[2];
const every = Number(process.argv[3] ?? 25);
const { scanOutline } = await import('../dist/src/markdown/outline-fast.js');
const { remarkOutline } = await import('../dist/src/markdown/outline-remark.js');
const { splitLines } = await import('../dist/src/markdown/text-lines.js');
const { parsePlan } = await import('../dist/src/parse/plan.js');
const { parseFeature } = await import('../dist/src/parse/feature.js');

const docs = [];
const walk = (dir) => {
  for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const abs = path.join(dir, e.name);
    if (e.isDirectory()) walk(abs);
    else if (e.name.endsWith('.md')) docs.push({ plan: abs.includes(`${path.sep}plans${path.sep}`), abs });
  }
};
const r0 = performance.now();
walk(path.join(root, 'spec'));
for (const d of docs) d.text = readFileSync(d.abs, 'utf8');
const readMs = performance.now() - r0;
const mb = (list) => list.reduce((n, d) => n + Buffer.byteLength(d.text), 0) / 1e6;
const total = mb(docs);

const time = (fn) => {
  const t = performance.now();
  fn();
  return performance.now() - t;
};
const scanMs = time(() => {
  for (const d of docs) scanOutline(splitLines(d.text).lines);
});
const parseMs = time(() => {
  for (const d of docs) (d.plan ? parsePlan : parseFeature)(d.text);
});
const sample = docs.filter((_, i) => i % every === 0);
const sampleMb = mb(sample);
const remarkMs = time(() => {
  for (const d of sample) remarkOutline(d.text);
});
const fastSampleMs = time(() => {
  for (const d of sample) scanOutline(splitLines(d.text).lines);
});
const rate = (m, ms) => Math.round((m / (ms / 1000)) * 100) / 100;
process.stdout.write(
  `${JSON.stringify({
    documents: docs.length,
    megabytes: Math.round(total * 100) / 100,
    readMs: Math.round(readMs),
    scanMBps: rate(total, scanMs),
    parseMBps: rate(total, parseMs),
    remarkSampleDocs: sample.length,
    remarkSampleMB: Math.round(sampleMb * 100) / 100,
    remarkMBps: rate(sampleMb, remarkMs),
    fastOnSampleMBps: rate(sampleMb, fastSampleMs),
    remarkProjectedFullRepoS: Math.round((total / rate(sampleMb, remarkMs)) * 10) / 10,
  })}\n`,
);
