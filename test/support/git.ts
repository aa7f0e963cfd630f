import { execFileSync } from 'node:child_process';
import { appendFileSync, chmodSync } from 'node:fs';
import path from 'node:path';
import { tempCopy } from './repo.js';

/**
 * git in `cwd`, returning its stdout; throws (with git's stderr) on failure. The environment is
 * hermetic for the whole run: vitest.config.ts points GIT_CONFIG_GLOBAL at the null device and
 * sets GIT_CONFIG_NOSYSTEM, so neither the user's nor the system's configuration (hooks paths,
 * commit signing) changes what the tests exercise. `date` pins the author and committer dates.
 */
export function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** git with the author and committer dates pinned to `date` (ISO 8601). */
export function gitDated(cwd: string, date: string, ...args: string[]): string {
  return execFileSync('git', args, {
    cwd,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date },
  });
}

/**
 * Make `root` a git repository on branch main with a local identity (Test, test@example.com)
 * and no signing; then commit everything with `commit` as the message, unless it is false.
 */
export function gitInit(root: string, opts: { commit?: string | false; date?: string } = {}): void {
  git(root, 'init', '-q', '-b', 'main');
  // The same three settings `git config` would write, appended in one go: no extra git processes.
  appendFileSync(path.join(root, '.git/config'), '[user]\n\tname = Test\n\temail = test@example.com\n[commit]\n\tgpgsign = false\n');
  if (opts.commit !== false) commitAll(root, opts.commit ?? 'initial', opts.date ? { date: opts.date } : {});
}

/**
 * Stage everything and commit it with `message` (which may hold trailers); `date` pins both
 * dates; an empty commit is an error unless `allowEmpty`.
 */
export function commitAll(root: string, message: string, opts: { date?: string; allowEmpty?: boolean } = {}): void {
  git(root, 'add', '-A');
  const args = ['commit', '-q', ...(opts.allowEmpty ? ['--allow-empty'] : []), '-m', message];
  if (opts.date) gitDated(root, opts.date, ...args);
  else git(root, ...args);
}

/**
 * A git checkout of the corpus at `corpusRoot` in a temp folder: its files without any `.git`,
 * committed, the folder writable by its user as a clone is (the copy keeps the corpus's
 * read-only modes), so the commands keep their caches there.
 */
export function corpusCheckout(corpusRoot: string, prefix: string): string {
  const root = tempCopy(corpusRoot, prefix, (src) => !src.includes(`${path.sep}.git`));
  chmodSync(root, 0o755);
  gitInit(root, { commit: 'corpus' });
  return root;
}
