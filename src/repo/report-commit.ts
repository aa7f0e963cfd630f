import { RepoError } from '../model/errors.js';
import { gitFor } from './git.js';

/**
 * Commit only `file` when it differs from HEAD, with `message`; false when there was nothing to
 * commit. The root must be inside a git repository.
 */
export async function commitOnly(root: string, file: string, message: string): Promise<boolean> {
  const git = await gitFor(root);
  if (!git) throw new RepoError('--commit needs a git repository, and the root is not inside one', 'run git init, or drop --commit');
  const status = await git.raw(['status', '--porcelain', '--', file]);
  if (!status.trim()) return false;
  try {
    await git.raw(['add', '--', file]);
    await git.raw(['commit', '--quiet', '--no-verify', '-m', message, '--only', '--', file]);
  } catch (e) {
    throw new RepoError(`git could not commit ${file}: ${(e as Error).message.split('\n')[0]}`, 'check git user.name/user.email and the repository state', {
      cause: e,
    });
  }
  return true;
}
