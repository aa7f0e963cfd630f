import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import os from 'node:os';

/** Who holds the repository write lock, as recorded in the lock's `owner.json`. */
export interface LockOwner {
  pid: number;
  host: string;
  /** When the lock was taken (ISO time). */
  since: string;
  /** The owner process's start (boot id and start tick on Linux), to tell a reused pid apart; null elsewhere. */
  started: string | null;
  /** Random, so a writer can tell its own lock from one that replaced it. */
  token: string;
}

// A process's start identity from /proc (Linux): boot id plus start time in clock ticks; null elsewhere.
function processStart(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = fields[19]; // field 22 of stat(5); the ones after ")" start at field 3
    const boot = readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
    return ticks && /^\d+$/.test(ticks) ? `${boot}:${ticks}` : null;
  } catch {
    return null;
  }
}

/** The owner record for this process taking the lock now. */
export function currentOwner(now = new Date()): LockOwner {
  return { pid: process.pid, host: os.hostname(), since: now.toISOString(), started: processStart(process.pid), token: randomBytes(8).toString('hex') };
}

/** Parse an owner record; null when it is not one (then the lock counts as having no owner). */
export function parseOwner(text: string): LockOwner | null {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return null;
  const o = v as Record<string, unknown>;
  const short = (x: unknown, max: number) => typeof x === 'string' && x.length > 0 && x.length <= max;
  if (!Number.isSafeInteger(o.pid) || (o.pid as number) < 1 || !short(o.host, 255) || !short(o.since, 64)) return null;
  if (o.started !== undefined && o.started !== null && !short(o.started, 200)) return null;
  if (o.token !== undefined && !short(o.token, 64)) return null;
  return {
    pid: o.pid as number,
    host: o.host as string,
    since: o.since as string,
    started: (o.started as string | undefined) ?? null,
    token: (o.token as string | undefined) ?? '',
  };
}

/**
 * Whether the recorded owner still runs on this host: its pid exists (a signal-0 probe), and
 * where start identities can be read, it is the same process that took the lock (not a later
 * process given the same pid). On a host that records start identities, a record without one was
 * not written by a running writer here and counts as not running.
 */
export function ownerRunsHere(owner: LockOwner): boolean {
  try {
    process.kill(owner.pid, 0);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EPERM') return false; // ESRCH: no such process
  }
  const now = processStart(owner.pid);
  if (now === null) return true; // no /proc here (or not readable): the live pid is all there is to go on
  return owner.started === now;
}

/** "pid N on HOST since T", as messages name an owner. */
export function describeOwner(owner: LockOwner): string {
  return `pid ${owner.pid} on ${owner.host} since ${owner.since}`;
}
