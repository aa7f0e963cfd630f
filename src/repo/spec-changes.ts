import { existsSync, statSync, watch, type FSWatcher } from 'node:fs';
import path from 'node:path';
import { SPEC_DIR } from '../model/repository.js';

/** What the watcher reports to: the changed root-relative files, and the problems it meets. */
interface SpecWatchSink {
  changed(files: string[]): void;
  warn(message: string): void;
  debug(message: string): void;
}

/**
 * Watch `spec/` below `root` recursively; after `debounceMs` of quiet, report the root-relative
 * files that changed. Returns a function that stops watching. When the platform cannot watch
 * recursively, warns and returns a no-op (changes are then seen only through the caller's own
 * writes).
 */
export function watchSpec(root: string, sink: SpecWatchSink, debounceMs = 150): () => void {
  const dir = path.join(root, SPEC_DIR);
  const pending = new Set<string>();
  let timer: NodeJS.Timeout | null = null;
  let watcher: FSWatcher;
  const flush = () => {
    timer = null;
    const files = [...pending];
    pending.clear();
    sink.debug(`changed on disk: ${files.slice(0, 5).join(', ')}${files.length > 5 ? ` and ${files.length - 5} more` : ''}`);
    sink.changed(files);
  };
  try {
    watcher = watch(dir, { recursive: true, persistent: false }, (_event, filename) => {
      const rel = filename ? `${SPEC_DIR}/${String(filename).split(path.sep).join('/')}` : SPEC_DIR;
      pending.add(rel);
      if (timer) clearTimeout(timer);
      timer = setTimeout(flush, debounceMs);
    });
    watcher.on('error', (e) => sink.warn(`file watching stopped: ${e.message}`));
  } catch (e) {
    sink.warn(`cannot watch ${dir} for changes (${(e as Error).message}); edits made elsewhere are seen after the next write through this process`);
    return () => {};
  }
  return () => {
    if (timer) clearTimeout(timer);
    watcher.close();
  };
}

/** Which of these root-relative files exist now. */
export function existingFiles(root: string, files: readonly string[]): Set<string> {
  return new Set(files.filter((f) => existsSync(path.join(root, f))));
}

/** A stamp of each of these root-relative files as it is now (size and modification time; "absent" when missing). */
export function fileStamps(root: string, files: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const f of files) {
    try {
      const s = statSync(path.join(root, f));
      out.set(f, `${s.size}:${s.mtimeMs}`);
    } catch {
      out.set(f, 'absent');
    }
  }
  return out;
}

/** A temporary file of an atomic write (`README.md.123456789`), renamed over its target a moment later. */
export function isAtomicTemp(file: string): boolean {
  return /\.md\.\d+$/.test(file);
}
