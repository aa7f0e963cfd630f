import { buildStepGraph } from '../analysis/step-graph.js';
import { lintPlanText } from './index.js';
import type { Diagnostic } from '../model/common.js';
import {
  childAsPlanDraft,
  draftToPlan,
  normalizeStepRef,
  roadmapToPlan,
  type DraftHeader,
  type DraftStep,
  type PlanDraft,
  type RoadmapDraft,
} from '../model/draft.js';
import { planPlace, sentence, stepLabel } from '../model/plan-places.js';
import { isSafeSlug } from '../model/paths.js';
import { PlanSchema } from '../model/plan-schema.js';
import type { Plan } from '../model/plan.js';
import { planFile, type SpecRepo } from '../model/repository.js';
import { planIssues, type SchemaIssue } from '../model/schema-issues.js';
import { parsePlan } from '../parse/plan.js';
import { cap, formatDiagnostic } from './problem-wording.js';
import { withChanges } from '../parse/with-changes.js';
import { renderPlan } from '../render/plan.js';

/**
 * The one acceptance pipeline for plans that do not come from a person's editor: drafts of a
 * model (`draft`, `sync`, prose imports, the repair loop), imported plans, documents sent to
 * `write_plan`, and the review gate of submit and approve. Schema → structure → step graph →
 * render → parse back → lint, with one wording of every problem and one cap.
 */

/** A document that passed (problems empty) or the problems that keep it out. */
export interface Accepted {
  /** Problems, one sentence each; empty when the document may be written. */
  problems: string[];
  plan: Plan | null;
  markdown: string | null;
  /** Lint findings below error severity (the document is written anyway). */
  warnings: Diagnostic[];
}

/**
 * Structural problems of a draft that the schema cannot express: numbering, unknown or self
 * dependencies, empty required text. Each names the place as the plan shows it ("Step 3 (Add
 * the index) depends on Step 7, which does not exist") and says what is expected. With `loose`
 * (a reply the schema rejected, read leniently) only numbering and dependencies are checked:
 * the schema's own problems already say what is missing.
 */
function draftStructureProblems(draft: PlanDraft, loose = false): string[] {
  const out: string[] = [];
  if (!loose) {
    if (!draft.title.trim()) out.push('The title is empty; expected the plan title');
    if (!draft.context.trim()) out.push('Section `## Context` is empty; expected 2-5 sentences on why the plan exists and the approach');
    if (!draft.acceptanceCriteria.some((c) => c.trim())) out.push('Section `## Acceptance criteria` is empty; expected at least one plan-level criterion');
    if (!draft.steps.length) out.push('Section `## Steps` is empty; expected at least one step');
  }
  const known = new Set<string>();
  for (const s of draft.steps) {
    known.add(s.number.trim());
    s.subSteps.forEach((sub) => known.add(sub.number.trim()));
  }
  known.delete('');
  const listing = [...known].join(', ');
  draft.steps.forEach((s, i) => {
    const want = String(i + 1);
    const own = s.number.trim();
    if (own !== want && (own || !loose))
      out.push(
        `The step at position ${want}${s.title.trim() ? ` (${s.title.trim()})` : ''} is numbered "${s.number}"; expected "${want}" (steps are numbered 1, 2, 3 … in order)`,
      );
    if (!s.title.trim() && !loose) out.push(`Step ${own || want} has an empty title; expected a short imperative title`);
    s.subSteps.forEach((sub, j) => {
      const wantSub = `${own || want}.${j + 1}`;
      const subOwn = sub.number.trim();
      if (subOwn !== wantSub && (subOwn || !loose))
        out.push(
          `The sub-step at position ${j + 1} of ${stepLabel(own || want, s.title)} is numbered "${sub.number}"; expected "${wantSub}" (sub-steps of step ${own || want} are numbered ${own || want}.1, ${own || want}.2 …)`,
        );
      if (!sub.title.trim() && !loose) out.push(`Step ${subOwn || wantSub} has an empty title; expected a short imperative title`);
    });
    const check = (number: string, title: string, deps: readonly string[]) => {
      for (const d of deps) {
        const ref = normalizeStepRef(d);
        if (!ref) continue;
        if (ref === number) out.push(`${stepLabel(number, title)} depends on itself; expected only other steps it waits for`);
        else if (!known.has(ref))
          out.push(
            `${stepLabel(number, title)} depends on ${/^\d+(\.\d+)*$/.test(ref) ? `Step ${ref}` : `"${d}"`}, which does not exist; expected one of ${listing}`,
          );
      }
    };
    check(own || want, s.title, s.dependsOn);
    s.subSteps.forEach((sub, j) => check(sub.number.trim() || `${own || want}.${j + 1}`, sub.title, sub.dependsOn));
  });
  const seen = new Set<string>();
  for (const n of draft.steps.flatMap((s) => [s.number.trim(), ...s.subSteps.map((x) => x.number.trim())])) {
    if (n && seen.has(n)) out.push(`Step number "${n}" is used twice; expected unique step numbers`);
    seen.add(n);
  }
  return out;
}

/** Problems of a plan's step graph (cycles through declared and implicit edges). */
function graphProblems(plan: Plan): string[] {
  const g = buildStepGraph(plan);
  return g.cycles.map(
    (c) =>
      `The steps form a dependency cycle ${c.map((n) => `Step ${n}`).join(' → ')}; a step cannot wait for itself, directly or through others (a sub-step already runs inside its parent step): remove one "Depends on" entry of the cycle`,
  );
}

function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

function looseFields(v: unknown): Omit<DraftStep, 'subSteps'> {
  const o = v !== null && typeof v === 'object' ? (v as Record<string, unknown>) : {};
  return {
    number: str(o.number),
    title: str(o.title),
    description: str(o.description),
    dependsOn: strings(o.dependsOn),
    produces: strings(o.produces),
    acceptanceCriteria: strings(o.acceptanceCriteria),
  };
}

function looseStep(v: unknown): DraftStep {
  const subs = v !== null && typeof v === 'object' ? (v as { subSteps?: unknown }).subSteps : undefined;
  return { ...looseFields(v), subSteps: Array.isArray(subs) ? subs.map(looseFields) : [] };
}

/** A reply the schema rejected, read leniently: what its steps say, defaults elsewhere. */
function looseDraft(raw: unknown): PlanDraft | null {
  if (raw === null || typeof raw !== 'object' || !Array.isArray((raw as { steps?: unknown }).steps)) return null;
  const o = raw as Record<string, unknown>;
  return {
    title: str(o.title),
    context: str(o.context),
    acceptanceCriteria: strings(o.acceptanceCriteria),
    steps: (o.steps as unknown[]).map(looseStep),
    risks: [],
    outstandingQuestions: [],
    effort: null,
    impact: null,
  };
}

/**
 * Every problem of a plan_draft reply the schema rejected: the schema's problems worded as the
 * plan shows each place, then the numbering, dependency and cycle problems its steps already
 * have, so that one repair turn names them all instead of spending an attempt on each kind.
 */
export function rejectedDraftProblems(raw: unknown, issues: readonly SchemaIssue[], header: DraftHeader): string[] {
  const draft = looseDraft(raw);
  const more = draft ? [...draftStructureProblems(draft, true), ...graphProblems(draftToPlan(draft, header))] : [];
  return cap([...planIssues(issues, raw), ...more]);
}

/** The same for a roadmap_draft reply: the schema's problems, then each child's steps. */
export function rejectedRoadmapProblems(raw: unknown, issues: readonly SchemaIssue[], headerFor: (planPath: string) => DraftHeader): string[] {
  const children =
    raw !== null && typeof raw === 'object' && Array.isArray((raw as { children?: unknown }).children) ? (raw as { children: unknown[] }).children : [];
  const more = children.flatMap((c, i) => {
    const draft = looseDraft(c);
    const slug = str((c as { slug?: unknown } | null)?.slug);
    return draft ? [...draftStructureProblems(draft, true), ...graphProblems(draftToPlan(draft, headerFor(slug)))].map((e) => childProblem(e, i, slug)) : [];
  });
  return cap([...planIssues(issues, raw), ...more]);
}

type Path = Array<string | number>;

/** First path where two JSON-like values differ, or null when they are equal. */
export function firstDifference(a: unknown, b: unknown, path: Path = []): { path: Path; a: unknown; b: unknown } | null {
  if (Object.is(a, b)) return null;
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.max(a.length, b.length); i++) {
      const d = firstDifference(a[i], b[i], [...path, i]);
      if (d) return d;
    }
    return null;
  }
  if (a && b && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a) && !Array.isArray(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    for (const k of keys) {
      const d = firstDifference((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], [...path, k]);
      if (d) return d;
    }
    return null;
  }
  return { path, a, b };
}

/** A value as it appears in a message: JSON, cut at 120 characters. */
export function show(v: unknown): string {
  const s = JSON.stringify(v) ?? 'nothing';
  return s.length > 120 ? `${s.slice(0, 120)}…` : s;
}

/** Render a plan and check that parsing the markdown gives the same model back. */
function renderChecked(plan: Plan): { markdown: string; problems: string[] } {
  const markdown = renderPlan(plan);
  const diff = firstDifference(plan, parsePlan(markdown).plan);
  const problems = diff
    ? [
        `${sentence(planPlace(diff.path, plan))} does not survive as markdown (wrote ${show(diff.a)}, read back ${show(diff.b)}); expected plain sentences without headings, "**Field:**" lines or list markers`,
      ]
    : [];
  return { markdown, problems };
}

/**
 * How lint findings are worded: `file` as `file:line:col rule message` (a document someone
 * wrote), `plan` as the message with its rule (a draft nobody has seen as a file yet), leaving
 * out the rules whose findings the structure and graph checks already name.
 */
type LintTerms = 'file' | 'plan';

/** Rules a draft's structure and graph checks cover, in the plan's own words. */
const COVERED_FOR_DRAFTS = new Set(['plan/depends-on', 'plan/dependency-cycle', 'plan/step-numbers']);

/** Lint of a plan text at `planPath` in the repository: error lines and the other findings. */
function lintChecked(repo: SpecRepo, planPath: string, markdown: string, terms: LintTerms = 'file'): { problems: string[]; warnings: Diagnostic[] } {
  const lint = lintPlanText(repo, planPath, markdown);
  const errors = lint.diagnostics.filter((d) => d.severity === 'error');
  return {
    problems:
      terms === 'file' ? errors.map(formatDiagnostic) : errors.filter((d) => !COVERED_FOR_DRAFTS.has(d.rule)).map((d) => `${sentence(d.message)} (${d.rule})`),
    warnings: lint.diagnostics.filter((d) => d.severity !== 'error'),
  };
}

function outcome(problems: readonly string[], plan: Plan, markdown: string, warnings: Diagnostic[]): Accepted {
  const capped = cap(problems);
  return capped.length ? { problems: capped, plan: null, markdown: null, warnings } : { problems: [], plan, markdown, warnings };
}

/** A plan model: step graph, render → parse back → compare, then lint at `planPath`. */
export function acceptPlan(repo: SpecRepo, planPath: string, plan: Plan, earlier: readonly string[] = [], terms: LintTerms = 'file'): Accepted {
  const { markdown, problems: rendering } = renderChecked(plan);
  const lint = lintChecked(repo, planPath, markdown, terms);
  return outcome([...earlier, ...graphProblems(plan), ...rendering, ...lint.problems], plan, markdown, lint.warnings);
}

/**
 * A schema-valid plan_draft, checked the way a hand-written plan is: structure, step graph,
 * render → parse back → compare, then the project's lint rules on the rendered text as if it
 * were written at `spec/plans/<planPath>/README.md`. Only error-severity findings block; every
 * problem is worded as the plan shows its place.
 */
export function acceptDraft(repo: SpecRepo, planPath: string, draft: PlanDraft, header: DraftHeader): Accepted {
  return acceptPlan(repo, planPath, draftToPlan(draft, header), draftStructureProblems(draft), 'plan');
}

/** A whole plan document as `read_plan` returns it: the plan schema first, then `acceptPlan`. */
export function acceptDocument(repo: SpecRepo, planPath: string, document: unknown): Accepted {
  const parsed = PlanSchema.safeParse(document);
  if (!parsed.success) return { problems: cap(planIssues(parsed.error.issues, document)), plan: null, markdown: null, warnings: [] };
  return acceptPlan(repo, planPath, parsed.data);
}

/** A plan written as markdown: parsed as it is, then linted at `planPath`. */
export function acceptMarkdown(repo: SpecRepo, planPath: string, markdown: string): Accepted {
  const lint = lintChecked(repo, planPath, markdown);
  return outcome(lint.problems, parsePlan(markdown).plan, markdown, lint.warnings);
}

/** One validated document of a drafted roadmap. */
export interface AcceptedDocument {
  planPath: string;
  file: string;
  plan: Plan;
  markdown: string;
}

const RESERVED = new Set(['acs', 'reports']);

function childProblem(message: string, i: number, slug: string): string {
  return `${sentence(planPlace(['children', i], { children: { [i]: { slug } } }))}: ${message.charAt(0).toLowerCase()}${message.slice(1)}`;
}

/**
 * A roadmap draft: its own fields, every child like a single plan (structure, step graph,
 * render → parse back), then lint of all documents in the repository as it will be.
 */
export function acceptRoadmapDraft(
  repo: SpecRepo,
  roadmapPath: string,
  draft: RoadmapDraft,
  headerFor: (planPath: string) => DraftHeader,
): { problems: string[]; roadmap: AcceptedDocument | null; children: AcceptedDocument[] } {
  const problems: string[] = [];
  if (!draft.title.trim()) problems.push('The title is empty; expected the roadmap title');
  if (!draft.context.trim()) problems.push('Section `## Context` is empty; expected 2-5 sentences');
  if (!draft.acceptanceCriteria.some((c) => c.trim())) problems.push('Section `## Acceptance criteria` is empty; expected at least one criterion');
  if (!draft.children.length) problems.push('Section `## Child Plans` is empty; expected the child plans (2-6)');
  const slugs = new Set<string>();
  draft.children.forEach((c, i) => {
    const slug = c.slug.trim();
    if (!isSafeSlug(slug) || RESERVED.has(slug))
      problems.push(
        `The slug of child plan ${i + 1} is "${c.slug}", which is not a valid plan slug; expected lower-case letters, digits and hyphens (not acs or reports)`,
      );
    if (slugs.has(slug)) problems.push(`The slug "${slug}" of child plan ${i + 1} is used twice; expected unique slugs`);
    slugs.add(slug);
    if (c.order < 1) problems.push(`The order of child plan ${i + 1} is ${c.order}; expected 1 or more`);
  });
  const roadmapPlan = roadmapToPlan(draft, headerFor(roadmapPath));
  const rendered = renderChecked(roadmapPlan);
  const roadmap: AcceptedDocument = { planPath: roadmapPath, file: planFile(roadmapPath), plan: roadmapPlan, markdown: rendered.markdown };
  problems.push(...rendered.problems);
  const children = draft.children.map((c, i) => {
    const planPath = `${roadmapPath}/${c.slug.trim()}`;
    const single = childAsPlanDraft(c);
    const plan = draftToPlan(single, headerFor(planPath));
    const child = renderChecked(plan);
    for (const e of [...draftStructureProblems(single), ...graphProblems(plan), ...child.problems]) problems.push(childProblem(e, i, c.slug));
    return { planPath, file: planFile(planPath), plan, markdown: child.markdown };
  });
  if (!problems.length) {
    const docs = [roadmap, ...children];
    const next = withChanges(
      repo,
      docs.map((d) => ({ file: d.file, content: d.markdown, before: null })),
    );
    problems.push(...lintChecked(next, roadmapPath, roadmap.markdown, 'plan').problems.map((e) => `The roadmap: ${e}`));
    children.forEach((c, i) =>
      problems.push(...lintChecked(next, c.planPath, c.markdown, 'plan').problems.map((e) => childProblem(e, i, draft.children[i]!.slug))),
    );
  }
  const capped = cap(problems);
  return capped.length ? { problems: capped, roadmap: null, children: [] } : { problems: [], roadmap, children };
}
