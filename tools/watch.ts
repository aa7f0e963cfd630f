import { watch, type FSWatcher } from 'node:fs';
import path from 'node:path';
import { SPEC_DIR } from '../src/model/repository.js';
import type { ToolContext } from './context.js';

/**
 * Watch `spec/` recursively; after `debounceMs` of quiet, tell the context which files changed
 * (it reloads and notifies the connected clients). Returns a function that stops watching.
 * When the platform cannot watch recursively, logs a warning and the cache is refreshed only by
 * the server's own writes.
 */
export function watchSpec(ctx: ToolContext, debounceMs = 150): () => void {
  const dir = path.join(ctx.root, SPEC_DIR);
  const pending = new Set<string>();
  let timer: NodeJS.Timeout | null = null;
  let watcher: FSWatcher;
  const flush = () => {
    timer = null;
    const files = [...pending];
    pending.clear();
    ctx.log.debug(`changed on disk: ${files.slice(0, 5).join(', ')}${files.length > 5 ? ` and ${files.length - 5} more` : ''}`);
    ctx.changed(files);
  };
  try {
    watcher = watch(dir, { recursive: true, persistent: false }, (_event, filename) => {
      const rel = filename ? `${SPEC_DIR}/${String(filename).split(path.sep).join('/')}` : SPEC_DIR;
      pending.add(rel);
      if (timer) clearTimeout(timer);
      timer = setTimeout(flush, debounceMs);
    });
    watcher.on('error', (e) => ctx.log.warn(`file watching stopped: ${e.message}`));
  } catch (e) {
    ctx.log.warn(`cannot watch ${dir} for changes (${(e as Error).message}); edits made outside this server are seen after its next write`);
    return () => {};
  }
  return () => {
    if (timer) clearTimeout(timer);
    watcher.close();
  };
}
