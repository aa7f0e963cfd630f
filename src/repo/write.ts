import { mkdirSync } from 'node:fs';
import path from 'node:path';
import lockfile from 'proper-lockfile';
import writeFileAtomic from 'write-file-atomic';
import { RepoError } from './errors.js';
import { resolveInside } from './paths.js';

/** One file to write, root-relative. `content: null` deletes nothing: it is reserved, unused. */
export interface FileChange {
  file: string;
  content: string;
  /** Previous content, or null for a new file. */
  before: string | null;
}

/**
 * Write files atomically (temp file + fsync + rename), each inside the root. A crash leaves the
 * old or the new content of each file, never a mix.
 */
export async function applyChanges(root: string, changes: readonly FileChange[]): Promise<string[]> {
  const written: string[] = [];
  for (const c of changes) {
    if (c.before === c.content) continue;
    const abs = resolveInside(root, c.file);
    mkdirSync(path.dirname(abs), { recursive: true });
    await writeFileAtomic(abs, c.content, { encoding: 'utf8', fsync: true });
    written.push(c.file);
  }
  return written;
}

/**
 * Run `fn` holding the repository's write lock (`.specscore/lock`, via proper-lockfile), so two
 * processes writing the same repository never lose an update. Waits up to `waitMs`, then fails
 * with a clear message.
 */
export async function withRepoLock<T>(root: string, fn: () => Promise<T>, waitMs = 10_000): Promise<T> {
  const dir = resolveInside(root, '.specscore');
  mkdirSync(dir, { recursive: true });
  let release: (() => Promise<void>) | null = null;
  try {
    release = await lockfile.lock(dir, {
      lockfilePath: path.join(dir, 'write.lock'),
      stale: 30_000,
      retries: { retries: Math.max(1, Math.ceil(waitMs / 100)), minTimeout: 50, maxTimeout: 200, factor: 1.2 },
    });
  } catch (e) {
    throw new RepoError('another specplan process is writing this repository', 'wait for it to finish and run the command again', { cause: e });
  }
  try {
    return await fn();
  } finally {
    await release?.();
  }
}
