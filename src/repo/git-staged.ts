import { PLANS_DIR } from '../model/repository.js';
import { planPathOfFile } from '../model/plan-files.js';
import { gitOutput, HEAD_STATE_ARGS, nulSeparatedPaths, stagedDiffArgs } from './git-run.js';

/** The staged plan READMEs of a healthy work tree with commits, and whether its history is shallow. */
interface QuickStaged {
  shallow: boolean;
  files: string[];
}

/**
 * The plan READMEs that differ between HEAD and the index (deletions included), read the quick
 * way a pre-commit hook needs: two git processes side by side and no git library. Null when
 * anything is not as usual (not in a work tree, no commit yet, git refusing or failing): the
 * caller then opens git the careful way, which says what is wrong.
 */
export async function quickStagedPlanFiles(root: string): Promise<QuickStaged | null> {
  const [head, diff] = await Promise.all([gitOutput(root, HEAD_STATE_ARGS), gitOutput(root, stagedDiffArgs('HEAD', PLANS_DIR))]);
  if (head === null || diff === null) return null;
  const [inside, shallow] = head.split('\n');
  if (inside?.trim() !== 'true') return null;
  return { shallow: shallow?.trim() === 'true', files: nulSeparatedPaths(diff).filter((f) => planPathOfFile(f) !== null) };
}
