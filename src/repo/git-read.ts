import type { SimpleGit } from 'simple-git';
import { RepoError } from '../model/errors.js';
import { GitCommandError, gitFailure, gitFor } from './git.js';
import { literal, nulSeparatedPaths, stagedDiffArgs } from './git-run.js';

/** Git access for a spec root (which may be a subfolder of the work tree). */
export interface GitView {
  git: SimpleGit;
  root: string;
  /** True when HEAD exists (there is at least one commit). */
  hasHead: boolean;
  /** True in a shallow clone: the history stops before the first commit. */
  shallow: boolean;
}

// Run git in the view; any failure is a RepoError naming the command and what git said.
async function raw(view: GitView, args: string[]): Promise<string> {
  try {
    return await view.git.raw(args);
  } catch (e) {
    throw gitFailure(view.root, e, `git ${args[0]}`);
  }
}

/**
 * Git for the root, or null when the root is not inside a git work tree. Throws a RepoError when
 * a repository is there but git cannot use it.
 */
export async function openGitView(root: string): Promise<GitView | null> {
  const git = await gitFor(root);
  if (!git) return null;
  const view: GitView = { git, root, hasHead: false, shallow: false };
  // One git process answers both in a repository with commits: "true|false", then HEAD's commit.
  try {
    const out = await git.raw(['rev-parse', '--is-shallow-repository', '--verify', '--quiet', 'HEAD^{commit}']);
    view.hasHead = true;
    view.shallow = out.split('\n')[0]!.trim() === 'true';
  } catch (e) {
    // `--quiet` exits 1 without a word when HEAD names no commit yet; anything else is a failure.
    if (!(e instanceof GitCommandError && e.exitCode === 1 && e.stderr.trim() === '')) throw gitFailure(root, e, 'git rev-parse HEAD');
    view.shallow = (await raw(view, ['rev-parse', '--is-shallow-repository'])).trim() === 'true';
  }
  return view;
}

/**
 * A file's content at a commit (`rev`) or in the index (`rev` = ''), by its root-relative path:
 * null when it is not there (or is not a file). Larger than `maxBytes`: a RepoError, nothing
 * read. A git failure (a missing object, a damaged repository) is a RepoError, never null.
 */
export async function readBlob(view: GitView, rev: string, file: string, maxBytes: number): Promise<string | null> {
  let oid: string;
  let size: number;
  if (rev === '') {
    const entry = (await raw(view, ['ls-files', '--stage', '-z', '--', literal(file)])).split('\0')[0] ?? '';
    const m = /^(\d+) ([0-9a-f]+) (\d)\t/.exec(entry);
    if (!m || m[3] !== '0' || !/^100/.test(m[1]!)) return null;
    oid = m[2]!;
    size = Number((await raw(view, ['cat-file', '-s', oid])).trim());
  } else {
    if (!view.hasHead) return null;
    const entry = (await raw(view, ['ls-tree', '-l', '-z', rev, '--', `./${file}`])).split('\0')[0] ?? '';
    const m = /^(\d+) (\w+) ([0-9a-f]+) +(\d+|-)\t/.exec(entry);
    if (!m || m[2] !== 'blob' || !/^100/.test(m[1]!)) return null;
    oid = m[3]!;
    size = Number(m[4]);
  }
  if (!(size <= maxBytes)) {
    throw new RepoError(
      `${file} at ${rev === '' ? 'the index' : rev.slice(0, 12)} is ${size} bytes; files over ${maxBytes} bytes are not read`,
      'split the document; a plan is meant to be read by a reviewer',
    );
  }
  return raw(view, ['cat-file', 'blob', oid]);
}

/**
 * Commits reachable from HEAD whose change to `file` adds or removes a line matching `pattern`
 * (a POSIX extended regular expression), oldest first, with their committer dates.
 */
export async function commitsChangingLine(view: GitView, file: string, pattern: string): Promise<Array<{ commit: string; date: string }>> {
  if (!view.hasHead) return [];
  const log = await raw(view, ['log', '--reverse', '--no-color', '--format=%H %cs', `-G${pattern}`, 'HEAD', '--', literal(file)]);
  return log
    .split('\n')
    .map((l) => l.trim().split(' '))
    .filter((p) => p[0])
    .map(([commit, date]) => ({ commit: commit!, date: date ?? '' }));
}

/**
 * Root-relative paths below `dir` that some commit reachable from HEAD changed by adding or
 * removing a line matching `pattern`, whether or not they still exist. Sorted, unique.
 */
export async function pathsEverChangingLine(view: GitView, dir: string, pattern: string): Promise<string[]> {
  if (!view.hasHead) return [];
  const out = await raw(view, [
    'log',
    '--no-color',
    '--format=',
    '-z',
    '--name-only',
    '--no-renames',
    '--relative',
    `-G${pattern}`,
    'HEAD',
    '--',
    literal(dir),
  ]);
  return nulSeparatedPaths(out);
}

/** Root-relative paths below `dir` whose HEAD version has a line matching `pattern` (extended). */
export async function pathsMatchingAtHead(view: GitView, dir: string, pattern: string): Promise<string[]> {
  if (!view.hasHead) return [];
  try {
    const out = await view.git.raw(['grep', '-l', '-z', '-E', pattern, 'HEAD', '--', literal(dir)]);
    return out
      .split('\0')
      .map((l) => l.trim().replace(/^HEAD:/, ''))
      .filter(Boolean)
      .sort();
  } catch (e) {
    // git grep exits 1 without a word when nothing matches.
    if (e instanceof GitCommandError && e.exitCode === 1 && e.stderr.trim() === '') return [];
    throw gitFailure(view.root, e, 'git grep');
  }
}

// The id of git's empty tree, to diff against before the first commit.
const EMPTY_TREE = '4b825dc642cb6eb9a060e54bf8d69288fbee4904';

/** Root-relative paths below `dir` that differ between HEAD and the index, deletions included. */
export async function stagedPaths(view: GitView, dir: string): Promise<string[]> {
  const base = view.hasHead ? 'HEAD' : EMPTY_TREE;
  return nulSeparatedPaths(await raw(view, stagedDiffArgs(base, dir)));
}
