import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { findRoot } from '../../src/repo/root.js';
import { corpus } from '../support/corpus.js';

const CORPUS_ROOT = corpus('synchestra-spec').root;
import { runCli } from '../support/cli.js';

const temps: string[] = [];
function tempTree(dirs: string[], files: string[] = []): string {
  const root = mkdtempSync(path.join(tmpdir(), 'specplan-root-'));
  temps.push(root);
  for (const d of dirs) mkdirSync(path.join(root, d), { recursive: true });
  for (const f of files) writeFileSync(path.join(root, f), '');
  return root;
}
afterAll(() => {
  for (const t of temps) rmSync(t, { recursive: true, force: true });
});

describe('root discovery', () => {
  test('from inside a feature that holds its own spec/ folder, the corpus root is found', () => {
    const notes: string[] = [];
    for (const rel of ['spec/features/cli', 'spec/features/cli/spec', 'spec/features/cli/spec/lint', 'spec/features/cli/task']) {
      expect(findRoot(undefined, path.join(CORPUS_ROOT, rel), (m) => notes.push(m))).toBe(CORPUS_ROOT);
    }
    expect(notes).toEqual([]);
  });

  test('a folder holding specscore.yaml is preferred over a nearer folder holding spec/', () => {
    const root = tempTree(['spec/plans', 'tools/spec', 'tools/x'], ['specscore.yaml']);
    expect(findRoot(undefined, path.join(root, 'tools/x'), () => {})).toBe(root);
  });

  test('a folder holding spec/plans is preferred over a nearer folder holding only spec/', () => {
    const root = tempTree(['spec/features/a', 'docs/spec', 'docs/x']);
    expect(findRoot(undefined, path.join(root, 'docs/x'), () => {})).toBe(root);
  });

  test('a root with neither spec/plans nor spec/features is taken with a one-line warning', () => {
    const root = tempTree(['spec/other']);
    const notes: string[] = [];
    expect(findRoot(undefined, root, (m) => notes.push(m))).toBe(root);
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatch(/neither spec\/plans\/ nor spec\/features\//);
    expect(notes[0]).not.toMatch(/\n/);
  });

  test('--root pointing at spec/ itself suggests the parent folder', () => {
    const root = tempTree(['spec/plans']);
    expect(() => findRoot('spec', root, () => {})).toThrow(/has no spec\/ folder/);
    let hint = '';
    try {
      findRoot(path.join(root, 'spec'), path.join(root, 'spec/plans'), () => {});
    } catch (e) {
      hint = String((e as { hint?: string[] }).hint?.join(''));
    }
    expect(hint).toBe('pass --root ../.. (the folder that holds spec/)');
  });
});

describe('every command uses the one resolver', () => {
  test('lint from spec/features/cli of the corpus reports the corpus, not 0 errors', async () => {
    const whole = await runCli(['lint', '--format', 'json'], {}, CORPUS_ROOT);
    const inside = await runCli(['lint', '--format', 'json'], {}, path.join(CORPUS_ROOT, 'spec/features/cli'));
    const count = (r: { stdout: string }) => (JSON.parse(r.stdout) as { errorCount: number }).errorCount;
    expect(count(whole)).toBeGreaterThan(0);
    expect(count(inside)).toBe(count(whole));
    expect(inside.code).toBe(whole.code);
  });

  test('status from spec/features/cli of the corpus lists the corpus plans', async () => {
    const r = await runCli(['status', '--format', 'json'], {}, path.join(CORPUS_ROOT, 'spec/features/cli/spec'));
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('superpowers-integration');
  });
});
