import type { SpecRepo } from '../model/repository.js';
import { loadRepo } from '../repo/load.js';
import { findRoot } from '../repo/root.js';

/**
 * The spec repository root for these options (`--root`, else discovered by walking up from
 * `cwd`). Its own module (with `openRepo`), so that finding and reading the repository does not load git.
 */
export function resolveRoot(opts: { root?: string | undefined; cwd?: string } = {}): string {
  return findRoot(opts.root, opts.cwd);
}

/** Discover the root and read the whole repository into the model. */
export function openRepo(opts: { root?: string | undefined; cwd?: string } = {}): SpecRepo {
  return loadRepo(resolveRoot(opts));
}
