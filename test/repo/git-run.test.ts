import { chmodSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { gitOutput, outsideGit } from '../../src/repo/git-run.js';
import { gitFor } from '../../src/repo/git.js';
import { gitTrailerItems } from '../../src/repo/git-trailers.js';
import { gitInit } from '../support/git.js';
import { removeRepo, tempDir } from '../support/repo.js';

const made: string[] = [];
const saved = { PATH: process.env.PATH, GIT_DIR: process.env.GIT_DIR };
afterEach(() => {
  for (const d of made.splice(0)) removeRepo(d);
  process.env.PATH = saved.PATH;
  if (saved.GIT_DIR === undefined) delete process.env.GIT_DIR;
  else process.env.GIT_DIR = saved.GIT_DIR;
});

/** A folder outside any repository, and a `git` first on PATH that records each start, then runs the real one. */
function watchedGit(): { root: string; started: () => boolean } {
  const dir = tempDir('specplan-git-run-');
  made.push(dir);
  const root = path.join(dir, 'repo');
  mkdirSync(path.join(root, 'spec'), { recursive: true });
  writeFileSync(path.join(root, 'spec', 'README.md'), '# Spec\n');
  const bin = path.join(dir, 'bin');
  mkdirSync(bin);
  const marker = path.join(dir, 'git-started');
  writeFileSync(path.join(bin, 'git'), `#!/bin/sh\necho "$@" >> '${marker}'\nPATH='${saved.PATH}' exec git "$@"\n`);
  chmodSync(path.join(bin, 'git'), 0o755);
  process.env.PATH = `${bin}${path.delimiter}${saved.PATH}`;
  return { root, started: () => existsSync(marker) };
}

describe('git outside a repository', () => {
  it('is not started: the commands that read git learn there is none from the folders alone', async () => {
    const { root, started } = watchedGit();
    expect(outsideGit(root)).toBe(true);
    expect(await gitOutput(root, ['log', 'HEAD'])).toBeNull();
    expect(await gitFor(root)).toBeNull();
    expect(await gitTrailerItems(root)).toEqual({ items: [], git: false });
    expect(started()).toBe(false);
  });

  it('is started once a .git entry is there, in the folder or above it', async () => {
    const { root, started } = watchedGit();
    gitInit(root, { commit: 'initial' });
    const below = path.join(root, 'spec');
    expect(outsideGit(below)).toBe(false);
    expect(await gitOutput(below, ['rev-parse', '--is-inside-work-tree'])).toBe('true\n');
    expect(await gitFor(below)).not.toBeNull();
    expect(started()).toBe(true);
  });

  it('is started when GIT_DIR names a repository, whatever the folders hold', async () => {
    const { root, started } = watchedGit();
    process.env.GIT_DIR = path.join(root, 'elsewhere.git');
    expect(outsideGit(root)).toBe(false);
    expect(await gitOutput(root, ['rev-parse', '--git-dir'])).toBeNull(); // no repository there: git says so
    expect(started()).toBe(true);
  });
});
