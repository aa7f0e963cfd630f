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
    try {
      mkdirSync(path.dirname(abs), { recursive: true });
      await writeFileAtomic(abs, c.content, { encoding: 'utf8', fsync: true });
    } catch (e) {
      throw fsWriteError(c.file, e);
    }
    written.push(c.file);
  }
  return written;
}

const FS_REASONS: Record<string, [string, string]> = {
  ENOSPC: ['the disk is full', 'free some disk space and run the command again'],
  EDQUOT: ['the disk quota is exhausted', 'free some space within your quota and run the command again'],
  EACCES: ['permission denied', 'check that you may write the file and its folder'],
  EPERM: ['the operation is not permitted', 'check that you may write the file and its folder'],
  EROFS: ['the file system is read-only', 'run the command on a writable checkout'],
  EISDIR: ['a folder is in the way', 'remove or rename the folder'],
  ENOTDIR: ['a file is in the way of a folder', 'remove or rename the file'],
};

/**
 * A failed write as one clear sentence (exit 2) naming the root-relative file and the reason,
 * with the system error kept as `cause`. write-file-atomic writes a temp file and renames it, so
 * the file itself still holds its old content.
 */
export function fsWriteError(file: string, e: unknown): Error {
  if (e instanceof RepoError) return e;
  const code = (e as NodeJS.ErrnoException)?.code ?? '';
  const [why, hint] = FS_REASONS[code] ?? [(e as Error)?.message ?? String(e), 'check the file and its folder and run the command again'];
  return new RepoError(`could not write ${file}: ${why}${code ? ` (${code})` : ''}; the file keeps its previous content`, hint, { cause: e });
}

/**
 * Run `fn` holding the repository's write lock (`.specscore/lock`, via proper-lockfile), so two
 * processes writing the same repository never lose an update. Waits up to `waitMs`, then fails
 * with a clear message.
 */
export async function withRepoLock<T>(root: string, fn: () => Promise<T>, waitMs = 10_000): Promise<T> {
  const dir = resolveInside(root, '.specscore');
  try {
    mkdirSync(dir, { recursive: true });
  } catch (e) {
    throw fsWriteError('.specscore/', e);
  }
  let release: (() => Promise<void>) | null = null;
  try {
    release = await lockfile.lock(dir, {
      lockfilePath: path.join(dir, 'write.lock'),
      stale: 30_000,
      retries: { retries: Math.max(1, Math.ceil(waitMs / 100)), minTimeout: 50, maxTimeout: 200, factor: 1.2 },
    });
  } catch (e) {
    if ((e as NodeJS.ErrnoException)?.code !== 'ELOCKED') throw fsWriteError('.specscore/write.lock', e);
    throw new RepoError('another specplan process is writing this repository', 'wait for it to finish and run the command again', { cause: e });
  }
  try {
    return await fn();
  } finally {
    await release?.();
  }
}
