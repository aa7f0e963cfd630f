import { type Dirent, readdirSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { readIfPresent } from './refusal.js';
import { readWalked } from './read-walked.js';
import { READ_LIMITS } from './safe-read.js';
import { FEATURES_DIR, PLANS_DIR } from '../model/repository.js';
import { digest } from '../model/digest.js';
import type { RawPrints } from '../model/whats-next-state.js';
import { trackedPrint } from './tracked-print.js';
import { gitOutput } from './git-run.js';

/** The ledger, root-relative (CONTRACTS.md); same as `LEDGER_FILE` of repo/execution.ts, which loads yaml. */
const LEDGER = '.specscore/work-items.yaml';

function list(abs: string): Dirent[] {
  try {
    return readdirSync(abs, { withFileTypes: true });
  } catch {
    return [];
  }
}

/** Whether a root-relative folder really lies inside the root (it is not reached through a link out). */
function folderInside(root: string, rel: string): boolean {
  try {
    const real = realpathSync(path.join(root, rel));
    const realRoot = realpathSync(root);
    return real.startsWith(realRoot + path.sep);
  } catch {
    return false;
  }
}

/**
 * Text of a root-relative file met in the walk, as the loader reads it (regular files inside
 * the root, bounded), without a byte order mark; null when it is not read.
 */
function readText(root: string, rel: string): string | null {
  const r = readWalked(root, rel, READ_LIMITS.document);
  if (!r.ok) return null;
  const t = r.bytes.toString('utf8');
  return t.charCodeAt(0) === 0xfeff ? t.slice(1) : t;
}

/** Digest of a plan document's text: the same for the loader's decoded text and the raw file. */
export function contentDigest(text: string): string {
  return digest(text, 10);
}

/**
 * Content digest of every plan README below spec/plans/ (top-level plans and their children,
 * real folders only), read without parsing. At least as inclusive as the loader, so equal sets
 * of digests mean the loader would read the same documents. Only top-level plan folders are
 * listed (to find children); a child's README is read directly. Where the file system keeps the
 * POSIX count of subdirectories in a folder's link count (checked on spec/plans itself), a plan
 * folder with a link count of 2 has no child folders and is not listed either.
 */
export function scanPlanDigests(root: string): Map<string, string> {
  const out = new Map<string, string>();
  if (!folderInside(root, PLANS_DIR)) return out;
  const plansAbs = path.join(root, PLANS_DIR);
  const top = list(plansAbs).filter((e) => e.isDirectory());
  const countsSubdirs = top.length > 0 && linkCount(plansAbs) === 2 + top.length;
  const read = (abs: string, planPath: string): boolean => {
    const text = readText(root, `${PLANS_DIR}/${planPath}/README.md`);
    if (text === null) return false;
    out.set(planPath, contentDigest(text));
    return true;
  };
  for (const e of top) {
    if (e.name.startsWith('.')) continue;
    const abs = path.join(plansAbs, e.name);
    if (!read(abs, e.name)) continue;
    if (countsSubdirs && linkCount(abs) === 2) continue;
    for (const c of list(abs)) {
      if (c.isDirectory() && !c.name.startsWith('.') && c.name !== 'acs' && c.name !== 'reports') read(path.join(abs, c.name), `${e.name}/${c.name}`);
    }
  }
  return out;
}

function linkCount(abs: string): number {
  try {
    return statSync(abs).nlink;
  } catch {
    return -1;
  }
}

/** Digest of feature READMEs given as `[feature path, text]`. */
export function featureTextsDigest(features: Iterable<readonly [string, string]>): string {
  const rows: string[] = [];
  for (const [p, text] of features) rows.push(`${p}\u0000${digest(text)}`);
  return digest(rows.sort().join('\n'));
}

/**
 * Digest of every feature README, found as the loader walks them (no `_`/`.` folders; a
 * `proposals` folder below a feature holds proposals, not features), read without parsing.
 */
export function scanFeaturesDigest(root: string): string {
  const found: Array<[string, string]> = [];
  const walk = (abs: string, rel: string): void => {
    for (const e of list(abs)) {
      if (!e.isDirectory() || e.name.startsWith('_') || e.name.startsWith('.') || (rel && e.name === 'proposals')) continue;
      const childAbs = path.join(abs, e.name);
      const childRel = rel ? `${rel}/${e.name}` : e.name;
      const text = readText(root, `${FEATURES_DIR}/${childRel}/README.md`);
      if (text !== null) found.push([childRel, text]);
      walk(childAbs, childRel);
    }
  };
  if (folderInside(root, FEATURES_DIR)) walk(path.join(root, FEATURES_DIR), '');
  return featureTextsDigest(found);
}

/**
 * Digest of the ledger file's text; `-` when there is none, and `!` plus the reason when it is
 * there but refused (never equal to a recorded digest, so the full path reports it).
 */
export function ledgerDigest(root: string): string {
  const r = readIfPresent(root, LEDGER, READ_LIMITS.ledger);
  if (r === null) return '-';
  if (!r.ok) return `!${r.refusal.kind}`;
  const t = r.bytes.toString('utf8');
  return digest(t.charCodeAt(0) === 0xfeff ? t.slice(1) : t);
}

/**
 * Digest of every commit reachable from HEAD whose message mentions Plan-Step (any case), with its
 * trailer lines. Commits are immutable, so an equal digest means the trailer items are equal.
 * Runs git directly (no simple-git import on the fast path); `-` when git cannot be used.
 */
export async function trailersDigest(root: string): Promise<string> {
  const out = await gitOutput(root, [
    'log',
    '--no-color',
    '-i',
    '--grep=Plan-Step',
    '--format=%H%x1f%cs%x1f%(trailers:key=Plan-Step,unfold)%x1e',
    'HEAD',
    '--',
    '.',
  ]);
  return out === null ? '-' : digest(out);
}

/**
 * The raw digests of the current repository. The feature digest is computed from the texts the
 * loader read (the same walk and the same text as `scanFeaturesDigest`), so it is not read twice.
 * `trackedBefore` is the tracked print taken before the repository was read: the print is kept
 * only when it is the same after, so it stands for the texts this run read (`-`: none is taken).
 */
export async function rawPrints(root: string, features: () => Iterable<readonly [string, string]>, trackedBefore: string): Promise<RawPrints> {
  const pending = Promise.all([trailersDigest(root), trackedBefore === '-' ? '-' : trackedPrint(root)]);
  const ledger = ledgerDigest(root);
  const [trailers, tracked] = await pending; // the caller loads the repository meanwhile; `features` reads it after
  return { ledger, features: featureTextsDigest(features()), trailers, tracked: tracked === trackedBefore ? tracked : '-' };
}
