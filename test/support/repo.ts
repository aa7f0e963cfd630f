import { chmodSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, vi } from 'vitest';
import { gitInit } from './git.js';

/** Files of a spec repository: root-relative path → content. */
export type Files = Record<string, string | Uint8Array>;

/** A fresh, empty temp folder whose name starts with `prefix`. */
export function tempDir(prefix = 'specplan-test-'): string {
  return mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** A fresh temp copy of the folder `src` (corpora, examples and fixtures are never written). */
export function tempCopy(src: string, prefix = 'specplan-copy-', filter?: (source: string) => boolean): string {
  const dir = tempDir(prefix);
  cpSync(src, dir, { recursive: true, ...(filter ? { filter } : {}) });
  return dir;
}

/** Write `data` at `rel` below `root`, creating the folders on the way. */
export function write(root: string, rel: string, data: string | Uint8Array): void {
  mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
  writeFileSync(path.join(root, rel), data);
}

/** The text of `rel` below `root`. */
export function read(root: string, rel: string): string {
  return readFileSync(path.join(root, rel), 'utf8');
}

export function removeRepo(root: string): void {
  rmSync(root, { recursive: true, force: true });
}

/**
 * The one repository builder: a spec repository made of `base` with `files` written over it (a
 * small patch of what one test needs), in `dir` or a fresh temp folder. With `git` it becomes a
 * git repository with one commit of everything (`git` is the commit message; true says
 * "initial"). Returns the root.
 */
export function makeSpecRepo(opts: { base?: Files; files?: Files; git?: boolean | string; dir?: string; prefix?: string }): string {
  const root = opts.dir ?? tempDir(opts.prefix);
  mkdirSync(root, { recursive: true });
  for (const [rel, data] of Object.entries({ ...opts.base, ...opts.files })) write(root, rel, data);
  if (opts.git) gitInit(root, { commit: opts.git === true ? 'initial' : opts.git });
  return root;
}

/**
 * The set-up of a suite that exercises the caches under `.specscore/cache/`: each test runs with
 * them on (`SPECPLAN_CACHE=1`, over the suites' default of off) and with real timers afterwards,
 * and every folder it takes from `copyCorpus` or hands to `removeAfter` is removed after it.
 * `copyCorpus` gives a writable copy of a corpus without its `.git` (the copy keeps the corpus's
 * read-only folder modes, and a read-only checkout keeps no cache, so its root is made writable).
 */
export function cacheSuite(prefix: string): { copyCorpus(src: string): string; removeAfter(dir: string): void } {
  let roots: string[] = [];
  beforeEach(() => {
    vi.stubEnv('SPECPLAN_CACHE', '1');
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllEnvs();
    for (const r of roots) removeRepo(r);
    roots = [];
  });
  return {
    copyCorpus(src) {
      const root = tempCopy(src, prefix, (s) => !s.includes(`${path.sep}.git`));
      chmodSync(root, 0o755);
      roots.push(root);
      return root;
    },
    removeAfter(dir) {
      roots.push(dir);
    },
  };
}
