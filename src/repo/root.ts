import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { CONFIG_FILE_NAMES } from '../model/config.js';
import { RepoError } from '../model/errors.js';

/**
 * The spec repository root: `--root` when given, else the current directory walking up to the
 * first folder holding specscore.yaml (or a legacy name) or spec/.
 */
export function findRoot(explicit?: string, cwd = process.cwd()): string {
  if (explicit) {
    const abs = path.resolve(cwd, explicit);
    if (!existsSync(abs) || !statSync(abs).isDirectory())
      throw new RepoError(`root "${explicit}" is not a directory`, 'pass --root pointing at the folder that holds spec/');
    if (!existsSync(path.join(abs, 'spec')))
      throw new RepoError(`root "${explicit}" has no spec/ folder`, 'pass --root pointing at the folder that holds spec/');
    return abs;
  }
  let dir = path.resolve(cwd);
  for (;;) {
    if (CONFIG_FILE_NAMES.some((n) => existsSync(path.join(dir, n))) || existsSync(path.join(dir, 'spec'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir)
      throw new RepoError('no spec repository found here or in any parent folder', 'run inside a repository with a spec/ folder, or pass --root DIR');
    dir = parent;
  }
}
