import { buildStepGraph } from '../analysis/step-graph.js';
import { lintPlanText } from './index.js';
import { draftToPlan, normalizeStepRef, type DraftHeader, type PlanDraft } from '../model/draft.js';
import type { Plan } from '../model/plan.js';
import { parsePlan } from '../parse/plan.js';
import { renderPlan } from '../render/plan.js';
import type { SpecRepo } from '../model/repository.js';

/** Most problems sent back in one repair turn. */
const MAX_ERRORS = 40;

/**
 * Structural problems of a draft that the schema cannot express: numbering, unknown or self
 * dependencies, cycles, empty required text. Messages name the JSON path and say what is expected.
 */
export function draftStructureProblems(draft: PlanDraft): string[] {
  const out: string[] = [];
  if (!draft.title.trim()) out.push('title: is empty; expected the plan title');
  if (!draft.context.trim()) out.push('context: is empty; expected 2-5 sentences on why the plan exists and the approach');
  if (!draft.acceptanceCriteria.some((c) => c.trim())) out.push('acceptanceCriteria: is empty; expected at least one plan-level criterion');
  if (!draft.steps.length) out.push('steps: is empty; expected at least one step');
  const known = new Set<string>();
  draft.steps.forEach((s, i) => {
    known.add(s.number.trim());
    s.subSteps.forEach((sub) => known.add(sub.number.trim()));
    void i;
  });
  const listing = [...known].join(', ');
  draft.steps.forEach((s, i) => {
    const want = String(i + 1);
    if (s.number.trim() !== want) out.push(`steps[${i}].number: is "${s.number}"; expected "${want}" (steps are numbered 1, 2, 3 … in order)`);
    if (!s.title.trim()) out.push(`steps[${i}].title: is empty; expected a short imperative title`);
    s.subSteps.forEach((sub, j) => {
      const wantSub = `${s.number.trim()}.${j + 1}`;
      if (sub.number.trim() !== wantSub) out.push(`steps[${i}].subSteps[${j}].number: is "${sub.number}"; expected "${wantSub}" (sub-steps of step ${s.number.trim()} are numbered ${s.number.trim()}.1, ${s.number.trim()}.2 …)`);
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

/** Problems of the converted plan's step graph (cycles through declared and implicit edges). */
export function graphProblems(plan: Plan): string[] {
  const g = buildStepGraph(plan);
  return g.cycles.map((c) => `steps: dependency cycle ${c.map((n) => `Step ${n}`).join(' → ')}; a step cannot wait for itself, directly or through others (a sub-step already runs inside its parent step)`);
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

function show(v: unknown): string {
  const s = JSON.stringify(v) ?? 'undefined';
  return s.length > 120 ? `${s.slice(0, 120)}…` : s;
}

/** Plan-model path → draft path for messages (`steps[0].body` → `steps[0].description`). */
function draftPath(p: string): string {
  return p.replace(/\.body\b/, '.description').replace(/^risks$/, 'risks').replace(/^outstandingQuestions$/, 'outstandingQuestions');
}

export interface ValidatedDraft {
  /** Problems; empty when the draft may be written. */
  errors: string[];
  plan: Plan | null;
  markdown: string | null;
}

/** Render a plan and check that parsing the markdown gives the same model back. */
export function renderChecked(plan: Plan): { markdown: string; errors: string[] } {
  const markdown = renderPlan(plan);
  const diff = firstDifference(plan, parsePlan(markdown).plan);
  const errors = diff
    ? [`${draftPath(diff.path)}: does not survive as markdown (wrote ${show(diff.a)}, read back ${show(diff.b)}); expected plain sentences without headings, "**Field:**" lines or list markers`]
    : [];
  return { markdown, errors };
}

/** Error-severity lint findings for a plan text at `planPath`, quoting the rendered line. */
export function lintErrors(repo: SpecRepo, planPath: string, markdown: string): string[] {
  const lint = lintPlanText(repo, planPath, markdown);
  const lines = markdown.split('\n');
  return lint.diagnostics
    .filter((d) => d.severity === 'error')
    .map((d) => {
      const at = (lines[d.line - 1] ?? '').trim();
      return `lint ${d.rule} at rendered line ${d.line}${at ? ` "${at.length > 80 ? `${at.slice(0, 80)}…` : at}"` : ''}: ${d.message}`;
    });
}

/** De-duplicated problems, capped for one repair turn. */
export function capErrors(errors: readonly string[]): string[] {
  return [...new Set(errors)].slice(0, MAX_ERRORS);
}

/**
 * Validate a schema-valid draft the way a hand-written plan is checked: structure, step graph,
 * render → parse back → compare, then the project's lint rules on the rendered text as if it
 * were written at `spec/plans/<planPath>/README.md`. Only error-severity findings block.
 */
export function validateDraft(repo: SpecRepo, planPath: string, draft: PlanDraft, header: DraftHeader): ValidatedDraft {
  const plan = draftToPlan(draft, header);
  const { markdown, errors: rendering } = renderChecked(plan);
  const errors = capErrors([...draftStructureProblems(draft), ...graphProblems(plan), ...rendering, ...lintErrors(repo, planPath, markdown)]);
  return errors.length ? { errors, plan: null, markdown: null } : { errors: [], plan, markdown };
}
