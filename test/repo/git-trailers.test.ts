import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { gitTrailerItems } from '../../src/repo/git-trailers.js';
import { commitAll, gitInit } from '../support/git.js';
import { removeRepo, tempDir } from '../support/repo.js';

const made: string[] = [];
function folder(): string {
  const dir = tempDir('specplan-trailers-');
  made.push(dir);
  mkdirSync(path.join(dir, 'spec', 'plans'), { recursive: true });
  writeFileSync(path.join(dir, 'spec', 'README.md'), '# Spec\n');
  return dir;
}
afterEach(() => {
  for (const d of made.splice(0)) removeRepo(d);
});

describe('the Plan-Step trailers of the history', () => {
  it('are read from every commit that has them, with its date', async () => {
    const root = folder();
    gitInit(root, { commit: 'initial', date: '2026-03-01T10:00:00Z' });
    writeFileSync(path.join(root, 'code.txt'), 'one\n');
    commitAll(root, 'Parse the batch\n\nPlan-Step: batch-import#1\nPlan-Step: batch-import#2.1', { date: '2026-03-02T10:00:00Z' });
    writeFileSync(path.join(root, 'code.txt'), 'two\n');
    commitAll(root, 'Unrelated', { date: '2026-03-03T10:00:00Z' });
    const { items, git } = await gitTrailerItems(root);
    expect(git).toBe(true);
    expect(items.map((i) => [i.plan, i.step, i.status, i.updated, i.source])).toEqual([
      ['batch-import', '1', 'done', '2026-03-02', 'trailer'],
      ['batch-import', '2.1', 'done', '2026-03-02', 'trailer'],
    ]);
  });

  it('are none in a repository without commits, which is still a git repository', async () => {
    const root = folder();
    gitInit(root, { commit: false });
    expect(await gitTrailerItems(root)).toEqual({ items: [], git: true });
  });

  it('are none outside a git repository, and git is reported as not there', async () => {
    const root = folder();
    expect(await gitTrailerItems(root)).toEqual({ items: [], git: false });
    expect(await gitTrailerItems(path.join(root, 'missing'))).toEqual({ items: [], git: false });
  });
});
