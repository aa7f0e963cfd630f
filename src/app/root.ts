import { findRoot } from '../repo/root.js';

/**
 * The spec repository root for these options (`--root`, else discovered by walking up from
 * `cwd`). Its own small module, so that finding the root loads neither the reader of the
 * repository nor git (the MCP server answers its first requests before loading either).
 */
export function resolveRoot(opts: { root?: string | undefined; cwd?: string } = {}): string {
  return findRoot(opts.root, opts.cwd);
}
