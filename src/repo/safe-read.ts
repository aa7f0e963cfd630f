import { closeSync, constants, fstatSync, lstatSync, openSync, readSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { MAX_DOCUMENT_BYTES } from '../model/limits.js';

/** Size limits per kind of file the tool reads from a spec repository. */
export const READ_LIMITS = {
  /** A plan, feature, proposal, index or report document. */
  document: MAX_DOCUMENT_BYTES,
  /** `specscore.yaml` and its legacy names. */
  config: 1024 * 1024,
  /** `.specscore/work-items.yaml`. */
  ledger: 4 * 1024 * 1024,
  /** `.specscore/approvals.json`. */
  approvals: 16 * 1024 * 1024,
  /** `.specscore/journal.json`. */
  journal: 64 * 1024 * 1024,
} as const;

/** Why a file was not read. */
export type ReadRefusalKind = 'missing' | 'not-regular' | 'link-outside' | 'too-large' | 'unreadable';

export interface ReadRefusal {
  kind: ReadRefusalKind;
  /** What was found and what is expected, without the file name (callers name the file). */
  message: string;
  /** The system error code, when there was one. */
  code?: string;
}

export type ReadOutcome = { ok: true; bytes: Buffer } | { ok: false; refusal: ReadRefusal };

function refuse(kind: ReadRefusalKind, message: string, code?: string): ReadOutcome {
  return { ok: false, refusal: code ? { kind, message, code } : { kind, message } };
}

function mb(bytes: number): string {
  return `${(bytes / 1048576).toFixed(bytes < 1048576 ? 2 : 1)} MB`;
}

/**
 * Read a regular file by absolute path, at most `maxBytes`. Never blocks on a FIFO or a device
 * (opened non-blocking, then checked with fstat on the open descriptor), never reads more than
 * `maxBytes + 1` bytes however large the file claims or grows to be. Symbolic links are not
 * checked here: see `readInside` for the root policy.
 */
export function readRegularFile(abs: string, maxBytes: number): ReadOutcome {
  let fd: number;
  try {
    fd = openSync(abs, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return refuse('missing', 'the file does not exist', code);
    if (code === 'EISDIR') return refuse('not-regular', 'a folder is there; expected a regular file', code);
    return refuse('unreadable', `cannot read the file (${code ?? 'error'})`, code);
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) return refuse('not-regular', `it is ${describeKind(st)}; expected a regular file`);
    if (st.size > maxBytes) return refuse('too-large', `the file is ${mb(st.size)}; files over ${mb(maxBytes)} are not read`);
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      // The whole file and one byte more in one read (size is within the limit), so a file that
      // did not grow is one buffer, never copied into another.
      const buf = Buffer.allocUnsafe(Math.min(Math.max(st.size - total, 0) + 1, maxBytes + 1 - total) || 1);
      const n = readSync(fd, buf, 0, buf.length, null);
      if (n === 0) break;
      total += n;
      if (total > maxBytes) return refuse('too-large', `the file grew past ${mb(maxBytes)} while it was read; files over that are not read`);
      chunks.push(n === buf.length ? buf : buf.subarray(0, n));
    }
    return { ok: true, bytes: chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, total) };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return refuse('unreadable', `cannot read the file (${code ?? 'error'})`, code);
  } finally {
    closeSync(fd);
  }
}

function describeKind(st: import('node:fs').Stats): string {
  if (st.isDirectory()) return 'a folder';
  if (st.isFIFO()) return 'a named pipe (FIFO)';
  if (st.isSocket()) return 'a socket';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'a device';
  return 'not a regular file';
}

/**
 * Read `rel` (root-relative) from a spec repository: a regular file inside the root, at most
 * `maxBytes`. A symbolic link anywhere on the way is followed only when the file it leads to
 * is inside the root; otherwise the read is refused with `link-outside`.
 */
export function readInside(root: string, rel: string, maxBytes: number): ReadOutcome {
  if (rel.includes('\0') || path.isAbsolute(rel)) return refuse('link-outside', 'the path is not a path inside the root');
  const abs = path.resolve(root, rel);
  try {
    lstatSync(abs);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return refuse('missing', 'the file does not exist', code);
    return refuse('unreadable', `cannot read the file (${code ?? 'error'})`, code);
  }
  let real: string;
  let realRoot: string;
  try {
    real = realpathSync.native(abs);
    realRoot = realpathSync.native(root);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return refuse('missing', 'the file is a symbolic link that leads nowhere', code);
  }
  if (real !== realRoot && !real.startsWith(realRoot + path.sep)) {
    return refuse('link-outside', 'it is a symbolic link (or lies below one) that leads outside the repository; it is not read');
  }
  return readRegularFile(real, maxBytes);
}

/** Read text: `readInside` then UTF-8 decoding (invalid bytes become U+FFFD). */
function readTextInside(root: string, rel: string, maxBytes: number): { ok: true; text: string } | { ok: false; refusal: ReadRefusal } {
  const r = readInside(root, rel, maxBytes);
  return r.ok ? { ok: true, text: r.bytes.toString('utf8') } : r;
}
