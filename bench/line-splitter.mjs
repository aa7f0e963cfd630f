/**
 * The line splitter (with the BUILT code) on every markdown file of a spec repository, as written
 * and converted to CRLF and to lone CR. Prints MB/s and the ratio to a plain `String.split` on the
 * same text measured in the same run (the floor any splitter pays).
 *
 *   node bench/line-splitter.mjs [ROOT=../shared/corpora/synchestra-spec] [ROUNDS=20]
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';

const root = process.argv[2] ?? path.resolve(import.meta.dirname, '../../shared/corpora/synchestra-spec');
const rounds = Number(process.argv[3] ?? 20);
const { splitLines } = await import('../dist/src/markdown/text-lines.js');

const texts = [];
const walk = (dir) => {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const abs = path.join(dir, e.name);
    if (e.isDirectory()) walk(abs);
    else if (e.name.endsWith('.md')) texts.push(readFileSync(abs, 'utf8'));
  }
};
walk(path.join(root, 'spec'));
const mb = texts.reduce((n, t) => n + Buffer.byteLength(t), 0) / 1e6;

const time = (fn) => {
  fn(); // warm-up
  const t = performance.now();
  for (let i = 0; i < rounds; i++) fn();
  return (performance.now() - t) / rounds;
};
const rate = (ms) => Math.round((mb / (ms / 1000)) * 10) / 10;
const out = { documents: texts.length, mb: Math.round(mb * 100) / 100 };
for (const [name, eol] of [
  ['lf', '\n'],
  ['crlf', '\r\n'],
  ['cr', '\r'],
]) {
  const docs = texts.map((t) => t.replace(/\r\n|\r|\n/g, eol));
  const split = time(() => {
    for (const d of docs) splitLines(d);
  });
  const floor = time(() => {
    for (const d of docs) d.split(eol);
  });
  out[name] = { splitLinesMBs: rate(split), stringSplitMBs: rate(floor), ratio: Math.round((split / floor) * 100) / 100 };
}
process.stdout.write(`${JSON.stringify(out)}\n`);
