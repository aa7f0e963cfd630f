import { randomBytes } from 'node:crypto';
import { closeSync, constants, fchmodSync, fsyncSync, lstatSync, mkdirSync, openSync, renameSync, unlinkSync, writeSync, type Stats } from 'node:fs';
import path from 'node:path';
import { RepoError } from '../model/errors.js';

/** Mode of every document, report and state file the tool writes. */
export const DOCUMENT_MODE = 0o644;
/** Mode of the git hook `specplan hooks install` writes: the only executable file. */
export const HOOK_MODE = 0o755;

/**
 * Where a write may go. `state` (the default): below `spec/` or `.specscore/` of the root.
 * `named`: a file the user named on the command line (`export --out FILE`): anywhere in the root.
 * Never below a `.git` folder, never through a symbolic link.
 */
export type WriteArea = 'state' | 'named';

const STATE_TOPS = new Set(['spec', '.specscore']);

/**
 * Check a root-relative path a writer was given and return its segments: relative, `/`-separated,
 * no empty, `.` or `..` segment, no NUL, no `.git` folder; below spec/ or .specscore/ for `state`.
 */
export function writableSegments(rel: string, area: WriteArea = 'state'): string[] {
  const shown = rel.replace(/\0/g, '\\0');
  const refuse = (why: string, hint: string): never => {
    throw new RepoError(`refusing to write ${shown}: ${why}`, hint);
  };
  if (rel.includes('\0')) refuse('the path contains a NUL byte', 'use a plain path inside the repository');
  if (rel.includes('\\') || path.posix.isAbsolute(rel)) refuse('expected a relative path with "/" inside the repository', 'use a path relative to the root');
  const segments = rel.split('/');
  if (segments.some((s) => s === '' || s === '.' || s === '..')) refuse('the path has an empty, "." or ".." part', 'use a plain path inside the repository');
  if (segments.some((s) => s.toLowerCase() === '.git')) refuse('writers never write inside .git/', 'choose a file outside .git/');
  if (area === 'state' && (segments.length < 2 || !STATE_TOPS.has(segments[0]!))) {
    refuse('it is outside spec/ and .specscore/, the only folders specplan writes', 'remove the entry that names it, or write the file yourself');
  }
  return segments;
}

/** lstat, or null when nothing is there. */
export function lstatOrNull(abs: string): Stats | null {
  try {
    return lstatSync(abs);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
}

function kindOf(st: Stats): string {
  if (st.isSymbolicLink()) return 'a symbolic link';
  if (st.isDirectory()) return 'a folder';
  if (st.isFIFO()) return 'a named pipe (FIFO)';
  if (st.isSocket()) return 'a socket';
  return 'a device or other special file';
}

/**
 * Walk from `base` down through `folders`, checking every part with lstat: each must be a real
 * folder (created when missing and `create`, one level at a time), never a symbolic link.
 * Returns the last folder's path (which may not exist when `create` is false).
 */
export function checkedFolders(base: string, folders: readonly string[], shown: string, create = true): string {
  let dir = base;
  for (let i = 0; i < folders.length; i++) {
    dir = path.join(dir, folders[i]!);
    let st = lstatOrNull(dir);
    if (st === null && create) {
      try {
        mkdirSync(dir, 0o755);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      }
      st = lstatSync(dir);
    }
    if (st === null) return path.join(dir, ...folders.slice(i + 1));
    if (!st.isDirectory()) {
      const part = folders.slice(0, i + 1).join('/');
      throw new RepoError(
        `refusing to write ${shown}: ${part} is ${st.isFile() ? 'a file' : kindOf(st)}, not a folder; writers never follow links`,
        `replace ${part} with a real folder, then run the command again`,
      );
    }
  }
  return dir;
}

/**
 * The path of the file `segments` name below `base`, every folder on the way checked (and
 * created) by `checkedFolders`; the file itself, when present, must be a regular file.
 */
export function checkedTarget(base: string, segments: readonly string[], shown = segments.join('/'), create = true): string {
  const file = path.join(checkedFolders(base, segments.slice(0, -1), shown, create), segments.at(-1)!);
  const st = lstatOrNull(file);
  if (st && !st.isFile()) {
    throw new RepoError(
      `refusing to write ${shown}: it is ${kindOf(st)}; writers only replace regular files and never follow links`,
      `replace ${shown} with a regular file (or remove it), then run the command again`,
    );
  }
  return file;
}

/**
 * Replace `file` atomically: a fresh temp file beside it (created exclusively, never through a
 * link), given `mode` explicitly, written, fsynced and renamed over the file, then the folder is
 * fsynced. A crash leaves the old or the new content. Call after `checkedTarget`.
 */
export function replaceFile(file: string, content: string | Uint8Array, mode: number): void {
  const data = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  let tmp = '';
  let fd = -1;
  for (let attempt = 0; fd < 0; attempt++) {
    tmp = `${file}.${randomBytes(6).readUIntBE(0, 6)}`; // digits, as the temp files of earlier versions
    try {
      fd = openSync(tmp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, mode);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST' || attempt >= 5) throw e;
    }
  }
  try {
    fchmodSync(fd, mode); // exactly `mode`, whatever the umask
    for (let off = 0; off < data.length; ) off += writeSync(fd, data, off, data.length - off);
    fsyncSync(fd);
    closeSync(fd);
    fd = -1;
    renameSync(tmp, file);
  } catch (e) {
    if (fd >= 0) closeSync(fd);
    try {
      unlinkSync(tmp);
    } catch {
      // already renamed or never created
    }
    throw e;
  }
  syncFolder(path.dirname(file));
}

function syncFolder(dir: string): void {
  let fd = -1;
  try {
    fd = openSync(dir, constants.O_RDONLY | constants.O_DIRECTORY);
    fsyncSync(fd);
  } catch {
    // some file systems cannot fsync a folder; the rename itself is still atomic
  } finally {
    if (fd >= 0) closeSync(fd);
  }
}

/** Remove a regular file reached without following links; false when it was not there. */
export function removeChecked(base: string, segments: readonly string[]): boolean {
  const file = checkedTarget(base, segments, segments.join('/'), false);
  if (lstatOrNull(file) === null) return false;
  unlinkSync(file);
  return true;
}

const FS_REASONS: Record<string, [string, string]> = {
  ENOSPC: ['the disk is full', 'free some disk space and run the command again'],
  EDQUOT: ['the disk quota is exhausted', 'free some space within your quota and run the command again'],
  EACCES: ['permission denied', 'check that you may write the file and its folder'],
  EPERM: ['the operation is not permitted', 'check that you may write the file and its folder'],
  EROFS: ['the file system is read-only', 'run the command on a writable checkout'],
  EISDIR: ['a folder is in the way', 'remove or rename the folder'],
  ENOTDIR: ['a file is in the way of a folder', 'remove or rename the file'],
  ELOOP: ['a symbolic link is in the way', 'replace the link with a regular file'],
};

/**
 * A failed write as one clear sentence (exit 2) naming the file and the reason, with the system
 * error kept as `cause`. Writes go to a temp file renamed over the target, so the file itself
 * still holds its old content. A refusal (already a RepoError) passes through unchanged.
 */
export function fsWriteError(file: string, e: unknown): Error {
  if (e instanceof RepoError) return e;
  const code = (e as NodeJS.ErrnoException)?.code ?? '';
  const [why, hint] = FS_REASONS[code] ?? [(e as Error)?.message ?? String(e), 'check the file and its folder and run the command again'];
  return new RepoError(`could not write ${file}: ${why}${code ? ` (${code})` : ''}; the file keeps its previous content`, hint, { cause: e });
}
