import { parseFeature } from './feature.js';
import { parsePlanDocument } from './plan-document.js';
import { parsePlansIndex } from './plans-index.js';
import { parseProposal } from './proposal.js';
import { PLANS_INDEX, type PlanEntry, type SpecRepo } from '../model/repository.js';
import type { FileChange } from '../model/file-change.js';
import { planPathOfFile } from '../model/plan-files.js';

/**
 * The repository as it will be once `changes` are written: changed documents re-parsed (a plan
 * in the format it was loaded in), new plans added under their parent. Pure: the input repository is not modified.
 */
export function withChanges(repo: SpecRepo, changes: readonly FileChange[]): SpecRepo {
  const next: SpecRepo = {
    ...repo,
    plans: new Map(repo.plans),
    features: new Map(repo.features),
    proposals: new Map(repo.proposals),
  };
  const byFile = <T extends { file: string }>(m: Map<string, T>, file: string) => [...m.entries()].find(([, v]) => v.file === file);
  for (const c of changes) {
    if (c.file === PLANS_INDEX) {
      next.index = { file: PLANS_INDEX, text: c.content, parsed: parsePlansIndex(c.content) };
      continue;
    }
    // A plan the repository has (any depth, single file or folder), a new plan folder, or a new single-file plan.
    const loaded = byFile(next.plans, c.file);
    const single = /^spec\/plans\/([^/]+)\.md$/.exec(c.file)?.[1];
    const planPath = loaded?.[0] ?? planPathOfFile(c.file) ?? (single !== undefined && single !== 'README' && single !== 'WHATS-NEXT' ? single : null);
    if (planPath !== null) {
      const old = loaded?.[1] ?? next.plans.get(planPath);
      const parent = planPath.includes('/') ? planPath.slice(0, planPath.indexOf('/')) : null;
      // Each document is read by the adapter of its format, as the loader reads it: a loaded plan
      // in the format it was loaded in, a new one by what it declares.
      const entry: PlanEntry = old
        ? { ...old, text: c.content, parsed: parsePlanDocument(c.content, old.file, old.parsed.specscore ? 'specscore' : 'seed') }
        : {
            path: planPath,
            file: c.file,
            parent,
            children: [],
            text: c.content,
            parsed: parsePlanDocument(c.content, c.file),
            extraFiles: [],
            acs: [],
            reports: [],
          };
      next.plans.set(planPath, entry);
      if (!old && parent) {
        const p = next.plans.get(parent);
        if (p) next.plans.set(parent, { ...p, children: [...p.children, planPath].sort() });
      }
      continue;
    }
    const f = byFile(next.features, c.file);
    if (f) {
      next.features.set(f[0], { ...f[1], text: c.content, parsed: parseFeature(c.content) });
      continue;
    }
    const pr = byFile(next.proposals, c.file);
    if (pr) next.proposals.set(pr[0], { ...pr[1], text: c.content, parsed: parseProposal(c.content) });
  }
  return next;
}

/**
 * Merge change lists in order: a file changed twice keeps its first `before` (what is on disk)
 * and its last content. Sorted by file for deterministic output.
 */
export function mergeChanges(...lists: ReadonlyArray<readonly FileChange[]>): FileChange[] {
  const out = new Map<string, FileChange>();
  for (const list of lists) {
    for (const c of list) {
      const prev = out.get(c.file);
      out.set(c.file, prev ? { file: c.file, before: prev.before, content: c.content } : { ...c });
    }
  }
  return [...out.values()].filter((c) => c.before !== c.content).sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}
