import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { RootsListChangedNotificationSchema } from '@modelcontextprotocol/sdk/types.js';
import { resolveRoot } from '../src/app/root.js';
import type { ToolContext } from './context.js';

/** The folder of a `file://` root URI (Windows drive paths included); null for other schemes. */
function folderOf(uri: string): string | null {
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return null;
  }
  if (url.protocol !== 'file:') return null;
  const p = decodeURIComponent(url.pathname);
  return /^\/[A-Za-z]:\//.test(p) ? p.slice(1) : p;
}

/**
 * Serve the spec repository found in the client's roots (when `specplan mcp` was started without
 * `--root`): after `initialized` and on every `roots/list_changed`, the first root holding a spec
 * repository (or inside one) becomes the session's root. `onRoot` hears each new root.
 */
export function followClientRoots(server: McpServer, ctx: ToolContext, onRoot: (root: string) => void): () => Promise<void> {
  const adopt = async (): Promise<void> => {
    if (!server.server.getClientCapabilities()?.roots) return;
    let roots: Array<{ uri: string }>;
    try {
      roots = (await server.server.listRoots()).roots;
    } catch (e) {
      ctx.log.warn(`could not read the client's roots: ${(e as Error).message}`);
      return;
    }
    for (const r of roots) {
      const dir = folderOf(r.uri);
      if (dir === null) continue;
      let root: string;
      try {
        root = resolveRoot({ cwd: dir });
      } catch {
        continue;
      }
      if (ctx.retarget(root)) {
        ctx.log.info(`serving ${root}, found in the client's roots`);
        onRoot(root);
      }
      return;
    }
    ctx.log.warn(`none of the client's roots (${roots.map((r) => r.uri.slice(0, 200)).join(', ') || 'none'}) holds a spec repository; serving ${ctx.root}`);
  };
  server.server.setNotificationHandler(RootsListChangedNotificationSchema, () => void adopt());
  return adopt;
}
