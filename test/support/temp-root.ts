import { chmodSync, mkdirSync, readdirSync, rmSync, statfsSync, statSync } from 'node:fs';
import path from 'node:path';

const MEMORY_FS = '/dev/shm';
const PREFIX = 'specplan-tests-';
/** Free space the memory file system must have: a container's default /dev/shm (64 MB) is too small for the suite. */
const ENOUGH = 2 * 1024 ** 3;

/** True when a process with this id runs. */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The temp root of the vitest run in process `pid`. */
const rootOf = (pid: number) => path.join(MEMORY_FS, `${PREFIX}${pid}`);

/**
 * The folder the tests' temp folders go to (their TMPDIR): a folder of this run on the memory
 * file system when the machine has one with room enough (2 GB free) and TMPDIR is not set, else
 * undefined (the system's).
 * Thousands of temp repositories are made and deleted per run; on a disk file system mounted
 * with `discard`, deleting one of 1,000 plans takes seconds. Folders left by runs that no
 * longer run are removed first.
 */
export function testTempRoot(): string | undefined {
  if (process.env.TMPDIR || process.platform !== 'linux') return undefined;
  try {
    if (!statSync(MEMORY_FS).isDirectory()) return undefined;
    const fs = statfsSync(MEMORY_FS);
    if (fs.bavail * fs.bsize < ENOUGH) return undefined;
    for (const name of readdirSync(MEMORY_FS))
      if (name.startsWith(PREFIX) && !alive(Number(name.slice(PREFIX.length)))) rmSync(path.join(MEMORY_FS, name), { recursive: true, force: true });
    const root = rootOf(process.pid);
    mkdirSync(root, { recursive: true });
    chmodSync(root, 0o1777); // as /tmp: the tests that run the CLI as another user reach it
    return root;
  } catch {
    return undefined;
  }
}

/** Global setup of the whole run: its teardown removes the run's temp root with everything the tests left in it. */
export default function setup(): () => void {
  return () => rmSync(rootOf(process.pid), { recursive: true, force: true });
}
