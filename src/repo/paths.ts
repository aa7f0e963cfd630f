import { realpathSync } from 'node:fs';
import path from 'node:path';
import { RepoError } from '../model/errors.js';

/**
 * Resolve a root-relative path to an absolute one, refusing anything that lands outside the
 * root, directly or through a symlink of an existing ancestor.
 */
export function resolveInside(root: string, rel: string): string {
  if (rel.includes('\0')) throw new RepoError(`path "${rel.replace(/\0/g, '\\0')}" contains a NUL byte`);
  if (path.isAbsolute(rel)) throw new RepoError(`path "${rel}" is absolute; expected a path inside the root`);
  const abs = path.resolve(root, rel);
  const realRoot = realpathSync(root);
  const inside = (p: string, r: string) => p === r || p.startsWith(r + path.sep);
  if (!inside(abs, path.resolve(root))) throw new RepoError(`path "${rel}" is outside the root ${root}`);
  // Walk up to the nearest existing ancestor and check its real location.
  let probe = abs;
  for (;;) {
    try {
      const real = realpathSync(probe);
      if (!inside(real, realRoot)) throw new RepoError(`path "${rel}" leads outside the root through a symbolic link`);
      break;
    } catch (e) {
      if (e instanceof RepoError) throw e;
      const parent = path.dirname(probe);
      if (parent === probe) break;
      probe = parent;
    }
  }
  return abs;
}
