import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readInside, readRegularFile } from '../../src/repo/safe-read.js';

let base: string;
let root: string;
beforeEach(() => {
  base = mkdtempSync(path.join(os.tmpdir(), 'specplan-read-'));
  root = path.join(base, 'root');
  mkdirSync(path.join(root, 'spec'), { recursive: true });
  writeFileSync(path.join(base, 'secret.yaml'), 'planning:\n  enforce_freeze: off\n');
  writeFileSync(path.join(root, 'spec', 'a.md'), 'hello\n');
});
afterEach(() => rmSync(base, { recursive: true, force: true }));

describe('readInside', () => {
  it('reads a regular file inside the root', () => {
    const r = readInside(root, 'spec/a.md', 100);
    expect(r.ok && r.bytes.toString()).toBe('hello\n');
  });

  it('follows a link that stays inside the root', () => {
    symlinkSync('a.md', path.join(root, 'spec', 'b.md'));
    const r = readInside(root, 'spec/b.md', 100);
    expect(r.ok && r.bytes.toString()).toBe('hello\n');
  });

  it('refuses a link to a file outside the root', () => {
    symlinkSync(path.join(base, 'secret.yaml'), path.join(root, 'specscore.yaml'));
    const r = readInside(root, 'specscore.yaml', 1000);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.refusal.kind).toBe('link-outside');
  });

  it('refuses a link to /dev/zero without reading it', () => {
    symlinkSync('/dev/zero', path.join(root, 'specscore.yaml'));
    const r = readInside(root, 'specscore.yaml', 1000);
    expect(!r.ok && r.refusal.kind).toBe('link-outside');
    expect(!readRegularFile('/dev/zero', 1000).ok).toBe(true);
  });

  it('refuses a FIFO without blocking', () => {
    execFileSync('mkfifo', [path.join(root, 'spec', 'fifo.md')]);
    const r = readInside(root, 'spec/fifo.md', 1000);
    expect(!r.ok && r.refusal.kind).toBe('not-regular');
    expect(!r.ok && r.refusal.message).toMatch(/named pipe/);
  });

  it('refuses a file over the limit', () => {
    writeFileSync(path.join(root, 'spec', 'big.md'), 'x'.repeat(2000));
    const r = readInside(root, 'spec/big.md', 1000);
    expect(!r.ok && r.refusal.kind).toBe('too-large');
  });

  it('reports a missing file and a folder', () => {
    expect(!readInside(root, 'spec/none.md', 10).ok).toBe(true);
    const r = readInside(root, 'spec', 10);
    expect(!r.ok && r.refusal.kind).toBe('not-regular');
  });
});
