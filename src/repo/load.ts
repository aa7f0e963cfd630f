import { type Dirent, existsSync, readdirSync, realpathSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Diagnostic } from '../model/common.js';
import { parseFeature } from '../parse/feature.js';
import { parsePlanDocument } from '../parse/plan-document.js';
import { indexDeclaresSpecscore, mixedFormatFinding, planFormatOf, repoFormat } from '../parse/repo-format.js';
import { isSafeSlug } from '../model/paths.js';
import { parsePlansIndex } from '../parse/plans-index.js';
import { parseProposal } from '../parse/proposal.js';
import { type LoadedConfig, loadConfigLazily } from './config-source.js';
import { type CacheUse, contentHash, DocumentCache, effectiveCacheUse } from './document-cache.js';
import { directFs, prefetchFs, type RepoFs, type StatKey } from './prefetch.js';
import { decodeDocument } from '../parse/decode.js';
import { refusalFinding } from './refusal.js';
import { READ_LIMITS, readInside } from './safe-read.js';
import {
  emptyRepo,
  FEATURES_DIR,
  PLANS_DIR,
  PLANS_INDEX,
  WHATS_NEXT,
  type FeatureEntry,
  type PlanEntry,
  type ProposalEntry,
  type SpecRepo,
} from '../model/repository.js';

/**
 * What a load read, for a caller that wants to tell later whether anything changed without
 * loading again: every folder it listed, and every document with the stat key it had before it
 * was read, the SHA-1 of its bytes and how it was parsed. `complete` is false when the load met
 * something a stat key cannot vouch for (a symbolic link, a file it could not read, a document
 * that is not a regular file).
 */
export interface Inventory {
  folders: string[];
  documents: Map<string, { key: StatKey; hash: string; how: string }>;
  complete: boolean;
}

/** An empty inventory for `readRepo` to fill. */
export function newInventory(): Inventory {
  return { folders: [], documents: new Map(), complete: true };
}

/** Repositories with more top-level plan and feature folders than this are read on a helper thread too. */
const PREFETCH_FROM = 200;

/** Folder entries, or 0 when it cannot be read. */
function countEntries(abs: string): number {
  try {
    return readdirSync(abs).length;
  } catch {
    return 0;
  }
}

/**
 * Direct file access for small repositories; for large ones a worker thread walks and reads the
 * trees ahead of the parser, so I/O overlaps parsing (SPECPLAN_PREFETCH=0 or 1 forces it). With
 * a warm document cache the worker only walks and stats: the loader reads what changed.
 */
function chooseFs(root: string, roots: string[], warm: boolean): RepoFs {
  const env = process.env.SPECPLAN_PREFETCH;
  if (env === '0' || roots.length === 0) return directFs(root);
  const big = roots.reduce((n, r) => n + countEntries(path.join(root, r)), 0) > PREFETCH_FROM && os.availableParallelism() > 1;
  return env === '1' || big ? prefetchFs(root, roots, !warm) : directFs(root);
}

/** The finding for a symbolic link to a file, or a folder that is a link, leading outside the root: it is not read. */
function outsideFinding(file: string, folder: boolean): Diagnostic {
  const message = folder
    ? 'folder is a symbolic link that leads outside the root; it is not read'
    : 'symbolic link leads outside the root; it is not read — replace it with the file itself';
  return { file, line: 1, column: 1, severity: 'error', rule: 'repo/symlink-outside', message };
}

/**
 * `readRepo` with the repository's own configuration, for callers that can wait: the YAML reader
 * and the configuration schema are loaded only when the repository has a configuration file
 * (`loadConfigLazily`). A configuration file that cannot be used rejects, as `loadConfig` throws.
 */
export async function loadRepoLazily(root: string, opts: ReadOptions = {}): Promise<SpecRepo> {
  return readRepo(root, await loadConfigLazily(path.resolve(root), opts.cache ?? 'write'), opts);
}

/**
 * Load a whole spec repository into the model. Never follows a symbolic link out of the root
 * (symlinked folders are never followed; symlinked files only when they stay inside). Documents
 * are read only when they are regular files of at most 8 MB (a pipe or a device is never waited
 * on); any that cannot be read become findings naming the file (`repo/not-regular`,
 * `repo/too-large`, `repo/symlink-outside`, `repo/unreadable`, ...); nothing here throws for a
 * bad document. `loaded` is the repository's configuration (`loadConfig`, or `loadConfigLazily`
 * where the caller can wait).
 */
/** How `readRepo` uses the document cache, and the inventory it fills when given one. */
export interface ReadOptions {
  cache?: CacheUse;
  inventory?: Inventory;
}

export function readRepo(root: string, loaded: LoadedConfig, opts: ReadOptions = {}): SpecRepo {
  const inventory = opts.inventory;
  const absRoot = path.resolve(root);
  const realRoot = realpathSync(absRoot);
  const { config, file: configFile, findings: configFindings } = loaded;
  const cache = DocumentCache.open(absRoot, effectiveCacheUse(opts.cache ?? 'write', config.cache));
  const repo: SpecRepo = { ...emptyRepo(absRoot, config, configFile), findings: [...configFindings], exists: existsInside(absRoot) };
  const findings = repo.findings;

  /** Where a symbolic link leads: inside the root, outside it (reported), or nowhere. */
  const linkTarget = (rel: string): 'inside' | 'outside' | 'broken' => {
    if (inventory) inventory.complete = false;
    let real: string;
    try {
      real = realpathSync(path.join(absRoot, rel));
    } catch {
      findings.push({ file: rel, line: 1, column: 1, severity: 'warning', rule: 'repo/broken-link', message: 'symbolic link leads nowhere; it is not read' });
      return 'broken';
    }
    if (real === realRoot || real.startsWith(realRoot + path.sep)) return 'inside';
    findings.push(outsideFinding(rel, false));
    return 'outside';
  };

  /**
   * Read and parse one document (as `how`), or take it from the cache when the file's stat key
   * says it did not change; its decoding findings go to the repository's findings either way.
   */
  const readDoc: ReadDoc = <T>(rel: string, entry: Dirent | null, how: string, parse: (text: string) => T) => {
    if (entry?.isSymbolicLink() && linkTarget(rel) !== 'inside') return null;
    // Generated files (the plans index, WHATS-NEXT.md) grow with the repository: no size warning.
    const warnLarge = rel !== PLANS_INDEX && rel !== WHATS_NEXT;
    // Only regular files met while walking are cached (a link is read every time), and only
    // while the repository is small enough to keep a cache.
    const key = entry?.isFile() && (cache.recording || inventory) ? fs.stat(rel) : null;
    if (inventory && !key) inventory.complete = false;
    const hit = key && cache.fresh(rel, how, key);
    if (hit) {
      inventory?.documents.set(rel, { key: key, hash: hit.hash, how });
      for (const f of hit.findings) findings.push(f);
      // The model was cached by this same parse (`how`, and the build that wrote the cache).
      return hit.text === null ? null : { text: hit.text, parsed: hit.parsed as T };
    }
    // Regular files may have been read ahead by the helper thread; anything else is read (and refused) here.
    const read = entry?.isFile() ? fs.read(rel) : readInside(absRoot, rel, READ_LIMITS.document);
    if (!read.ok) {
      if (inventory) inventory.complete = false;
      findings.push(refusalFinding(rel, read.refusal));
      return null;
    }
    if (!key) {
      const text = decodeDocument(rel, read.bytes, findings, { warnLarge });
      return text === null ? null : { text, parsed: parse(text) };
    }
    const hash = contentHash(read.bytes);
    inventory?.documents.set(rel, { key, hash, how });
    // Only a racily clean entry (its whole stat key matching, so written by a run on this very
    // file) may stand for bytes of the same hash; any other entry is never replayed.
    const same = cache.sameContent(rel, how, key, hash);
    const own: Diagnostic[] = same ? same.findings : [];
    const text = same ? same.text : decodeDocument(rel, read.bytes, own, { warnLarge });
    for (const f of own) findings.push(f);
    const [size, mtimeMs, ctimeMs, ino, dev] = key;
    if (text === null) {
      cache.record({ rel, how, size, mtimeMs, ctimeMs, ino, dev, hash, text, findings: own, parsed: null });
      return null;
    }
    const parsed = same ? (same.parsed as T) : parse(text);
    cache.record({ rel, how, size, mtimeMs, ctimeMs, ino, dev, hash, text, findings: own, parsed });
    return { text, parsed };
  };

  // The two trees are read only when they really lie inside the root (a symlinked spec/ folder
  // pointing elsewhere is reported, not followed).
  const inside = (rel: string): boolean => {
    try {
      const real = realpathSync(path.join(absRoot, rel));
      if (real === realRoot || real.startsWith(realRoot + path.sep)) return true;
      findings.push(outsideFinding(rel, true));
      return false;
    } catch {
      return false;
    }
  };
  const readFeatures = inside(FEATURES_DIR);
  const readPlans = inside(PLANS_DIR);
  // Only folders that passed the check above are walked, by the helper thread too.
  const chosen = chooseFs(absRoot, [...(readFeatures ? [FEATURES_DIR] : []), ...(readPlans ? [PLANS_DIR] : [])], cache.warm);
  const fs: RepoFs = inventory
    ? {
        list: (rel) => (inventory.folders.push(rel), chosen.list(rel)),
        stat: (rel) => chosen.stat(rel),
        read: (rel) => chosen.read(rel),
        close: () => chosen.close(),
      }
    : chosen;
  try {
    // The helper thread (if any) walks the trees while the cache is read here.
    cache.read();
    if (readFeatures) loadFeatures(repo, fs, readDoc, linkTarget);
    if (readPlans) loadPlans(repo, fs, readDoc, linkTarget, findings);
  } finally {
    fs.close();
  }
  cache.save();
  const format = repoFormat(config.format, repo.index?.text ?? null, [...repo.plans.values()].map(planFormatOf));
  repo.format = format;
  const mixed = mixedFormatFinding(repo, format);
  if (mixed) findings.push(mixed);
  return repo;
}

/** A memoized existence check for root-relative paths; paths leaving the root do not exist. */
export function existsInside(absRoot: string): (rel: string) => boolean {
  const seen = new Map<string, boolean>();
  return (rel) => {
    let v = seen.get(rel);
    if (v === undefined) {
      const norm = path.posix.normalize(rel);
      v = norm !== '..' && !norm.startsWith('../') && !path.isAbsolute(norm) && !norm.includes('\0') && existsSync(path.join(absRoot, norm));
      seen.set(rel, v);
    }
    return v;
  };
}

/** A document read (or taken from the cache) and parsed, or null when it was not read (a finding says why). */
type ReadDoc = <T>(rel: string, entry: Dirent | null, how: string, parse: (text: string) => T) => { text: string; parsed: T } | null;
type LinkTarget = (rel: string) => 'inside' | 'outside' | 'broken';

function isDir(e: Dirent): boolean {
  return e.isDirectory();
}

function loadFeatures(repo: SpecRepo, fs: RepoFs, readDoc: ReadDoc, linkTarget: LinkTarget): void {
  const listDir = (rel: string) => fs.list(rel);
  /** Files of a feature folder that are not features: `_args/`, `_acs/`, sub-documents. */
  const collectExtra = (relDir: string, entries: Dirent[], out: string[]): void => {
    for (const x of entries) {
      if (x.name.startsWith('.')) continue;
      const rel = `${relDir}/${x.name}`;
      if (x.isDirectory()) collectExtra(rel, listDir(rel), out);
      else if (x.isFile() || (x.isSymbolicLink() && linkTarget(rel) === 'inside')) out.push(rel);
    }
  };
  const walk = (relDir: string, featurePath: string | null, entries: Dirent[], extra: string[] | null): void => {
    for (const e of entries) {
      if (e.name.startsWith('.')) continue;
      const childRel = `${relDir}/${e.name}`;
      if (!isDir(e)) {
        if (e.name === 'README.md') continue;
        // Symbolic links are never followed as folders; outside the root they are reported.
        const listed = e.isFile() || (e.isSymbolicLink() && linkTarget(childRel) === 'inside');
        if (extra && listed) extra.push(childRel);
        continue;
      }
      const childEntries = listDir(childRel);
      if (e.name.startsWith('_')) {
        if (extra) collectExtra(childRel, childEntries, extra);
        continue;
      }
      if (e.name === 'proposals' && featurePath !== null) {
        for (const p of childEntries) {
          if (!isDir(p)) continue;
          const file = `${childRel}/${p.name}/README.md`;
          const readme = listDir(`${childRel}/${p.name}`).find((x) => x.name === 'README.md' && !x.isDirectory());
          if (!readme) continue;
          const doc = readDoc(file, readme, 'proposal', parseProposal);
          if (doc === null) continue;
          const id = `${featurePath}/${p.name}`;
          const entry: ProposalEntry = { id, feature: featurePath, slug: p.name, file, text: doc.text, parsed: doc.parsed };
          repo.proposals.set(id, entry);
          repo.features.get(featurePath)?.proposals.push(id);
        }
        continue;
      }
      const childPath = featurePath ? `${featurePath}/${e.name}` : e.name;
      const readme = childEntries.find((x) => x.name === 'README.md' && !x.isDirectory());
      let childExtra: string[] | null = null;
      if (readme) {
        const file = `${childRel}/README.md`;
        const doc = readDoc(file, readme, 'feature', parseFeature);
        if (doc !== null) {
          childExtra = [];
          const entry: FeatureEntry = {
            path: childPath,
            file,
            parent: featurePath,
            children: [],
            text: doc.text,
            parsed: doc.parsed,
            proposals: [],
            extraFiles: childExtra,
          };
          repo.features.set(childPath, entry);
          if (featurePath) repo.features.get(featurePath)?.children.push(childPath);
        }
      }
      walk(childRel, childPath, childEntries, childExtra);
    }
  };
  walk(FEATURES_DIR, null, listDir(FEATURES_DIR), null);
}

/** A finding for a markdown file under spec/plans/ that is not read as a plan. */
function unread(file: string, why: string): Diagnostic {
  return { file, line: 1, column: 1, severity: 'error', rule: 'plan/unread-file', message: `${why}; this file is not read as a plan` };
}

/** How deep folder plans may nest: roadmap → child in the seed format; deeper in the current one (bounded). */
const MAX_DEPTH = { seed: 2, specscore: 8 } as const;

function loadPlans(repo: SpecRepo, fs: RepoFs, readDoc: ReadDoc, linkTarget: LinkTarget, findings: Diagnostic[]): void {
  const listDir = (rel: string) => fs.list(rel);
  const top = listDir(PLANS_DIR);
  for (const e of top) {
    if (e.name === 'README.md' && !e.isDirectory()) {
      const doc = readDoc(PLANS_INDEX, e, 'index', parsePlansIndex);
      if (doc !== null) repo.index = { file: PLANS_INDEX, text: doc.text, parsed: doc.parsed };
    } else if (e.name === 'WHATS-NEXT.md' && !e.isDirectory()) {
      const doc = readDoc(WHATS_NEXT, e, 'whats-next', () => null);
      if (doc !== null) repo.whatsNext = { file: WHATS_NEXT, text: doc.text };
    }
  }
  // Single-file plans are the current format's: read as such in a repository that declares it,
  // and otherwise when the document itself is in that format.
  const declared = repo.config.format === 'specscore' || (repo.config.format === 'auto' && indexDeclaresSpecscore(repo.index?.text ?? null));
  const isMarkdown = (name: string) => /\.md$/i.test(name);
  const visit = (relDir: string, planPath: string, parent: string | null, depth: number, entries: Dirent[]): void => {
    const readme = entries.find((x) => x.name === 'README.md' && !x.isDirectory());
    if (!readme) {
      for (const x of entries)
        if (!x.isDirectory() && isMarkdown(x.name))
          findings.push(
            unread(
              `${relDir}/${x.name}`,
              x.name.toLowerCase() === 'readme.md'
                ? `plan file is named "${x.name}"; expected "README.md" (upper case, with ".md")`
                : `folder ${relDir}/ has no README.md, so it is not a plan folder; expected ${relDir}/README.md (a folder plan) or ${relDir}.md (a single-file plan)`,
            ),
          );
      return;
    }
    const file = `${relDir}/README.md`;
    const doc = readDoc(file, readme, 'plan', (text) => parsePlanDocument(text, file));
    if (doc === null) return;
    const entry: PlanEntry = { path: planPath, file, parent, children: [], text: doc.text, parsed: doc.parsed, extraFiles: [], acs: [], reports: [] };
    repo.plans.set(planPath, entry);
    if (parent) repo.plans.get(parent)?.children.push(planPath);
    const maxDepth = MAX_DEPTH[planFormatOf(entry)];
    for (const x of entries) {
      if (x.name === 'README.md' || x.name.startsWith('.')) continue;
      const rel = `${relDir}/${x.name}`;
      if (x.isDirectory() && x.name === 'acs') {
        for (const ac of listDir(rel)) if (ac.isDirectory()) entry.acs.push(`${rel}/${ac.name}`);
      } else if (x.isDirectory() && x.name === 'reports') {
        for (const r of listDir(rel)) if (r.isFile()) entry.reports.push(`${rel}/${r.name}`);
      } else if (x.isDirectory()) {
        const sub = listDir(rel);
        if (!sub.some((y) => y.name === 'README.md' && !y.isDirectory())) {
          for (const y of sub)
            if (!y.isDirectory() && y.name.toLowerCase() === 'readme.md')
              findings.push(unread(`${rel}/${y.name}`, `plan file is named "${y.name}"; expected "README.md" (upper case)`));
          continue;
        }
        if (depth >= maxDepth) {
          findings.push({
            file: `${rel}/README.md`,
            line: 1,
            column: 1,
            severity: 'error',
            rule: 'plan/child-depth',
            message:
              maxDepth === 2
                ? 'plan nests three levels deep; plans allow roadmap → child plan only'
                : `plan nests more than ${maxDepth} levels deep; it is not read`,
          });
          continue;
        }
        visit(rel, `${planPath}/${x.name}`, planPath, depth + 1, sub);
      } else if (x.isFile() || (x.isSymbolicLink() && linkTarget(rel) === 'inside')) {
        entry.extraFiles.push(rel);
      }
    }
  };
  for (const e of top) {
    if (e.isSymbolicLink() && e.name !== 'README.md' && e.name !== 'WHATS-NEXT.md') linkTarget(`${PLANS_DIR}/${e.name}`);
    if (e.name.startsWith('.')) continue;
    const rel = `${PLANS_DIR}/${e.name}`;
    if (e.isDirectory()) {
      visit(rel, e.name, null, 1, listDir(rel));
      continue;
    }
    if (!isMarkdown(e.name) || e.name === 'README.md' || e.name === 'WHATS-NEXT.md') continue;
    if (e.name.toLowerCase() === 'readme.md' || e.name.toLowerCase() === 'whats-next.md') {
      findings.push(
        unread(
          rel,
          `"${e.name}" differs from the expected name only in case; expected "${e.name.toLowerCase() === 'readme.md' ? 'README.md' : 'WHATS-NEXT.md'}"`,
        ),
      );
      continue;
    }
    const slug = e.name.slice(0, -3);
    if (!isSafeSlug(slug) || !/\.md$/.test(e.name)) {
      findings.push(unread(rel, `"${e.name}" is not a plan slug; expected lower-case letters, digits and hyphens followed by ".md"`));
      continue;
    }
    if (!(e.isFile() || (e.isSymbolicLink() && linkTarget(rel) === 'inside'))) continue;
    if (repo.plans.has(slug)) {
      findings.push(unread(rel, `plan ${slug} is also the folder ${PLANS_DIR}/${slug}/; expected one of the two`));
      continue;
    }
    const hint = declared ? 'specscore' : undefined;
    const doc = readDoc(rel, e, `plan:${hint ?? 'auto'}`, (text) => parsePlanDocument(text, rel, hint));
    if (doc === null) continue;
    const { text, parsed } = doc;
    if (!parsed.specscore) {
      findings.push(
        unread(
          rel,
          'single-file plans belong to the current SpecScore format, and this document is not in it; in the seed format a plan is a folder with a README.md',
        ),
      );
      continue;
    }
    repo.plans.set(slug, { path: slug, file: rel, parent: null, children: [], text, parsed, extraFiles: [], acs: [], reports: [] });
  }
}
