import type { SimpleGit } from 'simple-git';
import { gitFor } from '../repo/git.js';
import { headerStatus } from './freeze.js';
import { planPathOfFile } from './plan-files.js';

/** Git access for a spec root (which may be a subfolder of the work tree). */
export interface GitView {
  git: SimpleGit;
  /** True when HEAD exists (there is at least one commit). */
  hasHead: boolean;
}

/** Git for the root, or null when the root is not inside a git work tree. */
export async function openGit(root: string): Promise<GitView | null> {
  const git = await gitFor(root);
  if (!git) return null;
  let hasHead = true;
  try {
    const out = await git.raw(['rev-parse', '--verify', '--quiet', 'HEAD']);
    hasHead = out.trim() !== '';
  } catch {
    hasHead = false;
  }
  return { git, hasHead };
}

/**
 * A file's content at a revision (`HEAD`, a commit) or in the index (`rev` = ''), by its
 * root-relative path; null when it is not there.
 */
export async function readAt(view: GitView, rev: string, file: string): Promise<string | null> {
  if (rev !== '' && !view.hasHead) return null;
  try {
    return await view.git.raw(['show', `${rev}:./${file}`]);
  } catch {
    return null;
  }
}

/** The commit where a plan's Status became approved, with the content it had then. */
export interface ApprovalCommit {
  commit: string;
  date: string;
  content: string;
}

/**
 * Walk the commits (newest first) that touched the Status line of `file`: skip those where the
 * plan is superseded, follow the run where it is approved back to its oldest commit, and stop at
 * the first earlier status. That oldest approved commit is where approval happened. Null when
 * the history has no approval.
 */
export async function approvalCommit(view: GitView, file: string): Promise<ApprovalCommit | null> {
  if (!view.hasHead) return null;
  let log: string;
  try {
    log = await view.git.raw(['log', '--no-color', '--format=%H %cs', '-G', '\\*\\*Status', 'HEAD', '--', `./${file}`]);
  } catch {
    return null;
  }
  let found: ApprovalCommit | null = null;
  for (const line of log.split('\n')) {
    const [commit, date] = line.trim().split(' ');
    if (!commit) continue;
    const content = await readAt(view, commit, file);
    const status = content === null ? null : headerStatus(content);
    if (status === 'superseded' && found === null) continue;
    if (status !== 'approved' || content === null) break;
    found = { commit, date: date ?? '', content };
  }
  return found;
}

/** Root-relative plan READMEs whose HEAD version says approved or superseded. */
export async function frozenAtHead(view: GitView): Promise<string[]> {
  if (!view.hasHead) return [];
  const out = await view.git.raw(['grep', '-l', '-E', '^\\*\\*Status(:\\*\\*|\\*\\*:)[[:space:]]*`?(approved|superseded)', 'HEAD', '--', 'spec/plans']);
  return out
    .split('\n')
    .map((l) => l.trim().replace(/^HEAD:/, ''))
    .filter((f) => planPathOfFile(f) !== null)
    .sort();
}

/** The id of git's empty tree, to diff against before the first commit. */
const EMPTY_TREE = '4b825dc642cb6eb9a060e54bf8d69288fbee4904';

/** Root-relative plan READMEs that differ between HEAD and the index (staged), deletions included. */
export async function stagedPlanFiles(view: GitView): Promise<string[]> {
  const base = view.hasHead ? 'HEAD' : EMPTY_TREE;
  const out = await view.git.raw(['diff', '--cached', '--name-only', '--relative', '--no-renames', base, '--', 'spec/plans']);
  return out
    .split('\n')
    .map((l) => l.trim())
    .filter((f) => planPathOfFile(f) !== null)
    .sort();
}
