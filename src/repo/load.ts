import { type Dirent, existsSync, readdirSync, readFileSync, realpathSync } from 'node:fs';
import path from 'node:path';
import type { Diagnostic } from '../model/common.js';
import { parseFeature } from '../parse/feature.js';
import { parsePlan } from '../parse/plan.js';
import { parsePlansIndex } from '../parse/plans-index.js';
import { parseProposal } from '../parse/proposal.js';
import { loadConfig } from './config.js';
import { decodeDocument } from './read-text.js';
import { FEATURES_DIR, PLANS_DIR, PLANS_INDEX, WHATS_NEXT, type FeatureEntry, type PlanEntry, type ProposalEntry, type SpecRepo } from './types.js';

function listDir(abs: string): Dirent[] {
  try {
    return readdirSync(abs, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  } catch {
    return [];
  }
}

/**
 * Load a whole spec repository into the model. Never follows a symbolic link out of the root
 * (symlinked folders are never followed; symlinked files only when they stay inside). Files that
 * cannot be read become findings; nothing here throws for a bad document.
 */
export function loadRepo(root: string): SpecRepo {
  const absRoot = path.resolve(root);
  const realRoot = realpathSync(absRoot);
  const { config, file: configFile } = loadConfig(absRoot);
  const repo: SpecRepo = {
    root: absRoot,
    config,
    configFile,
    features: new Map(),
    proposals: new Map(),
    plans: new Map(),
    index: null,
    whatsNext: null,
    findings: [],
    exists: existsInside(absRoot),
  };
  const findings = repo.findings;

  const readDoc = (rel: string, entry: Dirent | null): string | null => {
    const abs = path.join(absRoot, rel);
    try {
      if (entry?.isSymbolicLink()) {
        const real = realpathSync(abs);
        if (!(real === realRoot || real.startsWith(realRoot + path.sep))) {
          findings.push({ file: rel, line: 1, column: 1, severity: 'error', rule: 'repo/symlink-outside', message: 'symbolic link points outside the root; it is not read' });
          return null;
        }
      }
      return decodeDocument(rel, readFileSync(abs), findings);
    } catch (e) {
      findings.push({ file: rel, line: 1, column: 1, severity: 'error', rule: 'repo/unreadable', message: `cannot read the file (${(e as NodeJS.ErrnoException).code ?? 'error'})` });
      return null;
    }
  };

  loadFeatures(repo, readDoc, findings);
  loadPlans(repo, readDoc, findings);
  return repo;
}

/** A memoized existence check for root-relative paths; paths leaving the root do not exist. */
function existsInside(absRoot: string): (rel: string) => boolean {
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

type ReadDoc = (rel: string, entry: Dirent | null) => string | null;

function isDir(e: Dirent): boolean {
  return e.isDirectory();
}

function loadFeatures(repo: SpecRepo, readDoc: ReadDoc, _findings: Diagnostic[]): void {
  const walk = (relDir: string, featurePath: string | null): void => {
    const entries = listDir(path.join(repo.root, relDir));
    for (const e of entries) {
      if (!isDir(e) || e.name.startsWith('_') || e.name.startsWith('.')) continue;
      const childRel = `${relDir}/${e.name}`;
      if (e.name === 'proposals' && featurePath !== null) {
        for (const p of listDir(path.join(repo.root, childRel))) {
          if (!isDir(p)) continue;
          const file = `${childRel}/${p.name}/README.md`;
          const readme = listDir(path.join(repo.root, childRel, p.name)).find((x) => x.name === 'README.md');
          if (!readme) continue;
          const text = readDoc(file, readme);
          if (text === null) continue;
          const id = `${featurePath}/${p.name}`;
          const entry: ProposalEntry = { id, feature: featurePath, slug: p.name, file, text, parsed: parseProposal(text) };
          repo.proposals.set(id, entry);
          repo.features.get(featurePath)?.proposals.push(id);
        }
        continue;
      }
      const childPath = featurePath ? `${featurePath}/${e.name}` : e.name;
      const readme = listDir(path.join(repo.root, childRel)).find((x) => x.name === 'README.md');
      if (readme) {
        const file = `${childRel}/README.md`;
        const text = readDoc(file, readme);
        if (text !== null) {
          const entry: FeatureEntry = { path: childPath, file, parent: featurePath, children: [], text, parsed: parseFeature(text), proposals: [] };
          repo.features.set(childPath, entry);
          if (featurePath) repo.features.get(featurePath)?.children.push(childPath);
        }
      }
      walk(childRel, childPath);
    }
  };
  walk(FEATURES_DIR, null);
}

function loadPlans(repo: SpecRepo, readDoc: ReadDoc, findings: Diagnostic[]): void {
  const top = listDir(path.join(repo.root, PLANS_DIR));
  for (const e of top) {
    if (e.isFile() && e.name === 'README.md') {
      const text = readDoc(PLANS_INDEX, e);
      if (text !== null) repo.index = { file: PLANS_INDEX, text, parsed: parsePlansIndex(text) };
    } else if (e.isFile() && e.name === 'WHATS-NEXT.md') {
      const text = readDoc(WHATS_NEXT, e);
      if (text !== null) repo.whatsNext = { file: WHATS_NEXT, text };
    }
  }
  const visit = (relDir: string, planPath: string, parent: string | null, depth: number): void => {
    const entries = listDir(path.join(repo.root, relDir));
    const readme = entries.find((x) => x.name === 'README.md' && !x.isDirectory());
    if (!readme) return;
    const file = `${relDir}/README.md`;
    const text = readDoc(file, readme);
    if (text === null) return;
    const entry: PlanEntry = { path: planPath, file, parent, children: [], text, parsed: parsePlan(text), extraFiles: [], acs: [], reports: [] };
    repo.plans.set(planPath, entry);
    if (parent) repo.plans.get(parent)?.children.push(planPath);
    for (const x of entries) {
      if (x.name === 'README.md' || x.name.startsWith('.')) continue;
      const rel = `${relDir}/${x.name}`;
      if (x.isDirectory() && x.name === 'acs') {
        for (const ac of listDir(path.join(repo.root, rel))) if (ac.isDirectory()) entry.acs.push(`${rel}/${ac.name}`);
      } else if (x.isDirectory() && x.name === 'reports') {
        for (const r of listDir(path.join(repo.root, rel))) if (r.isFile()) entry.reports.push(`${rel}/${r.name}`);
      } else if (x.isDirectory()) {
        const hasReadme = listDir(path.join(repo.root, rel)).some((y) => y.name === 'README.md');
        if (!hasReadme) continue;
        if (depth >= 2) {
          findings.push({ file: `${rel}/README.md`, line: 1, column: 1, severity: 'error', rule: 'plan/child-depth', message: 'plan nests three levels deep; plans allow roadmap → child plan only' });
          continue;
        }
        visit(rel, `${planPath}/${x.name}`, planPath, depth + 1);
      } else if (x.isFile() || x.isSymbolicLink()) {
        entry.extraFiles.push(rel);
      }
    }
  };
  for (const e of top) {
    if (!e.isDirectory() || e.name.startsWith('.')) continue;
    visit(`${PLANS_DIR}/${e.name}`, e.name, null, 1);
  }
}
