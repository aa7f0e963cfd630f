import { type Dirent, readdirSync, readFileSync } from 'node:fs';
import { MessageChannel, type MessagePort, receiveMessageOnPort, Worker } from 'node:worker_threads';

/**
 * File access for the loader: directory listings (sorted by name) and file bytes. Two
 * implementations: direct synchronous calls, and a prefetcher that walks the same trees on a
 * worker thread, so that reading overlaps with parsing on the main thread. Results are identical;
 * only the time differs.
 */
export interface RepoFs {
  list(abs: string): Dirent[];
  read(abs: string): Uint8Array;
  close(): void;
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

/** Plain synchronous file access. */
export const directFs: RepoFs = { list: listSync, read: (abs) => readFileSync(abs), close: () => {} };

// The worker: walks each root depth-first in name order (no dot folders, no symbolic links),
// reading every README.md (and WHATS-NEXT.md at a root), posting batches and bumping a counter.
// Only node built-ins, so it runs from the TypeScript sources under test as well as from dist/.
// (Scanning outlines there too was measured: cloning them back cost more than it saved.)
const WORKER = /* js */ `
const { workerData } = require('node:worker_threads');
const fs = require('node:fs');
const path = require('node:path');
const { roots, signal, port } = workerData;
let batch = [];
const flush = () => {
  if (batch.length) { port.postMessage(batch); batch = []; }
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
    try { batch.push({ file, data: fs.readFileSync(file) }); } catch {}
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

type Item = { dir: string; names?: string[]; types: number[] | null } | { file: string; data: Uint8Array };

/**
 * Start prefetching `roots` (absolute folders) on a worker thread. The loader then asks for
 * listings and files in the same depth-first order; anything the worker does not provide is
 * read directly. Call `close()` when done.
 */
export function prefetchFs(roots: string[]): RepoFs {
  const signal = new Int32Array(new SharedArrayBuffer(8));
  const { port1, port2 } = new MessageChannel();
  const worker = new Worker(WORKER, { eval: true, workerData: { roots, signal, port: port2 }, transferList: [port2 as unknown as MessagePort] });
  worker.unref();
  const lists = new Map<string, Dirent[]>();
  const files = new Map<string, Uint8Array>();
  const drain = () => {
    for (let m = receiveMessageOnPort(port1); m; m = receiveMessageOnPort(port1)) {
      for (const item of m.message as Item[]) {
        if ('file' in item) files.set(item.file, item.data);
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
    read(abs) {
      if (!waitFor(() => files.has(abs))) return readFileSync(abs);
      const out = files.get(abs)!;
      files.delete(abs);
      return out;
    },
    close() {
      port1.close();
      void worker.terminate();
    },
  };
}
