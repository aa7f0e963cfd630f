import { randomBytes } from 'node:crypto';
import { lstatSync, mkdirSync, readdirSync, renameSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { currentOwner, type LockOwner } from './lock-owner.js';
import { busy, inspect, LOCK_DIR, OWNER_FILE, staleReason, type Seen } from './lock-state.js';
import { checkedFolders, fsWriteError } from './safe-write.js';

/** A live owner touches its record this often, so writers on other hosts can tell it is alive. */
const REFRESH_MS = 5_000;

/** How `withRepoLock` waits and where it reports a lock it took over. */
export interface LockOptions {
  /** How long to wait for a live owner (default 10 s). */
  waitMs?: number;
  /** Where the one-line notice of a lock taken over goes (default: stderr). */
  notify?: (message: string) => void;
}

const unique = () => randomBytes(8).toString('hex');

/** Create the lock with its owner record in one step: a prepared folder renamed into place. */
function tryCreate(dir: string, lock: string, me: LockOwner): boolean {
  const tmp = path.join(dir, `write.lock.${unique()}.tmp`);
  mkdirSync(tmp, 0o755);
  try {
    writeFileSync(path.join(tmp, OWNER_FILE), `${JSON.stringify(me)}\n`, { flag: 'wx', mode: 0o644 });
    renameSync(tmp, lock);
    return true;
  } catch (e) {
    rmSync(tmp, { recursive: true, force: true });
    if (['EEXIST', 'ENOTEMPTY', 'ENOTDIR', 'EISDIR'].includes((e as NodeJS.ErrnoException).code ?? '')) return false;
    throw e;
  }
}

/**
 * Move the stale lock aside and delete it. If what was moved is not what was judged stale (a
 * writer replaced it in between), it is put back and false returned.
 */
function takeOver(dir: string, lock: string, seen: Seen): boolean {
  const grave = path.join(dir, `write.lock.${unique()}.stale`);
  try {
    renameSync(lock, grave);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw e;
  }
  // Inode numbers are reused once a folder is deleted, so the owner record (its token is unique
  // per writer) is compared too.
  const moved = inspect(grave);
  const same =
    moved !== null &&
    moved.st.ino === seen.st.ino &&
    moved.st.dev === seen.st.dev &&
    (moved.bytes === null ? seen.bytes === null : seen.bytes !== null && moved.bytes.equals(seen.bytes));
  if (!same) {
    try {
      renameSync(grave, lock);
    } catch {
      // a third writer got in first; it holds the lock now
    }
    return false;
  }
  rmSync(grave, { recursive: true, force: true });
  return true;
}

/** Remove temp and stale lock folders a killed writer left behind (older than a minute). */
function sweep(dir: string): void {
  try {
    for (const name of readdirSync(dir)) {
      if (!/^write\.lock\.[0-9a-f]{16}\.(tmp|stale)$/.test(name)) continue;
      const p = path.join(dir, name);
      if (Date.now() - lstatSync(p).mtimeMs > 60_000) rmSync(p, { recursive: true, force: true });
    }
  } catch {
    // best effort
  }
}

const stderrNotice = (message: string) => void process.stderr.write(`specplan: ${message}\n`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Run `fn` holding the repository's write lock (`.specscore/write.lock/`, recording pid, host and
 * start time), so two processes writing the same repository never lose an update. A lock whose
 * owner no longer runs on this host, that has no owner record, or that git tracks, is taken over
 * at once with a one-line notice; a live owner is waited for up to `waitMs`, then named.
 */
export async function withRepoLock<T>(root: string, fn: () => Promise<T>, opts: LockOptions = {}): Promise<T> {
  const waitMs = opts.waitMs ?? 10_000;
  const notify = opts.notify ?? stderrNotice;
  let dir: string;
  try {
    dir = checkedFolders(root, ['.specscore'], LOCK_DIR);
  } catch (e) {
    throw fsWriteError('.specscore/', e);
  }
  const lock = path.join(dir, 'write.lock');
  const me = currentOwner();
  const start = Date.now();
  const committed = new Map<string, Promise<boolean>>();
  let delay = 20;
  for (;;) {
    let seen: Seen | null;
    try {
      seen = inspect(lock);
      if (!seen && tryCreate(dir, lock, me)) break;
    } catch (e) {
      throw fsWriteError(LOCK_DIR, e);
    }
    if (!seen) continue;
    const stale = await staleReason(root, seen, committed);
    if (stale) {
      let taken: boolean;
      try {
        taken = takeOver(dir, lock, seen);
      } catch (e) {
        throw fsWriteError(LOCK_DIR, e);
      }
      if (taken) notify(stale);
      continue;
    }
    if (Date.now() - start >= waitMs) throw busy(seen.owner!, Date.now() - start);
    await sleep(delay);
    delay = Math.min(Math.round(delay * 1.5), 250);
  }
  sweep(dir);
  const ownerFile = path.join(lock, OWNER_FILE);
  const timer = setInterval(() => {
    try {
      utimesSync(ownerFile, new Date(), new Date());
    } catch {
      // the next writer judges by pid on this host anyway
    }
  }, REFRESH_MS);
  timer.unref();
  try {
    return await fn();
  } finally {
    clearInterval(timer);
    release(dir, lock, me);
  }
}

/** Remove the lock if it is still ours: moved aside first, so it never exists without its owner record. */
function release(dir: string, lock: string, me: LockOwner): void {
  try {
    if (inspect(lock)?.owner?.token !== me.token) return;
    const grave = path.join(dir, `write.lock.${unique()}.stale`);
    renameSync(lock, grave);
    rmSync(grave, { recursive: true, force: true });
  } catch {
    // a lock left behind is taken over by the next writer, whose notice names this process
  }
}
