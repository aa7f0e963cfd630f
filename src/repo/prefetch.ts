import { type Dirent, lstatSync, readdirSync, type Stats } from 'node:fs';
import path from 'node:path';
import { MessageChannel, type MessagePort, receiveMessageOnPort, Worker } from 'node:worker_threads';
import { readWalked } from './read-walked.js';
import { READ_LIMITS, readInside, type ReadOutcome } from './safe-read.js';

/**
 * File access for the loader: directory listings (sorted by name) and document bytes. Two
 * implementations: direct synchronous calls, and a prefetcher that walks the same trees on a
 * worker thread, so that reading overlaps with parsing on the main thread. Results are identical;
 * only the time differs. Documents are read as `readInside` reads them: regular files inside the
 * root, at most `READ_LIMITS.document`, never waiting on a pipe or a device.
 */
export interface RepoFs {
  list(abs: string): Dirent[];
  /**
   * The stat key of a document by root-relative path, taken before its bytes are read (so a key
   * never describes newer content than `read` returns); null when it is not a regular file.
   */
  stat(rel: string): StatKey | null;
  /** A document by root-relative path. */
  read(rel: string): ReadOutcome;
  close(): void;
}

/** What identifies one version of a file without reading it: size, mtime, ctime (ms), inode, device. */
export type StatKey = readonly [size: number, mtimeMs: number, ctimeMs: number, ino: number, dev: number];

function keyOf(st: Stats): StatKey | null {
  return st.isFile() ? [st.size, st.mtimeMs, st.ctimeMs, st.ino, st.dev] : null;
}

function lstatKey(abs: string): StatKey | null {
  try {
    return keyOf(lstatSync(abs));
  } catch {
    return null;
  }
}

const byName = (a: { name: string }, b: { name: string }) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

/** Sorted listing, or [] when the folder cannot be read. */
function listSync(abs: string): Dirent[] {
  try {
    return readdirSync(abs, { withFileTypes: true }).sort(byName);
  } catch {
    return [];
  }
}

/** Plain synchronous file access below `root` (files met in real folders, see `readWalked`). */
export function directFs(root: string): RepoFs {
  return { list: listSync, stat: (rel) => lstatKey(path.join(root, rel)), read: (rel) => readWalked(root, rel, READ_LIMITS.document), close: () => {} };
}

// The worker: walks each root depth-first in name order (no dot folders, no symbolic links),
// reading every README.md (and WHATS-NEXT.md at a root), posting batches and bumping a counter.
// A file is read only when it is still a regular file when opened (non-blocking, no link
// followed) and at most maxBytes long, reading no more than its size + 1 bytes; any other file
// (or one that changes size while read) is posted as a miss, and the main thread reads it
// itself (and reports why it is refused).
// Only node built-ins, so it runs from the TypeScript sources under test as well as from dist/.
// (Scanning outlines there too was measured: cloning them back cost more than it saved.)
// Each file goes with its stat key, taken before the read; with readFiles false (the loader has
// a document cache) only the keys are posted (lstat, nothing opened).
const WORKER = /* js */ `
const { workerData } = require('node:worker_threads');
const fs = require('node:fs');
const path = require('node:path');
const { roots, signal, port, maxBytes, readFiles } = workerData;
const keyOf = (st) => (st.isFile() ? [st.size, st.mtimeMs, st.ctimeMs, st.ino, st.dev] : null);
const FLAGS = fs.constants.O_RDONLY | fs.constants.O_NONBLOCK | fs.constants.O_NOFOLLOW;
const probe = Buffer.alloc(1);
const readBounded = (file) => {
  let fd;
  try { fd = fs.openSync(file, FLAGS); } catch { return null; }
  try {
    const st = fs.fstatSync(fd);
    if (!st.isFile() || st.size > maxBytes) return null;
    // Unpooled and exact: its backing store is moved to the main thread, not copied.
    const buf = Buffer.allocUnsafeSlow(st.size);
    let off = 0;
    while (off < st.size) {
      const n = fs.readSync(fd, buf, off, st.size - off, null);
      if (n === 0) return null;
      off += n;
    }
    return fs.readSync(fd, probe, 0, 1, null) === 0 ? { buf, st: keyOf(st) } : null;
  } catch {
    return null;
  } finally {
    fs.closeSync(fd);
  }
};
let batch = [];
let moved = [];
const flush = () => {
  if (batch.length) { port.postMessage(batch, moved); batch = []; moved = []; }
  Atomics.add(signal, 0, 1);
  Atomics.notify(signal, 0);
};
const walk = (dir, depth) => {
  let entries;
  try { entries = fs.readdirSync(dir, { withFileTypes: true }); } catch { batch.push({ dir, types: null }); return; }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  batch.push({ dir, names: entries.map((e) => e.name), types: entries.map((e) => (e.isDirectory() ? 1 : e.isFile() ? 2 : e.isSymbolicLink() ? 3 : 0)) });
  for (const e of entries) {
    if (!e.isFile() || !(e.name === 'README.md' || (depth === 0 && e.name === 'WHATS-NEXT.md'))) continue;
    const file = path.join(dir, e.name);
    if (!readFiles) {
      let st = null;
      try { st = keyOf(fs.lstatSync(file)); } catch {}
      batch.push({ file, data: null, st, unread: true });
      continue;
    }
    const r = readBounded(file);
    if (r) moved.push(r.buf.buffer);
    batch.push({ file, data: r ? r.buf : null, st: r ? r.st : null });
  }
  if (batch.length >= 48) flush();
  if (depth < 24) for (const e of entries) if (e.isDirectory() && !e.name.startsWith('.')) walk(path.join(dir, e.name), depth + 1);
};
try { for (const r of roots) walk(r, 0); } finally { flush(); Atomics.store(signal, 1, 1); Atomics.add(signal, 0, 1); Atomics.notify(signal, 0); }
`;

/** A Dirent-shaped entry built from a prefetched listing. */
class Entry {
  constructor(
    readonly name: string,
    private readonly type: number,
    readonly parentPath: string,
  ) {}
  isDirectory(): boolean {
    return this.type === 1;
  }
  isFile(): boolean {
    return this.type === 2;
  }
  isSymbolicLink(): boolean {
    return this.type === 3;
  }
}

type Item = { dir: string; names?: string[]; types: number[] | null } | PrefetchedFile;
/** A README as the worker found it: its bytes and stat key (null: read it directly), or only its key. */
type PrefetchedFile = { file: string; data: Uint8Array | null; st: StatKey | null; unread?: true };

/**
 * Start prefetching `roots` (absolute folders below `root`) on a worker thread. The loader then
 * asks for listings and files in the same depth-first order; anything the worker does not
 * provide is read directly. With `readFiles` false the worker only walks and stats (the loader
 * reads what its cache does not hold). Call `close()` when done.
 */
export function prefetchFs(root: string, roots: string[], readFiles = true): RepoFs {
  const signal = new Int32Array(new SharedArrayBuffer(8));
  const { port1, port2 } = new MessageChannel();
  const maxBytes = READ_LIMITS.document;
  const worker = new Worker(WORKER, {
    eval: true,
    workerData: { roots, signal, port: port2, maxBytes, readFiles },
    transferList: [port2 as unknown as MessagePort],
  });
  worker.unref();
  const lists = new Map<string, Dirent[]>();
  const files = new Map<string, PrefetchedFile>();
  const drain = () => {
    for (let m = receiveMessageOnPort(port1); m; m = receiveMessageOnPort(port1)) {
      for (const item of m.message as Item[]) {
        if ('file' in item) files.set(item.file, item);
        else lists.set(item.dir, item.types === null ? [] : item.names!.map((n, i) => new Entry(n, item.types![i]!, item.dir) as unknown as Dirent));
      }
    }
  };
  let gaveUp = false;
  /**
   * Wait until `ready()` or the worker is done; true when ready. A worker that makes no progress
   * for 10 s (it could not start, or the disk hangs) is given up on: reads go direct from then on.
   */
  const waitFor = (ready: () => boolean): boolean => {
    let idleSince = Date.now();
    for (;;) {
      const seen = Atomics.load(signal, 0);
      drain();
      if (ready()) return true;
      if (gaveUp || Atomics.load(signal, 1) === 1) {
        drain();
        return ready();
      }
      if (Atomics.wait(signal, 0, seen, 200) === 'timed-out') {
        if (Date.now() - idleSince > 10_000) gaveUp = true;
      } else idleSince = Date.now();
    }
  };
  return {
    list(abs) {
      if (!waitFor(() => lists.has(abs))) return listSync(abs);
      const out = lists.get(abs)!;
      lists.delete(abs);
      return out;
    },
    stat(rel) {
      const abs = path.join(root, rel);
      if (!waitFor(() => files.has(abs))) return lstatKey(abs);
      const got = files.get(abs)!;
      // A file the worker could not read is stated here, before `read` reads it directly.
      return got.data === null && !got.unread ? lstatKey(abs) : got.st;
    },
    read(rel) {
      const abs = path.join(root, rel);
      if (!waitFor(() => files.has(abs))) return readWalked(root, rel, maxBytes);
      const got = files.get(abs)!;
      files.delete(abs);
      if (got.unread) return readWalked(root, rel, maxBytes);
      const data = got.data;
      return data === null ? readInside(root, rel, maxBytes) : { ok: true, bytes: Buffer.from(data.buffer, data.byteOffset, data.byteLength) };
    },
    close() {
      port1.close();
      void worker.terminate();
    },
  };
}
