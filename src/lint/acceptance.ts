import { buildStepGraph } from '../analysis/step-graph.js';
import { lintPlanText } from './index.js';
import type { Diagnostic } from '../model/common.js';
import { childAsPlanDraft, draftToPlan, normalizeStepRef, roadmapToPlan, type DraftHeader, type PlanDraft, type RoadmapDraft } from '../model/draft.js';
import { isSafeSlug } from '../model/paths.js';
import { PlanSchema, type Plan } from '../model/plan.js';
import { planFile, type SpecRepo } from '../model/repository.js';
import { schemaIssues } from '../model/schema-issues.js';
import { parsePlan } from '../parse/plan.js';
import { withChanges } from '../parse/with-changes.js';
import { renderPlan } from '../render/plan.js';

/**
 * The one acceptance pipeline for plans that do not come from a person's editor: drafts of a
 * model (`draft`, `sync`, prose imports, the repair loop), imported plans, documents sent to
 * `write_plan`, and the review gate of submit and approve. Schema → structure → step graph →
 * render → parse back → lint, with one wording of every problem and one cap.
 */

/** Most problems listed at once (one repair turn, one refusal). */
const MAX_PROBLEMS = 40;

/** Most problems named inside a one-sentence message. */
const MAX_INLINE = 5;

/** A document that passed (problems empty) or the problems that keep it out. */
export interface Accepted {
  /** Problems, one sentence each; empty when the document may be written. */
  problems: string[];
  plan: Plan | null;
  markdown: string | null;
  /** Lint findings below error severity (the document is written anyway). */
  warnings: Diagnostic[];
}

/** A lint finding as one line: `file:line:col rule message`. */
export function formatDiagnostic(d: Diagnostic): string {
  return `${d.file}:${d.line}:${d.column} ${d.rule} ${d.message}`;
}

/** De-duplicated problems, capped. */
export function cap(problems: readonly string[]): string[] {
  return [...new Set(problems)].slice(0, MAX_PROBLEMS);
}

/** Problems named inside one sentence: the first few, joined. */
export function inlineProblems(problems: readonly string[]): string {
  return problems.slice(0, MAX_INLINE).join('; ');
}

/**
 * Structural problems of a draft that the schema cannot express: numbering, unknown or self
 * dependencies, empty required text. Messages name the JSON path and say what is expected.
 */
function draftStructureProblems(draft: PlanDraft): string[] {
  const out: string[] = [];
  if (!draft.title.trim()) out.push('title: is empty; expected the plan title');
  if (!draft.context.trim()) out.push('context: is empty; expected 2-5 sentences on why the plan exists and the approach');
  if (!draft.acceptanceCriteria.some((c) => c.trim())) out.push('acceptanceCriteria: is empty; expected at least one plan-level criterion');
  if (!draft.steps.length) out.push('steps: is empty; expected at least one step');
  const known = new Set<string>();
  for (const s of draft.steps) {
    known.add(s.number.trim());
    s.subSteps.forEach((sub) => known.add(sub.number.trim()));
  }
  const listing = [...known].join(', ');
  draft.steps.forEach((s, i) => {
    const want = String(i + 1);
    if (s.number.trim() !== want) out.push(`steps[${i}].number: is "${s.number}"; expected "${want}" (steps are numbered 1, 2, 3 … in order)`);
    if (!s.title.trim()) out.push(`steps[${i}].title: is empty; expected a short imperative title`);
    s.subSteps.forEach((sub, j) => {
      const wantSub = `${s.number.trim()}.${j + 1}`;
      if (sub.number.trim() !== wantSub)
        out.push(
          `steps[${i}].subSteps[${j}].number: is "${sub.number}"; expected "${wantSub}" (sub-steps of step ${s.number.trim()} are numbered ${s.number.trim()}.1, ${s.number.trim()}.2 …)`,
        );
      if (!sub.title.trim()) out.push(`steps[${i}].subSteps[${j}].title: is empty; expected a short imperative title`);
    });
    const check = (path: string, own: string, deps: readonly string[]) => {
      deps.forEach((d, k) => {
        const ref = normalizeStepRef(d);
        if (ref === own) out.push(`${path}.dependsOn[${k}]: step ${own} depends on itself; expected only earlier steps`);
        else if (!known.has(ref)) out.push(`${path}.dependsOn[${k}]: names step "${d}", which does not exist; expected one of ${listing}`);
      });
    };
    check(`steps[${i}]`, s.number.trim(), s.dependsOn);
    s.subSteps.forEach((sub, j) => check(`steps[${i}].subSteps[${j}]`, sub.number.trim(), sub.dependsOn));
  });
  const seen = new Set<string>();
  for (const n of draft.steps.flatMap((s) => [s.number.trim(), ...s.subSteps.map((x) => x.number.trim())])) {
    if (seen.has(n)) out.push(`steps: number "${n}" is used twice; expected unique step numbers`);
    seen.add(n);
  }
  return out;
}

/** Problems of a plan's step graph (cycles through declared and implicit edges). */
function graphProblems(plan: Plan): string[] {
  const g = buildStepGraph(plan);
  return g.cycles.map(
    (c) =>
      `steps: dependency cycle ${c.map((n) => `Step ${n}`).join(' → ')}; a step cannot wait for itself, directly or through others (a sub-step already runs inside its parent step)`,
  );
}

/** First path where two JSON-like values differ, or null when they are equal. */
export function firstDifference(a: unknown, b: unknown, path = ''): { path: string; a: unknown; b: unknown } | null {
  if (Object.is(a, b)) return null;
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.max(a.length, b.length); i++) {
      const d = firstDifference(a[i], b[i], `${path}[${i}]`);
      if (d) return d;
    }
    return null;
  }
  if (a && b && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a) && !Array.isArray(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    for (const k of keys) {
      const d = firstDifference((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], path ? `${path}.${k}` : k);
      if (d) return d;
    }
    return null;
  }
  return { path: path || '(root)', a, b };
}

/** A value as it appears in a message: JSON, cut at 120 characters. */
export function show(v: unknown): string {
  const s = JSON.stringify(v) ?? 'undefined';
  return s.length > 120 ? `${s.slice(0, 120)}…` : s;
}

/** Plan-model path → draft path for messages (`steps[0].body` → `steps[0].description`). */
function draftPath(p: string): string {
  return p.replace(/\.body\b/, '.description');
}

/** Render a plan and check that parsing the markdown gives the same model back. */
function renderChecked(plan: Plan): { markdown: string; problems: string[] } {
  const markdown = renderPlan(plan);
  const diff = firstDifference(plan, parsePlan(markdown).plan);
  const problems = diff
    ? [
        `${draftPath(diff.path)}: does not survive as markdown (wrote ${show(diff.a)}, read back ${show(diff.b)}); expected plain sentences without headings, "**Field:**" lines or list markers`,
      ]
    : [];
  return { markdown, problems };
}

/** Lint of a plan text at `planPath` in the repository: error lines and the other findings. */
function lintChecked(repo: SpecRepo, planPath: string, markdown: string): { problems: string[]; warnings: Diagnostic[] } {
  const lint = lintPlanText(repo, planPath, markdown);
  return {
    problems: lint.diagnostics.filter((d) => d.severity === 'error').map(formatDiagnostic),
    warnings: lint.diagnostics.filter((d) => d.severity !== 'error'),
  };
}

function outcome(problems: readonly string[], plan: Plan, markdown: string, warnings: Diagnostic[]): Accepted {
  const capped = cap(problems);
  return capped.length ? { problems: capped, plan: null, markdown: null, warnings } : { problems: [], plan, markdown, warnings };
}

/** A plan model: step graph, render → parse back → compare, then lint at `planPath`. */
export function acceptPlan(repo: SpecRepo, planPath: string, plan: Plan, earlier: readonly string[] = []): Accepted {
  const { markdown, problems: rendering } = renderChecked(plan);
  const lint = lintChecked(repo, planPath, markdown);
  return outcome([...earlier, ...graphProblems(plan), ...rendering, ...lint.problems], plan, markdown, lint.warnings);
}

/**
 * A schema-valid plan_draft, checked the way a hand-written plan is: structure, step graph,
 * render → parse back → compare, then the project's lint rules on the rendered text as if it
 * were written at `spec/plans/<planPath>/README.md`. Only error-severity findings block.
 */
export function acceptDraft(repo: SpecRepo, planPath: string, draft: PlanDraft, header: DraftHeader): Accepted {
  return acceptPlan(repo, planPath, draftToPlan(draft, header), draftStructureProblems(draft));
}

/** A whole plan document as `read_plan` returns it: the plan schema first, then `acceptPlan`. */
export function acceptDocument(repo: SpecRepo, planPath: string, document: unknown): Accepted {
  const parsed = PlanSchema.safeParse(document);
  if (!parsed.success) return { problems: cap(schemaIssues(parsed.error.issues, document, 'document')), plan: null, markdown: null, warnings: [] };
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
  return /^[a-zA-Z]+[[.:]/.test(message) ? `children[${i}].${message}` : `children[${i}] (${slug}): ${message}`;
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
  if (!draft.title.trim()) problems.push('title: is empty; expected the roadmap title');
  if (!draft.context.trim()) problems.push('context: is empty; expected 2-5 sentences');
  if (!draft.acceptanceCriteria.some((c) => c.trim())) problems.push('acceptanceCriteria: is empty; expected at least one criterion');
  if (!draft.children.length) problems.push('children: is empty; expected the child plans (2-6)');
  const slugs = new Set<string>();
  draft.children.forEach((c, i) => {
    const slug = c.slug.trim();
    if (!isSafeSlug(slug) || RESERVED.has(slug))
      problems.push(`children[${i}].slug: "${c.slug}" is not a valid plan slug; expected lower-case letters, digits and hyphens (not acs or reports)`);
    if (slugs.has(slug)) problems.push(`children[${i}].slug: "${slug}" is used twice; expected unique slugs`);
    slugs.add(slug);
    if (c.order < 1) problems.push(`children[${i}].order: is ${c.order}; expected 1 or more`);
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
    problems.push(...lintChecked(next, roadmapPath, roadmap.markdown).problems.map((e) => `roadmap: ${e}`));
    children.forEach((c, i) => problems.push(...lintChecked(next, c.planPath, c.markdown).problems.map((e) => childProblem(e, i, draft.children[i]!.slug))));
  }
  const capped = cap(problems);
  return capped.length ? { problems: capped, roadmap: null, children: [] } : { problems: [], roadmap, children };
}
