import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

// More output than any listing of a spec repository: git is stopped, as when it fails.
const MAX_OUTPUT = 256 * 1024 * 1024;

/**
 * True when git cannot see a repository at `dir`: no `.git` entry (folder or file) in it or in a
 * folder above, and no `GIT_DIR` in the environment. Git finds a repository only in those ways,
 * so no git process needs to start to learn it.
 */
export function outsideGit(dir: string): boolean {
  if (process.env.GIT_DIR) return false;
  for (let d = path.resolve(dir); ; d = path.dirname(d)) {
    if (existsSync(path.join(d, '.git'))) return false;
    if (path.dirname(d) === d) return true;
  }
}

/**
 * Run git in `cwd` and give its standard output, or null when it could not run or exited with
 * anything but 0 (outside any repository it is not started). No git library is loaded: this is
 * for the common case, where git answers at once; a caller that gets null asks again the careful
 * way (`gitFor`), which says what is wrong.
 * Only the output is piped (each pipe costs the parent a socket): git reads nothing, and what it
 * says on failure is asked again the careful way.
 */
export function gitOutput(cwd: string, args: readonly string[]): Promise<string | null> {
  if (outsideGit(cwd)) return Promise.resolve(null);
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const child = spawn('git', args, { cwd, stdio: ['ignore', 'pipe', 'ignore'], windowsHide: true });
    child.on('error', () => resolve(null));
    child.stdout.on('data', (d: Buffer) => {
      size += d.length;
      if (size > MAX_OUTPUT) child.kill();
      else chunks.push(d);
    });
    child.on('close', (code) => resolve(code === 0 && size <= MAX_OUTPUT ? Buffer.concat(chunks).toString('utf8') : null));
  });
}

/** The paths of a `-z` listing (`git diff --name-only -z`, `git log --name-only -z`): sorted, unique. */
export function nulSeparatedPaths(out: string): string[] {
  return [
    ...new Set(
      out
        .split('\0')
        .map((l) => l.trim())
        .filter(Boolean),
    ),
  ].sort();
}

/** A pathspec for one root-relative path, taken literally (no glob characters). */
export function literal(rel: string): string {
  return `:(literal)${rel}`;
}

/** `git diff` arguments listing the paths below `dir` that differ between `base` and the index, deletions included. */
export function stagedDiffArgs(base: string, dir: string): string[] {
  return ['diff', '--cached', '-z', '--name-only', '--relative', '--no-renames', base, '--', literal(dir)];
}

/**
 * `git rev-parse` arguments answering, in one process and in this order: inside a work tree
 * (true|false), shallow (true|false), then HEAD's commit. It exits 1 without a word when HEAD
 * names no commit yet.
 */
export const HEAD_STATE_ARGS: readonly string[] = ['rev-parse', '--is-inside-work-tree', '--is-shallow-repository', '--verify', '--quiet', 'HEAD^{commit}'];
