import { type Dirent, lstatSync, readdirSync, type Stats } from 'node:fs';
import path from 'node:path';
import { MessageChannel, type MessagePort, receiveMessageOnPort, Worker } from 'node:worker_threads';
import { PREFETCH_WORKER } from './prefetch-worker.js';
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
  /** A folder's entries by root-relative path (sorted by name; only name and type are read). */
  list(rel: string): Dirent[];
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

/** The stat key of a regular file's stats; null for anything else. */
export function keyOf(st: Stats): StatKey | null {
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

/**
 * `root` joined with a clean relative path built from folder entries (no `.`, `..` or empty
 * segments): on POSIX the same as `path.join`, without its normalising pass.
 */
function under(root: string, rel: string): string {
  if (path.sep !== '/') return path.join(root, rel);
  return root.endsWith('/') ? root + rel : `${root}/${rel}`;
}

/** Plain synchronous file access below `root` (files met in real folders, see `readWalked`). */
export function directFs(root: string): RepoFs {
  return {
    list: (rel) => listSync(under(root, rel)),
    stat: (rel) => lstatKey(under(root, rel)),
    read: (rel) => readWalked(root, rel, READ_LIMITS.document),
    close: () => {},
  };
}

/** A Dirent-shaped entry built from a prefetched listing (the name and the type, which the loader reads). */
class Entry {
  constructor(
    readonly name: string,
    private readonly type: number,
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
/** A prefetched file held for the loader, with its place in the worker's order. */
type Held = PrefetchedFile & { seq: number };

/** How many bytes the helper thread may read ahead of the loader. */
const READ_AHEAD_BYTES = 4 * 1024 * 1024;

/**
 * Start prefetching `roots` (root-relative folders of `root`) on a worker thread. The loader then
 * asks for listings and files in the same depth-first order; anything the worker does not
 * provide is read directly. With `readFiles` false the worker only walks and stats (the loader
 * reads what its cache does not hold). The worker reads at most `window` bytes ahead of the
 * loader: a file the loader takes, or passes by, frees its share. Call `close()` when done.
 */
export function prefetchFs(root: string, roots: readonly string[], readFiles = true, window = READ_AHEAD_BYTES): RepoFs {
  // Counters shared with the worker: progress, done, bytes ahead of the loader, stop.
  const signal = new Int32Array(new SharedArrayBuffer(16));
  const { port1, port2 } = new MessageChannel();
  const maxBytes = READ_LIMITS.document;
  const worker = new Worker(PREFETCH_WORKER, {
    eval: true,
    workerData: { root, roots, signal, port: port2, maxBytes, readFiles, window },
    transferList: [port2 as unknown as MessagePort],
  });
  worker.unref();
  // A worker that fails leaves its files to direct reads (after its last batch, or the give-up below).
  worker.on('error', () => {});
  const lists = new Map<string, Dirent[]>();
  const files = new Map<string, Held>();
  // Files in the order the worker posted them; those before `next` are taken or dropped.
  const order: string[] = [];
  let next = 0;
  // Files dropped unread: the loader reads them directly if it asks after all.
  const dropped = new Set<string>();
  const release = (got: Held) => {
    const n = got.data?.byteLength ?? 0;
    if (n === 0) return;
    // The worker waits for half the window: wake it when that is crossed.
    const ahead = Atomics.sub(signal, 2, n);
    if (ahead > window / 2 && ahead - n <= window / 2) Atomics.notify(signal, 2);
  };
  /** Drop the files held before position `upTo` (the loader went past them). */
  const dropBefore = (upTo: number) => {
    for (; next < upTo; next++) {
      const rel = order[next]!;
      const got = files.get(rel);
      if (got?.seq !== next) continue;
      files.delete(rel);
      dropped.add(rel);
      release(got);
    }
  };
  const drain = () => {
    for (let m = receiveMessageOnPort(port1); m; m = receiveMessageOnPort(port1)) {
      for (const item of m.message as Item[]) {
        if ('file' in item) {
          files.set(item.file, { ...item, seq: order.length });
          order.push(item.file);
        } else lists.set(item.dir, item.types === null ? [] : item.names!.map((n, i) => new Entry(n, item.types![i]!) as unknown as Dirent));
      }
    }
  };
  let gaveUp = false;
  /**
   * Wait until `ready()` or the worker is done; true when ready. What the worker posted before
   * something the loader waits for, the loader has gone past: it is dropped, so the worker reads
   * on. A worker that makes no progress for 10 s (it could not start, or the disk hangs) is given
   * up on: reads go direct from then on.
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
      dropBefore(order.length);
      if (Atomics.wait(signal, 0, seen, 200) === 'timed-out') {
        if (Date.now() - idleSince > 10_000) gaveUp = true;
      } else idleSince = Date.now();
    }
  };
  /** The worker's file, waiting for it; null when it will not come (read directly). */
  const held = (rel: string): Held | null => (dropped.has(rel) || !waitFor(() => files.has(rel)) ? null : files.get(rel)!);
  return {
    list(rel) {
      if (!waitFor(() => lists.has(rel))) return listSync(under(root, rel));
      const out = lists.get(rel)!;
      lists.delete(rel);
      return out;
    },
    stat(rel) {
      const got = held(rel);
      // A file the worker could not read is stated here, before `read` reads it directly.
      return !got || (got.data === null && !got.unread) ? lstatKey(under(root, rel)) : got.st;
    },
    read(rel) {
      const got = held(rel);
      if (!got) return readWalked(root, rel, maxBytes);
      dropBefore(got.seq);
      files.delete(rel);
      dropped.add(rel);
      release(got);
      if (got.unread) return readWalked(root, rel, maxBytes);
      const data = got.data;
      return data === null ? readInside(root, rel, maxBytes) : { ok: true, bytes: Buffer.from(data.buffer, data.byteOffset, data.byteLength) };
    },
    close() {
      Atomics.store(signal, 3, 1);
      Atomics.notify(signal, 2);
      port1.close();
      void worker.terminate();
    },
  };
}
