import { statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import v8 from 'node:v8';
import type { Diagnostic } from '../model/common.js';
import { Positions } from '../model/positions.js';
import { packageVersion } from './package-info.js';

/** The folder of the document cache, below the root. Safe to delete at any time. */
export const CACHE_DIR = '.specscore/cache';

/**
 * The layout of a cache file. Raise it whenever the entry tuple or the parsed models change
 * shape; a cache file of another layout, package version or build is ignored and replaced.
 */
const CACHE_FORMAT = 2;

/**
 * One cached document: the stat key of the file it was read from (size, mtime, ctime, inode,
 * device), the SHA-1 of its bytes, and what reading produced: the decoded text (null when the
 * bytes could not be decoded), the decoding findings and the parsed model.
 */
export interface CachedDocument {
  rel: string;
  /** `kind` plus the parse hint (`plan:specscore`): a document parsed otherwise is not reused. */
  how: string;
  size: number;
  mtimeMs: number;
  ctimeMs: number;
  ino: number;
  dev: number;
  hash: string;
  text: string | null;
  findings: Diagnostic[];
  parsed: unknown;
}

/** A shard file of the cache as read: its entries and when the run that wrote it started. */
export interface CacheShard {
  name: string;
  shards: number;
  verifiedAt: number;
  entries: CachedDocument[];
}

const MAGIC = 'specplan-document-cache';
const SHARD_NAME = /^documents-(\d{1,3})-(\d{1,3})\.bin$/;

let build: string | null = null;

/** Set by the bundler: one id per build of the bins, shared by their bundles. Absent in a module compiled on its own. */
declare const __SPECPLAN_BUILD__: string | undefined;

/**
 * What must be equal for a cache to be used: the layout, the package version and this build of
 * the code (the bundles' build id, else size and time of the module file), so a rebuilt parser
 * never meets models of the old one.
 */
export function buildStamp(): string {
  if (build === null) {
    let code = 'unknown';
    if (typeof __SPECPLAN_BUILD__ === 'string') code = `build ${__SPECPLAN_BUILD__}`;
    else
      try {
        const st = statSync(fileURLToPath(import.meta.url));
        code = `${st.size}.${Math.trunc(st.mtimeMs)}`;
      } catch {
        // no file behind the module: the package version still keys the cache
      }
    build = `${CACHE_FORMAT} ${packageVersion()} ${code}`;
  }
  return build;
}

/** The file name of shard `index` of `shards`. */
export function shardName(shards: number, index: number): string {
  return `documents-${shards}-${index}.bin`;
}

/** `[shards, index]` of a shard file name, or null for any other name. */
export function shardOf(name: string): [number, number] | null {
  const m = SHARD_NAME.exec(name);
  if (!m) return null;
  const shards = Number(m[1]);
  const index = Number(m[2]);
  return shards >= 1 && index < shards ? [shards, index] : null;
}

/**
 * A shard file's bytes: one header line (layout, version, build, shard, start time), then the
 * entries. The position tables of plans (hundreds of small objects each, most of the cost of
 * deserialising a model) are stored packed: key numbers into one key list, lines and columns.
 */
export function encodeShard(shards: number, index: number, verifiedAt: number, entries: readonly CachedDocument[]): Buffer {
  const keys = new Map<string, number>();
  const tuples = entries.map((e) => {
    const packed = packPositions(e.parsed, keys);
    const parsed = packed ? { ...(e.parsed as object), positions: null } : e.parsed;
    return [e.rel, e.how, e.size, e.mtimeMs, e.ctimeMs, e.ino, e.dev, e.hash, e.text, e.findings, parsed, packed];
  });
  const header = Buffer.from(`${MAGIC} ${buildStamp()} ${shards} ${index} ${verifiedAt}\n`, 'utf8');
  return Buffer.concat([header, v8.serialize([[...keys.keys()], tuples])]);
}

/** `positions` of a parsed model as [key number, line, column]…, or null when it has no position table. */
function packPositions(parsed: unknown, keys: Map<string, number>): Int32Array | null {
  const positions = parsed !== null && typeof parsed === 'object' ? (parsed as { positions?: unknown }).positions : undefined;
  if (!(positions instanceof Positions)) return null;
  const out: number[] = [];
  for (const [key, at] of positions.entries()) {
    let k = keys.get(key);
    if (k === undefined) keys.set(key, (k = keys.size));
    out.push(k, at.line, at.column);
  }
  return Int32Array.from(out);
}

/**
 * Give `parsed` its `positions` back from the packed table, built the first time it is read (a
 * command that reports nothing in a plan never builds that plan's table).
 */
function unpackPositions(parsed: object, packed: Int32Array, keys: readonly string[]): void {
  let value: Positions | undefined;
  Object.defineProperty(parsed, 'positions', {
    enumerable: true,
    configurable: true,
    get() {
      if (!value) {
        value = new Positions();
        for (let i = 0; i < packed.length; i += 3) value.set(keys[packed[i]!]!, packed[i + 1]!, packed[i + 2]!);
        value.seal();
      }
      return value;
    },
    set(v: Positions) {
      value = v;
    },
  });
}

const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isFinding = (v: unknown): v is Diagnostic => {
  if (v === null || typeof v !== 'object') return false;
  const d = v as Record<string, unknown>;
  return (
    typeof d.file === 'string' &&
    isNum(d.line) &&
    isNum(d.column) &&
    (d.severity === 'error' || d.severity === 'warning' || d.severity === 'info') &&
    typeof d.rule === 'string' &&
    typeof d.message === 'string'
  );
};

/** One entry tuple checked field by field (`keys`: the shard's position keys), or null. */
function entryOf(t: unknown, keys: readonly string[]): CachedDocument | null {
  if (!Array.isArray(t) || t.length !== 12) return null;
  const [rel, how, size, mtimeMs, ctimeMs, ino, dev, hash, text, findings, parsed, packed] = t as unknown[];
  if (typeof rel !== 'string' || typeof how !== 'string' || typeof hash !== 'string') return null;
  if (!isNum(size) || !isNum(mtimeMs) || !isNum(ctimeMs) || !isNum(ino) || !isNum(dev)) return null;
  if (text !== null && typeof text !== 'string') return null;
  if (!Array.isArray(findings) || !findings.every((f) => isFinding(f) && f.file === rel)) return null;
  if (text !== null && (parsed === null || typeof parsed !== 'object') && how !== 'whats-next') return null;
  if (packed !== null) {
    if (!(packed instanceof Int32Array) || packed.length % 3 !== 0 || parsed === null || typeof parsed !== 'object') return null;
    if ((parsed as { positions?: unknown }).positions !== null) return null;
    for (let i = 0; i < packed.length; i += 3) if (packed[i]! < 0 || packed[i]! >= keys.length) return null;
    unpackPositions(parsed, packed, keys);
  }
  return { rel, how, size, mtimeMs, ctimeMs, ino, dev, hash, text, findings, parsed };
}

/**
 * A shard file's entries, or null when it is not a cache of this layout, version and build, or
 * is damaged in any way (truncated, garbage, wrong shape): the caller then reads the files.
 */
export function decodeShard(name: string, bytes: Buffer): CacheShard | null {
  const at = shardOf(name);
  if (!at) return null;
  const nl = bytes.indexOf(10);
  if (nl < 0 || nl > 300) return null;
  const header = bytes.subarray(0, nl).toString('utf8');
  const prefix = `${MAGIC} ${buildStamp()} ${at[0]} ${at[1]} `;
  if (!header.startsWith(prefix)) return null;
  const verifiedAt = Number(header.slice(prefix.length));
  if (!Number.isSafeInteger(verifiedAt) || verifiedAt <= 0) return null;
  let payload: unknown;
  try {
    payload = v8.deserialize(bytes.subarray(nl + 1));
  } catch {
    return null;
  }
  if (!Array.isArray(payload) || payload.length !== 2) return null;
  const [keys, tuples] = payload as unknown[];
  if (!Array.isArray(keys) || !keys.every((k) => typeof k === 'string') || !Array.isArray(tuples)) return null;
  const entries: CachedDocument[] = [];
  for (const t of tuples) {
    const e = entryOf(t, keys as string[]);
    if (!e) return null;
    entries.push(e);
  }
  return { name, shards: at[0], verifiedAt, entries };
}
