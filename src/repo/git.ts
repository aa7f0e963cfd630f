import { GitError, simpleGit, type SimpleGit } from 'simple-git';
import { RepoError } from '../model/errors.js';
import { outsideGit } from './git-run.js';

/**
 * A git command that exited with a non-zero code: the code and what git wrote on stderr. A
 * simple-git GitError, so that simple-git passes it on as it is.
 */
export class GitCommandError extends GitError {
  constructor(
    readonly exitCode: number,
    readonly stderr: string,
  ) {
    super(undefined, gitSaid(stderr) || `git exited with code ${exitCode}`);
    this.name = 'GitCommandError';
  }
}

// The first line git wrote that says something, without its `fatal:`/`error:` prefix.
function gitSaid(stderr: string): string {
  const line = stderr
    .split('\n')
    .map((l) => l.trim())
    .find((l) => l !== '' && !/^(hint|warning):/i.test(l));
  return (line ?? '').replace(/^(fatal|error):\s*/i, '');
}

// A simple-git client for `root` that treats every non-zero exit as a failure (simple-git alone
// lets one with an empty stderr pass as success) and keeps the exit code.
function client(root: string): SimpleGit {
  return simpleGit({
    baseDir: root,
    maxConcurrentProcesses: 4,
    trimmed: false,
    errors: (error, result) => {
      if (result.exitCode > 0) return new GitCommandError(result.exitCode, Buffer.concat(result.stdErr).toString('utf8'));
      return error;
    },
  });
}

/**
 * The error for a git command that failed in `root`: one sentence with what git said, and what
 * to do. A repository git refuses for its owner ("dubious ownership") gets the `safe.directory`
 * command to run.
 */
export function gitFailure(root: string, e: unknown, doing?: string): RepoError {
  const said = e instanceof GitCommandError ? e.message : gitSaid(String((e as Error)?.message ?? e)) || String(e);
  const dubious = /dubious ownership in repository at '([^']+)'/.exec(said);
  if (dubious) {
    return new RepoError(
      `git cannot use the repository at ${root}: ${said}`,
      `if you trust this repository, run \`git config --global --add safe.directory '${dubious[1]}'\`, then run the command again`,
      { cause: e },
    );
  }
  if (doing === undefined) {
    return new RepoError(
      `git cannot use the repository at ${root}: ${said}`,
      'repair the repository (`git status` shows what git needs), or run the command in a healthy clone',
      { cause: e },
    );
  }
  return new RepoError(
    `git failed in ${root} (${doing}): ${said}`,
    'repair the repository (`git fsck` names what is damaged), or run the command in a complete clone',
    { cause: e },
  );
}

/**
 * A simple-git client for the root, or null when the root is not inside a git repository.
 * When a repository is there but git cannot use it (it refuses the owner, the repository is
 * damaged, git cannot run) this throws a RepoError saying what git said: never a silent "no git".
 */
export async function gitFor(root: string): Promise<SimpleGit | null> {
  if (outsideGit(root)) return null;
  const git = client(root);
  try {
    const inside = await git.raw(['rev-parse', '--is-inside-work-tree']);
    return inside.trim() === 'true' ? git : null;
  } catch (e) {
    throw gitFailure(root, e);
  }
}
