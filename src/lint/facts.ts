import type { Position } from '../model/common.js';
import { stepGraphProblems, type StepGraph } from '../analysis/step-graph.js';
import type { WorkItem } from '../model/execution.js';
import type { PlanStates } from '../model/plan-state.js';
import { planStates } from '../analysis/plan-state.js';
import type { FeaturePlansRow } from '../edit/feature-plans.js';
import type { PlansIndexModel } from '../edit/plans-index.js';
import { resolveHref } from '../model/paths.js';
import { proseLines, type ProseLine } from './prose-lines.js';
import { featurePlanRows, indexModel, indexOrder } from '../edit/index-sync.js';
import { featurePathOfLink, planPathOfLink } from '../model/links.js';
import { FEATURES_DIR, PLANS_DIR, PLANS_INDEX, WHATS_NEXT, type PlanEntry, type SpecRepo } from '../model/repository.js';

/**
 * Lookups shared by the rules, computed once per lint run (each in linear time) so that no rule
 * scans all plans per plan.
 */
export class LintFacts {
  private statesCache: PlanStates | undefined;
  private indexCache: PlansIndexModel | undefined;
  private orderCache: string[] | undefined;
  private featureRowsCache: Map<string, FeaturePlansRow[]> | undefined;
  private known: Set<string> | undefined;
  private graphs = new WeakMap<PlanEntry, StepGraph | null>();
  private prose = new WeakMap<PlanEntry, ProseLine[]>();

  constructor(
    readonly repo: SpecRepo,
    /** Execution items, when the caller has them: statuses, Progress and Recently Closed are then checked exactly. */
    private readonly items?: readonly WorkItem[],
  ) {}

  /** The derived state of every plan (the one the index, status and What's Next show). */
  get states(): PlanStates {
    return (this.statesCache ??= planStates(this.repo, this.items));
  }

  /**
   * Whether a status written in the index or a feature table is the one the plan shows. Without
   * execution items a roadmap may also read `in_progress`, which only execution can confirm.
   */
  statusAccepted(planPath: string, written: string): boolean {
    const s = this.states.plans.get(planPath);
    if (!s) return false;
    return written === s.status || (s.roadmap && !this.states.execution && written === 'in_progress');
  }

  /** Plan paths in index order. */
  get order(): string[] {
    return (this.orderCache ??= indexOrder(this.repo));
  }

  /** The plans index as `specplan index` would write it (without execution items: Progress kept as written). */
  get expectedIndex(): PlansIndexModel {
    return (this.indexCache ??= indexModel(this.repo, this.states, this.order));
  }

  /** Expected `## Plans` rows per feature path. */
  get featureRows(): Map<string, FeaturePlansRow[]> {
    return (this.featureRowsCache ??= featurePlanRows(this.repo, this.states, this.order));
  }

  featureOfLink(fromFile: string, href: string): string | null {
    return featurePathOfLink(fromFile, href);
  }

  planOfLink(fromFile: string, href: string): string | null {
    return planPathOfLink(fromFile, href);
  }

  /** The proposal id (`feature/slug`) a link points at, when it targets a proposal that exists. */
  proposalOfLink(fromFile: string, href: string): string | null {
    const target = resolveHref(fromFile, href);
    if (!target) return null;
    const m = new RegExp(`^${FEATURES_DIR}/(.+)/proposals/([^/]+)(?:/README\\.md)?$`, 'i').exec(target);
    if (!m) return null;
    const id = `${m[1]}/${m[2]}`;
    return this.repo.proposals.has(id) ? id : null;
  }

  /**
   * Whether a root-relative file or folder exists: known documents first, then the loader's
   * existence check when there is one. Paths leaving the root never exist.
   */
  exists(rel: string): boolean {
    if (rel === '' || rel === '.' || rel.startsWith('../') || rel === '..') return false;
    const clean = rel.replace(/\/+$/, '');
    if (!this.known) {
      const k = new Set<string>(['spec', PLANS_DIR, FEATURES_DIR]);
      if (this.repo.index) k.add(PLANS_INDEX);
      if (this.repo.whatsNext) k.add(WHATS_NEXT);
      for (const p of this.repo.plans.values()) {
        k.add(p.file).add(`${PLANS_DIR}/${p.path}`);
        for (const f of [...p.extraFiles, ...p.acs, ...p.reports]) k.add(f);
      }
      for (const f of this.repo.features.values()) k.add(f.file).add(`${FEATURES_DIR}/${f.path}`);
      for (const p of this.repo.proposals.values()) k.add(p.file).add(p.file.replace(/\/README\.md$/, ''));
      this.known = k;
    }
    if (this.known.has(clean)) return true;
    return this.repo.exists ? this.repo.exists(clean) : this.isUnverifiable(clean);
  }

  /** Without a loader existence check, only paths the loader would have read can be judged missing. */
  private isUnverifiable(rel: string): boolean {
    const judged = rel.startsWith(`${PLANS_DIR}/`) || /^spec\/features\/.+\/README\.md$/i.test(rel);
    return !judged;
  }

  /**
   * The step graph of a plan when its dependencies name a missing step or form a cycle, else
   * null (each graph is built once per lint run; only those with problems are kept).
   */
  stepProblems(entry: PlanEntry): StepGraph | null {
    let g = this.graphs.get(entry);
    if (g === undefined) this.graphs.set(entry, (g = stepGraphProblems(entry.parsed.plan)));
    return g;
  }

  /** A plan's lines outside fenced code (scanned once per lint run, whichever rules ask). */
  proseLines(entry: PlanEntry): ProseLine[] {
    let lines = this.prose.get(entry);
    if (!lines) this.prose.set(entry, (lines = proseLines(entry.text)));
    return lines;
  }

  /** A position in a plan, by positions key, falling back to the title, then 1:1. */
  planPos(entry: PlanEntry, key: string): Position {
    const p = entry.parsed.positions;
    return p.get(key) ?? p.get('title') ?? { line: 1, column: 1 };
  }
}
