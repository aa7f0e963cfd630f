import { hexDigest } from '../model/digest.js';
import os from 'node:os';
import path from 'node:path';
import type { Stats } from 'node:fs';
import { RepoError } from '../model/errors.js';
import { describeOwner, ownerRunsHere, parseOwner, type LockOwner } from './lock-owner.js';
import { readRegularFile } from './safe-read.js';
import { lstatOrNull } from './safe-write.js';

/** The lock folder, root-relative; it holds `owner.json`. */
export const LOCK_DIR = '.specscore/write.lock';
/** The owner record inside the lock folder. */
export const OWNER_FILE = 'owner.json';
/** A lock from another host not refreshed for this long is stale. */
const REMOTE_STALE_MS = 30_000;

/** What is at the lock path right now. */
export interface Seen {
  st: Stats;
  owner: LockOwner | null;
  /** The owner record's bytes, as read. */
  bytes: Buffer | null;
  /** When the owner last refreshed its record (ms since epoch). */
  refreshed: number;
}

/** What is at the lock path, looked at without following links; null when nothing is there. */
export function inspect(lock: string): Seen | null {
  const st = lstatOrNull(lock);
  if (!st) return null;
  const none = { st, owner: null, bytes: null, refreshed: 0 };
  if (!st.isDirectory()) return none;
  const file = path.join(lock, OWNER_FILE);
  const fst = lstatOrNull(file);
  const read = fst?.isFile() ? readRegularFile(file, 4096) : null;
  if (!fst?.isFile() || !read?.ok) {
    // A writer may have released the lock (moved it aside) between the two looks: only a lock
    // folder that is still the same one, and still has no readable record, is ownerless.
    const again = lstatOrNull(lock);
    if (!again) return null;
    if (again.ino !== st.ino || again.dev !== st.dev) return inspect(lock);
    return none;
  }
  return { st, owner: parseOwner(read.bytes.toString('utf8')), bytes: read.bytes, refreshed: fst.mtimeMs };
}

/**
 * True when the owner record on disk is byte for byte the one git has in its index: it came with
 * a commit (a record a writer here wrote has a fresh token, so it never matches).
 */
function cameWithCommit(root: string, bytes: Buffer, committed: Map<string, Promise<boolean>>): Promise<boolean> {
  return cached(committed, hexDigest('sha256', bytes), async () => {
    const entry = await lsFiles(root, ['-s', `${LOCK_DIR}/${OWNER_FILE}`]);
    const id = /^\d+ ([0-9a-f]{40,64}) /.exec(entry)?.[1];
    if (!id) return false;
    const blob = Buffer.concat([Buffer.from(`blob ${bytes.length}\0`), bytes]);
    return hexDigest(id.length === 64 ? 'sha256' : 'sha1', blob) === id;
  });
}

// The git library is loaded only when a stale lock is looked into, never by a plain read.
async function lsFiles(root: string, args: string[]): Promise<string> {
  const { gitFor } = await import('./git.js');
  const git = await gitFor(root);
  return git ? git.raw(['ls-files', '-z', ...args.slice(0, -1), '--', args.at(-1)!]) : '';
}

function cached(memo: Map<string, Promise<boolean>>, key: string, ask: () => Promise<boolean>): Promise<boolean> {
  let known = memo.get(key);
  if (!known) {
    known = ask().catch(() => false);
    memo.set(key, known);
  }
  return known;
}

/**
 * Why the lock seen is stale (the notice to print on taking it over), or null when a live owner
 * holds it. `committed` caches what git said about each owner record during one wait.
 */
export async function staleReason(root: string, seen: Seen, committed: Map<string, Promise<boolean>>): Promise<string | null> {
  if (seen.bytes && (await cameWithCommit(root, seen.bytes, committed))) {
    return `took over a stale lock: ${LOCK_DIR} is tracked by git, so it came with a commit and no writer here holds it; remove it from git (git rm -r --cached ${LOCK_DIR}) and commit`;
  }
  const o = seen.owner;
  if (!o) {
    const tracked = await cached(committed, 'tracked', async () => (await lsFiles(root, [LOCK_DIR])).length > 0);
    return `took over a stale lock with no owner record (${LOCK_DIR}); no running specplan made it${tracked ? `, and git tracks it: remove it from git (git rm -r --cached ${LOCK_DIR}) and commit` : ''}`;
  }
  if (o.host === os.hostname()) return ownerRunsHere(o) ? null : `took over a stale lock left by ${describeOwner(o)}; that process is no longer running`;
  const quiet = Date.now() - seen.refreshed;
  return quiet > REMOTE_STALE_MS ? `took over a stale lock left by ${describeOwner(o)}; it was not refreshed for ${Math.round(quiet / 1000)} s` : null;
}

/** The error of a writer that gave up waiting for a live owner, naming it. */
export function busy(o: LockOwner, waitedMs: number): RepoError {
  const alive = o.host === os.hostname() ? 'which is still running' : 'which refreshed it within the last 30 s';
  return new RepoError(
    `the repository is being written by ${describeOwner(o)}, ${alive}; waited ${(waitedMs / 1000).toFixed(1)} s for its lock (${LOCK_DIR})`,
    'wait for it to finish and run the command again; if that process is not specplan, stop it or remove the lock folder',
  );
}
