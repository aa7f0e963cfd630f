import { lstatSync, mkdirSync } from 'node:fs';
import type { FileChange } from '../model/file-change.js';
import path from 'node:path';
import { RepoError } from '../model/errors.js';
import { checkedTarget, DOCUMENT_MODE, fsWriteError, HOOK_MODE, removeChecked, replaceFile, writableSegments, type WriteArea } from './safe-write.js';

export { withRepoLock } from './repo-lock.js';

/**
 * Write one root-relative file: atomically (temp file + fsync + rename), mode 0644, only below
 * spec/ or .specscore/ (or anywhere in the root but .git/ for a file the user `named`), never
 * through a symbolic link and never over anything but a regular file. A refusal or a failed
 * write is one clear RepoError (exit 2) naming the file; the file keeps its old content.
 */
export function writeRepoFile(root: string, rel: string, content: string | Uint8Array, area: WriteArea = 'state'): void {
  const segments = writableSegments(rel, area);
  try {
    replaceFile(checkedTarget(root, segments, rel), content, DOCUMENT_MODE);
  } catch (e) {
    throw fsWriteError(rel, e);
  }
}

/**
 * Check, without writing or creating anything, that `writeRepoFile` may write `rel`: the same
 * path rules and the same lstat walk. Throws the same RepoError it would.
 */
export function checkWritable(root: string, rel: string, area: WriteArea = 'state'): void {
  const segments = writableSegments(rel, area);
  try {
    checkedTarget(root, segments, rel, false);
  } catch (e) {
    throw fsWriteError(rel, e);
  }
}

/** Delete one root-relative file written by `writeRepoFile`, never through a link; false when absent. */
export function removeRepoFile(root: string, rel: string): boolean {
  const segments = writableSegments(rel, 'state');
  try {
    return removeChecked(root, segments);
  } catch (e) {
    throw fsWriteError(rel, e);
  }
}

/**
 * Write `name` (the git hook) into git's hooks folder `hooksDir`, mode 0755: the one write allowed
 * outside the root's spec/ and .specscore/. The folder must be a real folder (created when
 * missing) and the hook a regular file or absent, never a symbolic link.
 */
export function writeHookFile(hooksDir: string, name: string, content: string): void {
  const shown = path.join(hooksDir, name);
  try {
    mkdirSync(hooksDir, { recursive: true });
    if (lstatSync(hooksDir).isSymbolicLink()) {
      throw new RepoError(
        `refusing to write ${shown}: the hooks folder ${hooksDir} is a symbolic link; writers never follow links`,
        'make the hooks folder a real folder, then run the command again',
      );
    }
    replaceFile(checkedTarget(hooksDir, [name], shown), content, HOOK_MODE);
  } catch (e) {
    throw fsWriteError(shown, e);
  }
}

/** Delete the git hook `name` in `hooksDir` (a regular file, never through a link); false when absent. */
export function removeHookFile(hooksDir: string, name: string): boolean {
  try {
    return removeChecked(hooksDir, [name]);
  } catch (e) {
    throw fsWriteError(path.join(hooksDir, name), e);
  }
}

/**
 * Write files one by one with `writeRepoFile`; unchanged ones (content equal to before) are
 * skipped. Every target is checked first, so a refused path writes nothing at all. Returns the
 * files written. Each file ends up old or new, never a mix.
 */
export async function applyChanges(root: string, changes: readonly FileChange[], area: WriteArea = 'state'): Promise<string[]> {
  const real = changes.filter((c) => c.before !== c.content);
  for (const c of real) checkWritable(root, c.file, area);
  for (const c of real) writeRepoFile(root, c.file, c.content, area);
  return real.map((c) => c.file);
}
