import type { Position } from '../model/common.js';
import { buildStepGraph, type StepGraph } from '../analysis/step-graph.js';
import type { WorkItem } from '../model/execution.js';
import { derivedStatusResolver } from '../analysis/derive.js';
import type { FeaturePlansRow } from '../edit/feature-plans.js';
import type { PlansIndexModel } from '../edit/plans-index.js';
import { resolveHref } from '../model/paths.js';
import { featurePathOfLink, featurePlanRows, indexModel, indexOrder, planFeatures, planPathOfLink, type SyncOptions } from '../edit/index-sync.js';
import { FEATURES_DIR, PLANS_DIR, PLANS_INDEX, WHATS_NEXT, type PlanEntry, type SpecRepo } from '../model/repository.js';

export interface FactsOptions {
  /** Execution items, when the caller has them: roadmap statuses are then derived with them. */
  items?: readonly WorkItem[];
}

/**
 * Lookups shared by the rules, computed once per lint run (each in linear time) so that no rule
 * scans all plans per plan.
 */
export class LintFacts {
  private statusFn: ((planPath: string) => string) | undefined;
  private indexCache: PlansIndexModel | undefined;
  private orderCache: string[] | undefined;
  private featureRowsCache: Map<string, FeaturePlansRow[]> | undefined;
  private known: Set<string> | undefined;
  private graphs = new WeakMap<PlanEntry, StepGraph>();

  constructor(
    readonly repo: SpecRepo,
    readonly options: FactsOptions = {},
  ) {}

  /** True when execution items were supplied (statuses such as `in_progress` can be checked). */
  get hasItems(): boolean {
    return this.options.items !== undefined;
  }

  /** The status a plan shows in the index and feature tables (roadmaps: derived from children). */
  status(planPath: string): string | null {
    this.statusFn ??= derivedStatusResolver(this.repo, this.options.items ?? []);
    return this.statusFn(planPath) || (this.repo.plans.get(planPath)?.parsed.plan.header.status ?? null);
  }

  /**
   * Whether a status written in the index or a feature table is acceptable for a plan: the shown
   * status; for a roadmap also its own Status field, and — without execution items —
   * `in_progress`, which only execution can confirm or refute.
   */
  statusAccepted(planPath: string, written: string): boolean {
    if (written === this.status(planPath)) return true;
    const entry = this.repo.plans.get(planPath);
    if (!entry || (entry.children.length === 0 && entry.parsed.plan.childPlans === null)) return false;
    // A roadmap may show its own Status or the one derived from its children.
    return written === entry.parsed.plan.header.status || (written === 'in_progress' && !this.hasItems);
  }

  private syncOptions(): SyncOptions {
    return { derivedStatus: (p) => this.status(p) };
  }

  /** Plan paths in index order. */
  get order(): string[] {
    return (this.orderCache ??= indexOrder(this.repo));
  }

  /** The plans index as `specplan index` would write it (without execution: Progress kept as written). */
  get expectedIndex(): PlansIndexModel {
    return (this.indexCache ??= indexModel(this.repo, this.syncOptions(), this.order));
  }

  /** Expected `## Plans` rows per feature path. */
  get featureRows(): Map<string, FeaturePlansRow[]> {
    return (this.featureRowsCache ??= featurePlanRows(this.repo, this.syncOptions(), this.order));
  }

  /** Feature paths a plan lists. */
  features(entry: PlanEntry): string[] {
    return planFeatures(entry);
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

  /** The step graph of a plan (built once per lint run). */
  stepGraph(entry: PlanEntry): StepGraph {
    let g = this.graphs.get(entry);
    if (!g) this.graphs.set(entry, (g = buildStepGraph(entry.parsed.plan)));
    return g;
  }

  /** A position in a plan, by positions key, falling back to the title, then 1:1. */
  planPos(entry: PlanEntry, key: string): Position {
    const p = entry.parsed.positions;
    return p[key] ?? p.title ?? { line: 1, column: 1 };
  }
}
