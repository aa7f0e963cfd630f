import { existsSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../model/errors.js';
import { resolveInside } from './paths.js';

const EXAMPLE = 'pass files or folders inside the root, e.g. spec/plans/user-auth';

/** A path that limits what is reported: root-relative (`''` for the root), and whether it exists. */
interface PathScope {
  path: string;
  exists: boolean;
}

/**
 * Turn a path that limits what is reported into a root-relative prefix (`''` for the root): the
 * path relative to `cwd` when it exists (the CLI's working directory; absolute paths only then),
 * else relative to the root, else a plan path below spec/plans/. A path outside the root, or
 * reaching out of it through a symbolic link, is refused.
 */
export function pathScope(root: string, arg: string, cwd?: string): PathScope {
  if (arg.includes('\0')) throw new UsageError(`path "${arg.replace(/\0/g, '\\0')}" contains a NUL byte`, EXAMPLE);
  const norm = arg.replace(/\\/g, '/');
  if (cwd === undefined && path.isAbsolute(norm)) throw new UsageError(`path "${arg}" is absolute; expected a path inside the root`, EXAMPLE);
  const candidates = [...(cwd === undefined ? [] : [path.resolve(cwd, norm)]), path.resolve(root, norm), path.resolve(root, 'spec/plans', norm)];
  const found = candidates.find((c) => existsSync(c));
  const hit = found ?? path.resolve(root, norm);
  const rel = path.relative(root, hit).split(path.sep).join('/');
  if (rel === '..' || rel.startsWith('../') || path.isAbsolute(rel)) throw new UsageError(`path "${arg}" is outside the repository root ${root}`, EXAMPLE);
  resolveInside(root, rel === '' ? '.' : rel); // refuses a symbolic link leading out of the root
  return { path: rel, exists: found !== undefined };
}
