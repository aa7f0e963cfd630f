import { test } from 'vitest';
import fc from 'fast-check';
import { scanOutline } from '../../src/parse/outline-fast.js';
import { remarkOutline } from '../../src/parse/outline-remark.js';
import { toLines } from '../../src/parse/outline.js';
import { markdownDocument } from './markdown-arbitrary.js';
import { CORPUS_ROOT, markdownFiles, readCorpus } from './helpers.js';
import { isDeepStrictEqual } from 'node:util';
test('corpus', () => {
  let bad = 0;
  for (const f of markdownFiles(CORPUS_ROOT)) {
    const t = readCorpus(f);
    const a = scanOutline(toLines(t).lines);
    const b = remarkOutline(t);
    for (const k of ['headings', 'tables', 'code'] as const) {
      if (!isDeepStrictEqual(a[k], b[k])) { bad++; console.log(f, k, JSON.stringify(a[k]).slice(0, 300), '\n  vs', JSON.stringify(b[k]).slice(0,300)); }
    }
  }
  console.log('bad', bad);
}, 120000);
test('gen', () => {
  fc.assert(fc.property(markdownDocument, (t) => {
    const a = scanOutline(toLines(t).lines);
    const b = remarkOutline(t);
    if (!isDeepStrictEqual(a, b)) {
      console.log(JSON.stringify(t)); for (const k of ["headings", "tables", "code"] as const) if (!isDeepStrictEqual(a[k], b[k])) console.log(k, JSON.stringify(a[k]), "\n  vs", JSON.stringify(b[k]));
      return false;
    }
    return true;
  }), { numRuns: Number(process.env.RUNS ?? 500) });
}, 600000);
