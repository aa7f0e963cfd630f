import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
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
