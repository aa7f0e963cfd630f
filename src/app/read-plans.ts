import type { PlanFormat } from '../model/plan-format.js';
import { planFormatOf } from '../parse/repo-format.js';
import { buildStepGraph, type StepGraph } from '../analysis/step-graph.js';
import type { PlanEntry } from '../model/repository.js';
import { findPlan } from './lookup.js';
import { matchesText, type PlanFacts, type ReadView } from './read-view.js';

/** Which plans to list; every filter is optional. */
interface PlanQuery {
  /** The status as written or derived, case-insensitive. */
  status?: string | undefined;
  /** Plans listing this feature or one of its sub-features. */
  feature?: string | undefined;
  /** A substring of the path, the title or the document. */
  text?: string | undefined;
}

/** The plans matching a query, in path order. */
export function listPlans<P extends PlanFacts>(view: ReadView<P>, q: PlanQuery): P[] {
  const status = q.status?.toLowerCase();
  const feature = q.feature?.replace(/\/+$/, '');
  return [...view.plans.values()].filter(
    (r) =>
      (!status || r.status?.toLowerCase() === status || r.derivedStatus === status) &&
      (!feature || r.features.some((f) => f === feature || f.startsWith(`${feature}/`))) &&
      matchesText(q.text, r.plan, r.title, q.text ? view.repo.plans.get(r.plan)?.text : null),
  );
}

/** One plan: its entry, its facts and the summary of its step graph. */
interface PlanReading<P extends PlanFacts> {
  entry: PlanEntry;
  /** The plan format the document is written in. */
  format: PlanFormat;
  facts: P;
  graph: Pick<StepGraph, 'layers' | 'criticalPath' | 'cycles'>;
}

/** Read one plan by its path below spec/plans/. */
export function readPlan<P extends PlanFacts>(view: ReadView<P>, plan: string): PlanReading<P> {
  const entry = findPlan(view.repo, plan);
  const { layers, criticalPath, cycles } = buildStepGraph(entry.parsed.plan);
  return { entry, format: planFormatOf(entry), facts: view.plans.get(entry.path)!, graph: { layers, criticalPath, cycles } };
}

/** The facts of one plan and its child plans, or of every plan when `plan` is undefined. */
export function planStatus<P extends PlanFacts>(view: ReadView<P>, plan: string | undefined): P[] {
  if (plan === undefined) return [...view.plans.values()];
  const e = findPlan(view.repo, plan);
  return [e.path, ...e.children].map((p) => view.plans.get(p)).filter((r): r is P => r !== undefined);
}
