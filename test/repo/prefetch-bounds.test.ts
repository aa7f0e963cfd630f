/**
 * The loader's helper thread reads documents ahead of the parser. It must read them exactly as
 * the bounded primitive does: regular files only, at most the document limit, and a file it
 * does not read is read (and refused, with the reason) on the main thread.
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { prefetchFs } from '../../src/repo/prefetch.js';
import { READ_LIMITS } from '../../src/repo/safe-read.js';

let base: string;
let root: string;
beforeEach(() => {
  base = mkdtempSync(path.join(os.tmpdir(), 'specplan-prefetch-'));
  root = path.join(base, 'root');
  for (const p of ['ok', 'big', 'linked']) mkdirSync(path.join(root, 'spec/plans', p), { recursive: true });
  writeFileSync(path.join(root, 'spec/plans/ok/README.md'), '# Plan: OK\n');
  writeFileSync(path.join(root, 'spec/plans/big/README.md'), Buffer.alloc(READ_LIMITS.document + 1, 0x78));
  writeFileSync(path.join(base, 'outside.md'), '# Plan: Outside\n');
  symlinkSync(path.join(base, 'outside.md'), path.join(root, 'spec/plans/linked/README.md'));
});
afterEach(() => rmSync(base, { recursive: true, force: true }));

describe('prefetchFs', () => {
  it('hands over regular documents, refuses one over the limit and never reads through a link out of the root', () => {
    const fs = prefetchFs(root, [path.join(root, 'spec/plans')]);
    try {
      const names = fs.list(path.join(root, 'spec/plans')).map((e) => e.name);
      expect(names).toEqual(['big', 'linked', 'ok']);
      const big = fs.read('spec/plans/big/README.md');
      expect(big.ok).toBe(false);
      expect(!big.ok && big.refusal.kind).toBe('too-large');
      const linked = fs.read('spec/plans/linked/README.md');
      expect(!linked.ok && linked.refusal.kind).toBe('link-outside');
      const ok = fs.read('spec/plans/ok/README.md');
      expect(ok.ok && ok.bytes.toString()).toBe('# Plan: OK\n');
    } finally {
      fs.close();
    }
  });
});
