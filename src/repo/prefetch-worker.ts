/**
 * The source of the loader's helper thread (see `prefetchFs`): it walks each root depth-first in
 * name order (no dot folders, no symbolic links), reading every README.md (and WHATS-NEXT.md at
 * a root), posting batches and bumping a counter.
 *
 * A file is read only when it is still a regular file when opened (non-blocking, no link
 * followed) and at most maxBytes long, reading no more than its size + 1 bytes; any other file
 * (or one that changes size while read) is posted as a miss, and the main thread reads it
 * itself (and reports why it is refused). Each file goes with its stat key, taken before the
 * read; with readFiles false (the loader has a document cache) only the keys are posted (lstat,
 * nothing opened).
 *
 * Read-ahead is bounded: the bytes posted and not yet taken or dropped by the loader (slot 2 of
 * the shared counters) stay below `window` before each read; when they do not, the thread posts
 * what it has and sleeps until the loader has taken half of them. The loader sets slot 3 when it
 * is done, and the thread stops. Only node built-ins, so it runs from the TypeScript sources
 * under test as well as from dist/. (Scanning outlines there too was measured: cloning them back
 * cost more than it saved.)
 */
export const PREFETCH_WORKER = /* js */ `
const { workerData } = require('node:worker_threads');
const fs = require('node:fs');
const path = require('node:path');
const { root, roots, signal, port, maxBytes, readFiles, window } = workerData;
const keyOf = (st) => (st.isFile() ? [st.size, st.mtimeMs, st.ctimeMs, st.ino, st.dev] : null);
const FLAGS = fs.constants.O_RDONLY | fs.constants.O_NONBLOCK | fs.constants.O_NOFOLLOW;
const probe = Buffer.alloc(1);
const STOP = {};
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
// Wait (posting what is ready first) until the loader has taken half the window.
const room = () => {
  if (Atomics.load(signal, 2) >= window) {
    flush();
    for (let ahead = Atomics.load(signal, 2); ahead > window / 2; ahead = Atomics.load(signal, 2)) {
      if (Atomics.load(signal, 3) === 1) throw STOP;
      Atomics.wait(signal, 2, ahead, 100);
    }
  }
  if (Atomics.load(signal, 3) === 1) throw STOP;
};
// Listings and files are keyed by their root-relative paths, as the loader names them.
const walk = (dir, rel, depth) => {
  let entries;
  try { entries = fs.readdirSync(dir, { withFileTypes: true }); } catch { batch.push({ dir: rel, types: null }); return; }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  batch.push({ dir: rel, names: entries.map((e) => e.name), types: entries.map((e) => (e.isDirectory() ? 1 : e.isFile() ? 2 : e.isSymbolicLink() ? 3 : 0)) });
  for (const e of entries) {
    if (!e.isFile() || !(e.name === 'README.md' || (depth === 0 && e.name === 'WHATS-NEXT.md'))) continue;
    const file = path.join(dir, e.name);
    const key = rel + '/' + e.name;
    if (!readFiles) {
      let st = null;
      try { st = keyOf(fs.lstatSync(file)); } catch {}
      batch.push({ file: key, data: null, st, unread: true });
      continue;
    }
    room();
    const r = readBounded(file);
    if (r) { moved.push(r.buf.buffer); Atomics.add(signal, 2, r.buf.byteLength); }
    batch.push({ file: key, data: r ? r.buf : null, st: r ? r.st : null });
  }
  if (batch.length >= 48) flush();
  if (depth < 24) for (const e of entries) if (e.isDirectory() && !e.name.startsWith('.')) walk(path.join(dir, e.name), rel + '/' + e.name, depth + 1);
};
try { for (const r of roots) walk(path.join(root, r), r, 0); } catch (e) { if (e !== STOP) throw e; } finally { flush(); Atomics.store(signal, 1, 1); Atomics.add(signal, 0, 1); Atomics.notify(signal, 0); }
`;
