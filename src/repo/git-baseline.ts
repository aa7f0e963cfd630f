import { commitsChangingLine, openGitView, pathsEverChangingLine, pathsMatchingAtHead, readBlob, stagedPaths, type GitView } from './git-read.js';
import { READ_LIMITS } from './safe-read.js';
import { gitFailure } from './git.js';
import { PLANS_DIR } from '../model/repository.js';
import { planPathOfFile } from '../model/plan-files.js';

export type { GitView } from './git-read.js';

/**
 * Git for the root, or null when the root is not inside a git work tree. A repository git
 * cannot use (refused, damaged) is a RepoError, never null.
 */
export const openGit = openGitView;

// A Status field line (up to three spaces of indent), as a POSIX extended expression.
const STATUS_LINE = '^ {0,3}\\*\\*Status(:\\*\\*|\\*\\*:)';
// A Status field line saying approved or superseded.
const FROZEN_STATUS_LINE = `${STATUS_LINE}[[:space:]]*\`?(approved|superseded)`;

/** A plan README's content at a commit (`rev`) or in the index (`rev` = ''); null when absent. */
export function readAt(view: GitView, rev: string, file: string): Promise<string | null> {
  return readBlob(view, rev, file, READ_LIMITS.document);
}

// The commit where a plan's Status first became approved, with the content it had then.
interface ApprovalCommit {
  commit: string;
  date: string;
  content: string;
}

/**
 * The first commit in the history of `file` (reachable from HEAD, at that path) whose content
 * `saysFrozen` (its header says approved or superseded): where it was approved, so what it must
 * still say. Later runs of un-approval and re-approval do not move it. Null when the history has
 * no approval.
 */
export async function approvalCommit(view: GitView, file: string, saysFrozen: (text: string) => boolean): Promise<ApprovalCommit | null> {
  for (const { commit, date } of await commitsChangingLine(view, file, STATUS_LINE)) {
    const content = await readAt(view, commit, file);
    if (content !== null && saysFrozen(content)) return { commit, date, content };
  }
  return null;
}

/**
 * Root-relative plan READMEs that some commit reachable from HEAD shows approved or superseded,
 * or whose HEAD version says so: including plans deleted or moved since.
 */
export async function approvedInHistory(view: GitView): Promise<string[]> {
  const [ever, head] = await Promise.all([
    pathsEverChangingLine(view, PLANS_DIR, FROZEN_STATUS_LINE),
    pathsMatchingAtHead(view, PLANS_DIR, FROZEN_STATUS_LINE),
  ]);
  return [...new Set([...ever, ...head])].filter((f) => planPathOfFile(f) !== null).sort();
}

/** Root-relative plan READMEs that differ between HEAD and the index (staged), deletions included. */
export async function stagedPlanFiles(view: GitView): Promise<string[]> {
  return (await stagedPaths(view, PLANS_DIR)).filter((f) => planPathOfFile(f) !== null);
}

/**
 * The commit a snapshot names: HEAD's abbreviated hash and `file` as HEAD holds it (null when it
 * does not); null when the root is in no git work tree or HEAD names no commit yet.
 */
export async function headCommit(root: string, file: string): Promise<{ hash: string; planAtHead: string | null } | null> {
  const view = await openGitView(root);
  if (!view?.hasHead) return null;
  let hash: string;
  try {
    hash = (await view.git.raw(['rev-parse', '--short', 'HEAD'])).trim();
  } catch (e) {
    throw gitFailure(root, e, 'git rev-parse --short HEAD');
  }
  return { hash, planAtHead: await readAt(view, 'HEAD', file) };
}
