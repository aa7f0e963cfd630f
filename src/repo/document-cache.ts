import { lstatSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { hexDigest } from '../model/digest.js';
import { CACHE_DIR, type CachedDocument, type CacheShard, decodeShard, encodeShard, shardName, shardOf } from './cache-file.js';
import type { StatKey } from './prefetch.js';
import { readInside } from './safe-read.js';
import { lstatOrNull } from './safe-write.js';
import { removeRepoFile, writeRepoFile } from './write.js';

/** How a load uses the document cache: not at all, reading it, or reading and updating it. */
export type CacheUse = 'off' | 'read' | 'write';

/** Largest cache shard file read; a larger one is ignored (the documents are read instead). */
const MAX_SHARD_BYTES = 256 * 1024 * 1024;
/**
 * A file whose mtime or ctime is this close to (or after) the start of the run that cached it
 * is "racily clean": its stat may not show a change made in the same clock tick, so its bytes
 * are read and compared by hash. Two seconds covers file systems that keep whole seconds (or two).
 */
const RACY_MARGIN_MS = 2000;

/** Whether a stat with this mtime and ctime, taken by a run that started at `verifiedAt`, may hide a change made in the same clock tick. */
export function racilyClean(mtimeMs: number, ctimeMs: number, verifiedAt: number): boolean {
  return Math.max(mtimeMs, ctimeMs) >= verifiedAt - RACY_MARGIN_MS;
}
/** Documents per shard file aimed at: a change rewrites one shard, not the whole cache. */
const DOCUMENTS_PER_SHARD = 256;
const MAX_SHARDS = 64;

/** The cache use of a load: `SPECPLAN_CACHE=0` and `planning.cache: false` turn it off. */
export function effectiveCacheUse(requested: CacheUse, configured: boolean): CacheUse {
  return process.env.SPECPLAN_CACHE === '0' || !configured ? 'off' : requested;
}

/** The SHA-1 of a document's bytes (or of a text, as UTF-8), as the cache keeps it. */
export function contentHash(bytes: Uint8Array | string): string {
  return hexDigest('sha1', bytes);
}

/** A real folder (not a link) at `abs`. */
function isRealFolder(abs: string): boolean {
  try {
    return lstatSync(abs).isDirectory();
  } catch {
    return false;
  }
}

/** The shard of `rel` among `shards` (FNV-1a of the path). */
function shardIndex(rel: string, shards: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < rel.length; i++) h = Math.imul(h ^ rel.charCodeAt(i), 0x01000193);
  return (h >>> 0) % shards;
}

/** How many shards a cache of `count` documents has: a power of two, 1 to 64. */
function shardCount(count: number): number {
  let n = 1;
  while (n < MAX_SHARDS && n * DOCUMENTS_PER_SHARD < count) n *= 2;
  return n;
}

/**
 * The persistent cache of read documents under `.specscore/cache/` for one load of the
 * repository. A document is taken from the cache without reading the file only when its stat
 * key (size, mtime, ctime, inode, device) equals the one cached and the file is not racily
 * clean; a racily clean file is read, and its entry reused only when the content hash matches;
 * a file whose stat differs is read and parsed. Every problem with the cache (missing, damaged, of another version, unreadable, in a
 * linked folder) makes it empty: the load reads the files, never fails and never differs.
 */
/**
 * Repositories with more documents than this keep no cache: measured, a warm cache saves about a
 * seventh of a lint's CPU at 3,000 documents and nothing at 12,000, where turning the cache back
 * into models costs as much as parsing and holds 120 MB more.
 */
const MAX_CACHED_DOCUMENTS = 5_000;

/**
 * A checkout whose root folder nobody may write to (mode without any write bit: a read-only
 * copy, a mounted corpus) keeps no cache, even for a user such as root whom the mode does not
 * stop: a command that only reads must not add files there.
 */
export function readOnlyCheckout(root: string): boolean {
  const st = lstatOrNull(root);
  return st === null || (st.mode & 0o222) === 0;
}

export class DocumentCache {
  private readonly startedAt = Date.now();
  private readonly cached = new Map<string, { doc: CachedDocument; verifiedAt: number }>();
  private readonly shards: CacheShard[] = [];
  private readonly seen = new Map<string, CachedDocument>();
  private names: string[] = [];

  private constructor(
    private readonly root: string,
    readonly use: CacheUse,
  ) {}

  /**
   * Open the cache of `root` (absolute) for a load that uses it as `use`: only its folder is
   * listed here; `read` reads the shards (so the loader can start walking the trees first).
   */
  static open(root: string, use: CacheUse): DocumentCache {
    const cache = new DocumentCache(root, use);
    if (use !== 'off' && isRealFolder(path.join(root, '.specscore')) && isRealFolder(path.join(root, CACHE_DIR))) {
      try {
        cache.names = readdirSync(path.join(root, CACHE_DIR))
          .filter((n) => shardOf(n) !== null)
          .sort();
      } catch {
        // no cache to read
      }
    }
    return cache;
  }

  /** Whether there are cache files (the loader then reads only what changed). */
  get warm(): boolean {
    return this.names.length > 0;
  }

  /**
   * Whether a document read now is worth its stat key, content hash and record: false when the
   * cache is off, and once more documents were read than a cache may hold (nothing is written
   * then but the removal of a cache written while the repository was smaller).
   */
  get recording(): boolean {
    return this.use !== 'off' && this.seen.size <= MAX_CACHED_DOCUMENTS;
  }

  /** Read the shard files listed by `open`; damaged or foreign ones are skipped. */
  read(): void {
    const twice = new Set<string>();
    for (const name of this.names) {
      const read = readInside(this.root, `${CACHE_DIR}/${name}`, MAX_SHARD_BYTES);
      const shard = read.ok ? decodeShard(name, read.bytes) : null;
      if (!shard) continue;
      this.shards.push(shard);
      for (const doc of shard.entries) {
        if (this.cached.has(doc.rel)) twice.add(doc.rel);
        else this.cached.set(doc.rel, { doc, verifiedAt: shard.verifiedAt });
      }
    }
    // A document in two shards is trusted in neither.
    for (const rel of twice) this.cached.delete(rel);
  }

  /**
   * The cached document `rel` parsed as `how` when the file's stat `key` is the cached one and
   * the file is not racily clean: its text and model can be used without reading the file.
   */
  fresh(rel: string, how: string, key: StatKey): CachedDocument | null {
    const c = this.matching(rel, how, key);
    if (!c || racilyClean(key[1], key[2], c.verifiedAt)) return null;
    this.seen.set(rel, c.doc);
    return c.doc;
  }

  /**
   * The cached document `rel` when its whole stat key matches but the file is racily clean, and
   * the bytes just read have the cached hash: its model stands for them. An entry whose key
   * differs is never used, whatever hash it claims: only the file's stat proves this cache
   * recorded it.
   */
  sameContent(rel: string, how: string, key: StatKey, hash: string): CachedDocument | null {
    const c = this.matching(rel, how, key);
    return c && c.doc.hash === hash ? c.doc : null;
  }

  private matching(rel: string, how: string, key: StatKey): { doc: CachedDocument; verifiedAt: number } | null {
    const c = this.cached.get(rel);
    if (!c || c.doc.how !== how) return null;
    const d = c.doc;
    const [size, mtimeMs, ctimeMs, ino, dev] = key;
    return d.size === size && d.mtimeMs === mtimeMs && d.ctimeMs === ctimeMs && d.ino === ino && d.dev === dev ? c : null;
  }

  /** Remember what this load read from `rel`, for the cache written after it. */
  record(doc: CachedDocument): void {
    this.seen.set(doc.rel, doc);
  }

  /**
   * Write the shards that changed (a document added, changed or gone), after a successful load
   * and only when the cache is used for writing. Writes go through the one write path (never
   * through a link, atomic); any failure (a read-only checkout, a linked folder) is ignored.
   */
  save(): void {
    if (this.use !== 'write' || readOnlyCheckout(this.root)) return;
    try {
      this.write();
    } catch {
      // The cache is an optimisation: a cache that cannot be written is simply not written.
    }
  }

  private write(): void {
    if (this.seen.size === 0 && this.names.length === 0) return;
    if (this.seen.size > MAX_CACHED_DOCUMENTS) {
      // Too large to pay: a cache written while the repository was smaller is removed.
      for (const name of this.names) removeRepoFile(this.root, `${CACHE_DIR}/${name}`);
      return;
    }
    const n = shardCount(this.seen.size);
    const groups: CachedDocument[][] = Array.from({ length: n }, () => []);
    for (const doc of this.seen.values()) groups[shardIndex(doc.rel, n)]!.push(doc);
    const byName = new Map(this.shards.map((s) => [s.name, s]));
    const dirty: number[] = [];
    for (let i = 0; i < n; i++) {
      const before = byName.get(shardName(n, i));
      const now = groups[i]!;
      const same = before !== undefined && before.entries.length === now.length && now.every((d) => this.cached.get(d.rel)?.doc === d);
      if (!same) dirty.push(i);
    }
    let stale: string[] = [];
    try {
      stale = readdirSync(path.join(this.root, CACHE_DIR)).filter((name) => {
        const at = shardOf(name);
        return at !== null && at[0] !== n;
      });
    } catch {
      // no folder yet
    }
    if (dirty.length === 0 && stale.length === 0) return;
    for (const i of dirty) writeCacheFile(this.root, `${CACHE_DIR}/${shardName(n, i)}`, encodeShard(n, i, this.startedAt, groups[i]!));
    for (const name of stale) removeRepoFile(this.root, `${CACHE_DIR}/${name}`);
  }
}

/**
 * Write one file of the cache folder (root-relative `rel` below it) through the one write path:
 * atomically, never through a link; the folder is ignored by git whatever the repository's own
 * .gitignore says. Throws when it cannot be written.
 */
export function writeCacheFile(root: string, rel: string, content: string | Uint8Array): void {
  if (lstatOrNull(path.join(root, CACHE_DIR, '.gitignore')) === null) writeRepoFile(root, `${CACHE_DIR}/.gitignore`, '*\n');
  writeRepoFile(root, rel, content);
}
