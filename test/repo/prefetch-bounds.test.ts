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
    const fs = prefetchFs(root, ['spec/plans']);
    try {
      const names = fs.list('spec/plans').map((e) => e.name);
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

describe('prefetchFs read-ahead', () => {
  const plans = () => 'spec/plans';
  const names = Array.from({ length: 30 }, (_, i) => `p${String(i).padStart(2, '0')}`);
  const readme = (name: string) => `spec/plans/${name}/README.md`;
  const text = (fs: ReturnType<typeof prefetchFs>, name: string) => {
    const r = fs.read(readme(name));
    return r.ok ? r.bytes.toString() : `refused: ${r.refusal.kind}`;
  };
  beforeEach(() => {
    for (const n of names) {
      mkdirSync(path.join(root, plans(), n), { recursive: true });
      writeFileSync(path.join(root, readme(n)), `# Plan: ${n}\n${'x'.repeat(1000)}\n`);
    }
  });

  it('reads no further ahead of the loader than its window', async () => {
    const fs = prefetchFs(root, [plans()], true, 2048);
    try {
      fs.list(plans());
      fs.list(`${plans()}/big`);
      fs.read(readme('big'));
      // Unbounded, the helper thread would have read every file by now.
      await new Promise((r) => setTimeout(r, 300));
      writeFileSync(path.join(root, readme('p25')), '# Plan: changed\n');
      for (const n of names) {
        fs.list(`${plans()}/${n}`);
        const got = text(fs, n);
        expect(got).toBe(n === 'p25' ? '# Plan: changed\n' : `# Plan: ${n}\n${'x'.repeat(1000)}\n`);
      }
    } finally {
      fs.close();
    }
  });

  it('never holds the loader up when it passes files by, asks ahead or goes back', () => {
    const started = Date.now();
    const fs = prefetchFs(root, [plans()], true, 1);
    try {
      fs.list(plans());
      // Every third plan only, then a listing far ahead, then plans passed by.
      for (const n of names.filter((_, i) => i % 3 === 0 && i < 20)) expect(text(fs, n)).toContain(`# Plan: ${n}\n`);
      expect(fs.list(`${plans()}/p27`).map((e) => e.name)).toEqual(['README.md']);
      expect(text(fs, 'p28')).toContain('# Plan: p28\n');
      expect(text(fs, 'p04')).toContain('# Plan: p04\n');
      expect(text(fs, 'ok')).toBe('# Plan: OK\n');
      expect(text(fs, 'p28')).toContain('# Plan: p28\n');
    } finally {
      fs.close();
    }
    // The helper thread gives up on a stall only after 10 s.
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('stops reading when the loader closes early', () => {
    const fs = prefetchFs(root, [plans()], true, 1);
    fs.list(plans());
    fs.close();
    const again = prefetchFs(root, [plans()], true, 1);
    try {
      expect(again.list(plans()).length).toBe(33);
    } finally {
      again.close();
    }
  });
});
