import type { Diagnostic } from '../model/common.js';
import { PlanSchema } from '../model/plan-schema.js';
import type { Plan } from '../model/plan.js';
import type { PlanEntry, SpecRepo } from '../model/repository.js';
import { schemaIssues } from '../model/schema-issues.js';
import { specscorePlanFromDraft, type SpecscoreDraftHeader, type SpecscorePlanDraft } from '../model/specscore-draft.js';
import { featureAcSlugs } from '../parse/feature-acs.js';
import { parseSpecscorePlan } from '../parse/specscore-plan.js';
import { renderSpecscorePlan } from '../render/specscore-plan.js';
import { planPlace, sentence, stepLabel } from '../model/plan-places.js';
import { firstDifference, show, type Accepted } from './acceptance.js';
import { cap, formatDiagnostic } from './problem-wording.js';
import { lintRepo } from './index.js';

/*
 * The acceptance pipeline's path for the current SpecScore format: schema → structure → canonical
 * render → parse back → the same model → lint with the format's rules, as if
 * the document were written at its file (the task graph is checked there). Same wording and cap
 * as the seed path.
 */

/** Lint of a current-format plan text written at `file` (plan path `planPath`): errors, and the other findings. */
function lintAt(repo: SpecRepo, planPath: string, file: string, text: string): { problems: string[]; warnings: Diagnostic[] } {
  const existing = repo.plans.get(planPath);
  const entry: PlanEntry = {
    ...(existing ?? { path: planPath, file, parent: null, children: [], extraFiles: [], acs: [], reports: [] }),
    text,
    parsed: parseSpecscorePlan(text, file),
  };
  const plans = new Map(repo.plans);
  plans.set(planPath, entry);
  const all = lintRepo({ ...repo, plans, findings: [] }, { paths: [file] }).diagnostics;
  return {
    problems: all.filter((d) => d.severity === 'error').map(formatDiagnostic),
    warnings: all.filter((d) => d.severity !== 'error'),
  };
}

/** Render a model and check that parsing the markdown back gives the same model. */
function renderChecked(plan: Plan, file: string): { markdown: string; problems: string[] } {
  const markdown = renderSpecscorePlan(plan);
  const back = parseSpecscorePlan(markdown, file).plan;
  // The tasks first: text that breaks out of a task shows up there before it shows up as a section.
  const diff = firstDifference(plan.steps, back.steps, ['steps']) ?? firstDifference(plan, back);
  // Named as the document shows the place: its steps are the format's tasks.
  const where = diff ? sentence(planPlace(diff.path, plan)).replace(/\bStep (\d)/g, 'Task $1') : '';
  return {
    markdown,
    problems: diff
      ? [
          `${where} does not survive as markdown (wrote ${show(diff.a)}, read back ${show(diff.b)}); expected plain sentences without headings, "**Field:**" lines or list markers`,
        ]
      : [],
  };
}

function outcome(problems: readonly string[], plan: Plan, markdown: string, warnings: Diagnostic[]): Accepted {
  const capped = cap(problems);
  return capped.length ? { problems: capped, plan: null, markdown: null, warnings } : { problems: [], plan, markdown, warnings };
}

/** A plan model of the current format at `file`: render → parse back → compare, then lint (dependency cycles included). */
export function acceptSpecscorePlan(repo: SpecRepo, planPath: string, file: string, plan: Plan, earlier: readonly string[] = []): Accepted {
  const { markdown, problems } = renderChecked(plan, file);
  const lint = lintAt(repo, planPath, file, markdown);
  return outcome([...earlier, ...problems, ...lint.problems], plan, markdown, lint.warnings);
}

/**
 * Problems of a drafted plan the schema cannot express: empty text, a task that verifies no
 * criterion of its source feature (or one the feature does not have), unknown or self
 * dependencies. Messages name each place as the plan shows it (sections, "Task N (title)") and
 * say what is expected.
 */
function draftProblems(repo: SpecRepo, draft: SpecscorePlanDraft, header: SpecscoreDraftHeader): string[] {
  const out: string[] = [];
  if (!draft.title.trim()) out.push('The title is empty; expected the plan title');
  if (!draft.summary.trim()) out.push('Section `## Summary` is empty; expected 1-3 sentences on what the plan covers');
  if (!draft.approach.trim()) out.push('Section `## Approach` is empty; expected one paragraph on how the work is decomposed');
  if (!draft.tasks.length) out.push('Section `## Tasks` has no task; expected at least one task');
  const feature = header.source.kind === 'feature' ? header.source.feature : null;
  const acs = feature ? featureAcSlugs(repo.features.get(feature)?.text ?? '') : [];
  const count = draft.tasks.length;
  draft.tasks.forEach((t, i) => {
    const own = String(i + 1);
    const task = stepLabel(own, t.title).replace(/^Step/, 'Task');
    if (!t.title.trim()) out.push(`${task} has no title; expected a short imperative title`);
    if (feature && !t.verifies.some((v) => v.trim()))
      out.push(`${task} verifies nothing; expected at least one acceptance criterion of feature ${feature}: ${acs.join(', ') || '(it has none)'}`);
    t.dependsOn.forEach((d) => {
      const ref = d
        .trim()
        .replace(/^tasks?\s*/i, '')
        .replace(/\.$/, '');
      if (ref === own) out.push(`${task} depends on itself; expected only other tasks`);
      else if (!/^\d+$/.test(ref) || Number(ref) < 1 || Number(ref) > count)
        out.push(`${task} depends on task "${d}", which does not exist; expected a number from 1 to ${count}`);
    });
  });
  return out;
}

/** A schema-valid drafted plan of the current format, checked the way a hand-written one is. */
export function acceptSpecscoreDraft(repo: SpecRepo, planPath: string, draft: SpecscorePlanDraft, header: SpecscoreDraftHeader): Accepted {
  return acceptSpecscorePlan(repo, planPath, header.file, specscorePlanFromDraft(draft, header), draftProblems(repo, draft, header));
}

/** A whole plan document as `read_plan` returns it, in the current format: the plan schema, then `acceptSpecscorePlan`. */
export function acceptSpecscoreDocument(repo: SpecRepo, planPath: string, file: string, document: unknown): Accepted {
  const parsed = PlanSchema.safeParse(document);
  if (!parsed.success) return { problems: cap(schemaIssues(parsed.error.issues, document, 'document')), plan: null, markdown: null, warnings: [] };
  return acceptSpecscorePlan(repo, planPath, file, parsed.data);
}

/** A current-format plan written as markdown: parsed as it is, then linted at `file`. */
export function acceptSpecscoreMarkdown(repo: SpecRepo, planPath: string, file: string, markdown: string): Accepted {
  const lint = lintAt(repo, planPath, file, markdown);
  return outcome(lint.problems, parseSpecscorePlan(markdown, file).plan, markdown, lint.warnings);
}
