import { lstatSync, type Stats } from 'node:fs';
import path from 'node:path';
import type { Diagnostic, Severity } from '../model/common.js';
import type { RepoFormat } from '../model/plan-format.js';
import { buildStamp, CACHE_DIR } from './cache-file.js';
import { contentHash, racilyClean, readOnlyCheckout, writeCacheFile } from './document-cache.js';
import { LEDGER_FILE } from './execution.js';
import { existsInside } from './load.js';
import type { StatKey } from './prefetch.js';
import { readIfPresent } from './refusal.js';
import { READ_LIMITS, readInside } from './safe-read.js';

/** The file of the lint state, in the document cache's folder (safe to delete, ignored by git). */
export const LINT_STATE_FILE = `${CACHE_DIR}/lint-state`;
const LAYOUT = 'specplan-lint-state';
const LAYOUT_VERSION = 1;
/** Largest lint state read; a larger one is ignored (the run lints from scratch). */
const MAX_STATE_BYTES = 128 * 1024 * 1024;

/** Where a plan sits in the tree, as the load that wrote the state found it, and the hash of its outline. */
export interface PlanRecord {
  path: string;
  file: string;
  parent: string | null;
  children: string[];
  extraFiles: string[];
  acs: string[];
  reports: string[];
  /** How the document was parsed (`plan`, `plan:specscore`, `plan:auto`). */
  how: string;
  /** Hash of what the repository rules see of the plan but its positions (`planOutlineText`). */
  outline: string;
  /**
   * The positions the repository rules read: JSON of `[key, line, column]` (`[key]` for a key
   * the plan did not have), or `*` and the hash of the whole listing when they read them all.
   */
  positions: string;
}

/** Numbers kept per folder: mtime, ctime, inode, device (ms and numbers as `lstat` gives them), and when they were seen. */
const FOLDER_FIELDS = 5;
/** Numbers kept per document: size, mtime, ctime, inode, device, and when they were seen. */
export const DOCUMENT_FIELDS = 6;

/**
 * What one `specplan lint` left for the next: what it read (each folder it listed and each
 * document with its stat key and hash, as of when it was seen), what its findings depended on
 * besides (the configuration, the ledger, the `Plan-Step:` trailers, every existence check of a
 * linked file, the repository's format) and its findings, apart by plan (see `LintUnits`).
 */
export interface LintState {
  /** A fingerprint of the configuration the findings were made under. */
  config: string;
  /** Hash of the ledger's bytes, or `absent`. */
  ledger: string;
  /** Hash of the `Plan-Step:` trailer items. */
  trailers: string;
  format: RepoFormat | null;
  folders: string[];
  /** `FOLDER_FIELDS` numbers per folder. */
  folderSeen: Float64Array;
  documents: string[];
  /** `DOCUMENT_FIELDS` numbers per document. */
  documentSeen: Float64Array;
  /** The SHA-1 of each document's bytes. */
  hashes: string[];
  exists: Array<[string, boolean]>;
  /** Each plan's file, and its `PlanRecord` as written by `planRecordText` (read only for a plan that changed: `planRecord`). */
  plans: Map<string, string>;
  /** The loader's `plan/unread-file` findings (file, message): lint refuses to lint such a file by name. */
  unread: Array<[string, string]>;
  documentFindings: Map<string, Diagnostic[]>;
  repositoryFindings: Diagnostic[];
}

/** A plan's record as the state keeps it: JSON of its fields but the file, in order. */
export function planRecordText(p: PlanRecord): string {
  return JSON.stringify([p.path, p.parent, p.children, p.extraFiles, p.acs, p.reports, p.how, p.outline, p.positions]);
}

/** The record of the plan in `file`, or null when there is none or it is not as written. */
export function planRecord(state: LintState, file: string): PlanRecord | null {
  const text = state.plans.get(file);
  if (text === undefined) return null;
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return null;
  }
  if (!Array.isArray(v) || v.length !== 9) return null;
  const [path, parent, children, extraFiles, acs, reports, how, outline, positions] = v as unknown[];
  const record = { path, file, parent, children, extraFiles, acs, reports, how, outline, positions };
  return isPlanRecord(record) ? record : null;
}

/** The fingerprint of the ledger as it is now: the hash of its bytes, `absent`, or null when it cannot be read. */
export function ledgerPrint(root: string): string | null {
  const read = readIfPresent(root, LEDGER_FILE, READ_LIMITS.ledger);
  if (read === null) return 'absent';
  return read.ok ? contentHash(read.bytes) : null;
}

/** A document that changed since the state was written: its bytes as read now, with the key taken before reading them. */
interface ChangedDocument {
  /** Its index in `state.documents`. */
  index: number;
  rel: string;
  bytes: Uint8Array;
  key: StatKey;
  hash: string;
}

/** What `changesSince` found. */
export interface Changes {
  changed: ChangedDocument[];
  /** Documents whose bytes are the same under a new stat key (or a racily clean one): index and key. */
  rekeyed: Array<{ index: number; key: StatKey }>;
}

/**
 * What changed under the root since `state` was written, judged by stat keys and (for racily
 * clean files and changed keys) content hashes. Null when the state cannot tell: a folder
 * changed (something was added, removed or renamed) or is racily clean, a document is gone or no
 * longer a regular file or cannot be read, a linked file appeared or disappeared, or the ledger
 * changed.
 */
export function changesSince(root: string, state: LintState): Changes | null {
  const seen = state.folderSeen;
  for (let i = 0; i < state.folders.length; i++) {
    const at = i * FOLDER_FIELDS;
    let st: Stats;
    try {
      st = lstatSync(`${root}/${state.folders[i]!}`);
    } catch {
      return null;
    }
    if (!st.isDirectory() || st.mtimeMs !== seen[at] || st.ctimeMs !== seen[at + 1] || st.ino !== seen[at + 2] || st.dev !== seen[at + 3]) return null;
    if (racilyClean(st.mtimeMs, st.ctimeMs, seen[at + 4]!)) return null;
  }
  const changed: ChangedDocument[] = [];
  const rekeyed: Array<{ index: number; key: StatKey }> = [];
  const ds = state.documentSeen;
  for (let i = 0; i < state.documents.length; i++) {
    const at = i * DOCUMENT_FIELDS;
    const rel = state.documents[i]!;
    let st: Stats;
    try {
      st = lstatSync(`${root}/${rel}`);
    } catch {
      return null;
    }
    if (!st.isFile()) return null;
    const same = st.size === ds[at] && st.mtimeMs === ds[at + 1] && st.ctimeMs === ds[at + 2] && st.ino === ds[at + 3] && st.dev === ds[at + 4];
    if (same && !racilyClean(st.mtimeMs, st.ctimeMs, ds[at + 5]!)) continue;
    const key: StatKey = [st.size, st.mtimeMs, st.ctimeMs, st.ino, st.dev];
    const read = readInside(root, rel, READ_LIMITS.document);
    if (!read.ok) return null;
    const hash = contentHash(read.bytes);
    if (hash === state.hashes[i]) rekeyed.push({ index: i, key });
    else changed.push({ index: i, rel, bytes: read.bytes, key, hash });
  }
  const exists = existsInside(root);
  for (const [rel, was] of state.exists) if (exists(rel) !== was) return null;
  if (ledgerPrint(root) !== state.ledger) return null;
  return { changed, rekeyed };
}

/** The state after a run that found `changes`, seen at `now`; `findings` replace those of the changed plans. */
export function withChanges(state: LintState, changes: Changes, findings: Map<string, Diagnostic[]>, now: number): LintState {
  const documentSeen = state.documentSeen.slice();
  const hashes = state.hashes.slice();
  const put = (index: number, key: StatKey) => {
    documentSeen.set(key, index * DOCUMENT_FIELDS);
    documentSeen[index * DOCUMENT_FIELDS + 5] = now;
  };
  for (const c of changes.changed) {
    put(c.index, c.key);
    hashes[c.index] = c.hash;
  }
  for (const r of changes.rekeyed) put(r.index, r.key);
  return { ...state, documentSeen, hashes, documentFindings: findings };
}

/** The stat keys of `folders` now (`FOLDER_FIELDS` numbers each, seen at `now`); null when one is not a real folder. */
export function folderSeen(root: string, folders: readonly string[], now: number): Float64Array | null {
  const out = new Float64Array(folders.length * FOLDER_FIELDS);
  for (let i = 0; i < folders.length; i++) {
    let st: Stats;
    try {
      st = lstatSync(path.join(root, folders[i]!));
    } catch {
      return null;
    }
    if (!st.isDirectory()) return null;
    out.set([st.mtimeMs, st.ctimeMs, st.ino, st.dev, now], i * FOLDER_FIELDS);
  }
  return out;
}

// ---- the file ----
//
// Layout: a 4-byte little-endian length N, N bytes of JSON (everything but the stat keys and the
// plan records; paths joined by NUL, which no path holds), zero bytes up to a multiple of 8, the
// stat keys as 64-bit floats (`FOLDER_FIELDS` per folder, then `DOCUMENT_FIELDS` per document),
// then the plan records, one per line. Both texts are ASCII (every other character escaped as
// JSON allows), so they are read back without decoding UTF-8, and the records are parsed only for
// a plan that changed.

type Row = [file: string, line: number, column: number, severity: number, rule: number, message: string];
const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];
const SEP = '\0';
const HASH_LENGTH = 40;

/** JSON text with every character past ASCII written as a `\\u` escape (the same JSON value). */
function ascii(json: string): string {
  return json.replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function encode(state: LintState): Buffer {
  const rules: string[] = [];
  const ruleNo = new Map<string, number>();
  const row = (d: Diagnostic): Row => {
    let r = ruleNo.get(d.rule);
    if (r === undefined) ruleNo.set(d.rule, (r = rules.push(d.rule) - 1));
    return [d.file, d.line, d.column, SEVERITIES.indexOf(d.severity), r, d.message];
  };
  const documentIndex = new Map(state.documents.map((rel, i) => [rel, i]));
  const documentFindings = [...state.documentFindings].map(([file, list]) => [documentIndex.get(file) ?? -1, list.map(row)]);
  const repositoryFindings = state.repositoryFindings.map(row);
  const header = ascii(
    JSON.stringify({
      layout: LAYOUT,
      version: LAYOUT_VERSION,
      build: buildStamp(),
      config: state.config,
      ledger: state.ledger,
      trailers: state.trailers,
      format: state.format,
      folders: state.folders.join(SEP),
      documents: state.documents.join(SEP),
      hashes: state.hashes.join(''),
      exists: state.exists,
      planDocuments: [...state.plans.keys()].map((file) => documentIndex.get(file) ?? -1),
      unread: state.unread,
      rules,
      documentFindings,
      repositoryFindings,
    }),
  );
  const records = ascii([...state.plans.values()].join('\n'));
  const start = Math.ceil((4 + header.length) / 8) * 8;
  const count = state.folderSeen.length + state.documentSeen.length;
  const out = Buffer.alloc(start + count * 8 + records.length);
  out.writeUInt32LE(header.length, 0);
  out.write(header, 4, 'latin1');
  const keys = new Float64Array(out.buffer, out.byteOffset + start, count);
  keys.set(state.folderSeen, 0);
  keys.set(state.documentSeen, state.folderSeen.length);
  out.write(records, start + count * 8, 'latin1');
  return out;
}

const isString = (v: unknown): v is string => typeof v === 'string';
const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isStrings = (v: unknown): v is string[] => Array.isArray(v) && v.every(isString);
const split = (joined: string): string[] => (joined === '' ? [] : joined.split(SEP));

function isPlanRecord(v: unknown): v is PlanRecord {
  if (typeof v !== 'object' || v === null) return false;
  const p = v as Record<string, unknown>;
  return (
    isString(p.path) &&
    isString(p.file) &&
    (p.parent === null || isString(p.parent)) &&
    isStrings(p.children) &&
    isStrings(p.extraFiles) &&
    isStrings(p.acs) &&
    isStrings(p.reports) &&
    isString(p.how) &&
    isString(p.outline) &&
    isString(p.positions)
  );
}

function isFormat(v: unknown): v is RepoFormat | null {
  if (v === null) return true;
  if (typeof v !== 'object') return false;
  const f = v as Record<string, unknown>;
  return (f.format === 'seed' || f.format === 'specscore') && isString(f.source);
}

/** The state from its bytes, or null when anything about it is not as `encode` writes it. */
function decode(bytes: Buffer): LintState | null {
  if (bytes.length < 4) return null;
  const n = bytes.readUInt32LE(0);
  const start = Math.ceil((4 + n) / 8) * 8;
  if (start > bytes.length) return null;
  let v: Record<string, unknown>;
  try {
    v = JSON.parse(bytes.toString('latin1', 4, 4 + n)) as Record<string, unknown>;
  } catch {
    return null;
  }
  if (typeof v !== 'object' || v === null || v.layout !== LAYOUT || v.version !== LAYOUT_VERSION || v.build !== buildStamp()) return null;
  const { config, ledger, trailers, format, exists, planDocuments, unread, rules } = v;
  if (!isString(config) || !isString(ledger) || !isString(trailers) || !isFormat(format) || !isStrings(rules)) return null;
  if (!isString(v.folders) || !isString(v.documents) || !isString(v.hashes)) return null;
  const folders = split(v.folders);
  const documents = split(v.documents);
  const documentAt = (i: unknown): string | null => (typeof i === 'number' && Number.isInteger(i) ? (documents[i] ?? null) : null);
  if (!Array.isArray(planDocuments)) return null;
  const files = planDocuments.map(documentAt);
  const count = folders.length * FOLDER_FIELDS + documents.length * DOCUMENT_FIELDS;
  if (start + count * 8 > bytes.length) return null;
  const records = bytes.length > start + count * 8 ? bytes.toString('latin1', start + count * 8).split('\n') : [];
  if (v.hashes.length !== documents.length * HASH_LENGTH || files.length !== records.length) return null;
  if (!Array.isArray(exists) || !exists.every((e) => Array.isArray(e) && e.length === 2 && isString(e[0]) && typeof e[1] === 'boolean')) return null;
  if (!Array.isArray(unread) || !unread.every((e) => Array.isArray(e) && e.length === 2 && isString(e[0]) && isString(e[1]))) return null;
  const diagnostic = (r: unknown): Diagnostic | null => {
    if (!Array.isArray(r) || r.length !== 6) return null;
    const [file, line, column, sev, rule, message] = r as unknown[];
    const severity = SEVERITIES[sev as number];
    const name = rules[rule as number];
    if (!isString(file) || !isNumber(line) || !isNumber(column) || !severity || !name || !isString(message)) return null;
    return { file, line, column, severity, rule: name, message };
  };
  const list = (rows: unknown): Diagnostic[] | null => {
    if (!Array.isArray(rows)) return null;
    const out: Diagnostic[] = [];
    for (const r of rows) {
      const d = diagnostic(r);
      if (!d) return null;
      out.push(d);
    }
    return out;
  };
  const repositoryFindings = list(v.repositoryFindings);
  if (!repositoryFindings || !Array.isArray(v.documentFindings)) return null;
  const documentFindings = new Map<string, Diagnostic[]>();
  for (const e of v.documentFindings as unknown[]) {
    const file = Array.isArray(e) && e.length === 2 ? documentAt(e[0]) : null;
    const l = file === null ? null : list((e as unknown[])[1]);
    if (file === null || !l || documentFindings.has(file)) return null;
    documentFindings.set(file, l);
  }
  const known = new Set(documents);
  const planMap = new Map<string, string>();
  for (let i = 0; i < files.length; i++) {
    // Every plan is a document read, and has findings of its own (possibly none).
    const file = files[i];
    if (file === null || file === undefined || !documentFindings.has(file) || planMap.has(file)) return null;
    planMap.set(file, records[i]!);
  }
  if (known.size !== documents.length || documentFindings.size !== planMap.size) return null;
  // The keys, copied out of the file's buffer (which need not be aligned for a view).
  const keys = new Float64Array(count);
  new Uint8Array(keys.buffer).set(bytes.subarray(start, start + count * 8));
  const folderSeen = keys.subarray(0, folders.length * FOLDER_FIELDS);
  const documentSeen = keys.subarray(folders.length * FOLDER_FIELDS);
  const hashes: string[] = new Array(documents.length);
  for (let i = 0; i < documents.length; i++) hashes[i] = v.hashes.slice(i * HASH_LENGTH, (i + 1) * HASH_LENGTH);
  return {
    config,
    ledger,
    trailers,
    format,
    folders,
    folderSeen,
    documents,
    documentSeen,
    hashes,
    exists: exists as Array<[string, boolean]>,
    plans: planMap,
    unread: unread as Array<[string, string]>,
    documentFindings,
    repositoryFindings,
  };
}

/**
 * The lint state of `root` (absolute), or null when there is none, or it is damaged, too large,
 * in a linked folder, or written by another build. Never an error: without it, lint lints from
 * scratch.
 */
export function readLintState(root: string): LintState | null {
  const read = readInside(root, LINT_STATE_FILE, MAX_STATE_BYTES);
  return read.ok ? decode(read.bytes) : null;
}

/**
 * Write the lint state of `root` through the one write path (atomic, never through a link), in
 * a checkout someone may write to. A state that cannot be written is not written: it only saves
 * time.
 */
export function saveLintState(root: string, state: LintState): void {
  if (readOnlyCheckout(root)) return;
  try {
    writeCacheFile(root, LINT_STATE_FILE, encode(state));
  } catch {
    // nothing to do: the next run lints from scratch
  }
}
