import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import path from 'node:path';
import { readInside, type ReadOutcome } from './safe-read.js';

const FLAGS = constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOFOLLOW;

/**
 * The bytes of `abs` when it is a regular file (not a link) of at most `maxBytes`, whose size
 * does not change while it is read; otherwise null, with at most its size + 1 bytes read and
 * never a wait on a pipe or a device.
 */
function readPlainFile(abs: string, maxBytes: number): Buffer | null {
  let fd: number;
  try {
    fd = openSync(abs, FLAGS);
  } catch {
    return null;
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile() || st.size > maxBytes) return null;
    const buf = Buffer.allocUnsafeSlow(st.size);
    let off = 0;
    while (off < st.size) {
      const n = readSync(fd, buf, off, st.size - off, null);
      if (n === 0) return null;
      off += n;
    }
    // A file that grew while it was read is left to `readInside`, which bounds it.
    return readSync(fd, Buffer.alloc(1), 0, 1, null) === 0 ? buf : null;
  } catch {
    return null;
  } finally {
    closeSync(fd);
  }
}

/**
 * Read a file met while walking real folders of the root (folders reached without following a
 * symbolic link, below a folder known to lie inside the root), with the same guarantees as
 * `readInside`: a plain regular file within the limit is read directly, without resolving the
 * path again; anything else (a link, a pipe, a larger file, an error) goes through `readInside`,
 * which follows a link only when it stays inside and says why a file is refused. Bulk readers
 * (the loader, the fast up-to-date check) use this to keep per-file cost near a plain read.
 */
export function readWalked(root: string, rel: string, maxBytes: number): ReadOutcome {
  const bytes = readPlainFile(path.join(root, rel), maxBytes);
  return bytes ? { ok: true, bytes } : readInside(root, rel, maxBytes);
}
