import type { Diagnostic } from '../model/common.js';
import type { Plan } from '../model/plan.js';
import { planFormatOf } from '../parse/repo-format.js';
import type { ParsedPlan } from '../model/parsed.js';
import type { PlanEntry, SpecRepo } from '../model/repository.js';

/** A section body as the repository rules see it: whether there is one, not what it says. */
function presence(body: string | null): string | null {
  return body === null ? null : '';
}

/**
 * A plan as the rules that look across documents see it: everything its model says (header,
 * steps and their fields, child plans, acceptance criteria, positions, findings, the current
 * format's facts) except its prose: the document's text, the step bodies, the bodies of its
 * sections and the line ranges of those sections are left out. Editing a plan's prose therefore
 * cannot change what those rules report, and a lint run that finds only prose changed keeps
 * their findings (see `planOutlineText`).
 */
export function planOutline(entry: PlanEntry): PlanEntry {
  const p = entry.parsed.plan;
  const plan: Plan = {
    ...p,
    preamble: '',
    context: presence(p.context),
    steps: p.steps?.map((s) => ({ ...s, body: '', subSteps: s.subSteps.map((x) => ({ ...x, body: '' })) })) ?? null,
    stepsPreamble: '',
    childPlansNotes: '',
    dependencyGraph: presence(p.dependencyGraph),
    risks: presence(p.risks),
    outstandingQuestions: presence(p.outstandingQuestions),
    extraSections: p.extraSections.map((x) => ({ ...x, body: '' })),
  };
  const parsed: ParsedPlan = { ...entry.parsed, plan, sections: {} };
  return { ...entry, text: '', parsed };
}

/** The repository as the rules that look across documents see it: every plan as its outline. */
export function repositoryView(repo: SpecRepo): SpecRepo {
  const plans = new Map<string, PlanEntry>();
  for (const [k, e] of repo.plans) plans.set(k, planOutline(e));
  return { ...repo, plans };
}

/**
 * What the outline hash of a plan is taken of: its format, its outline's model (from
 * `planOutline`) and the findings made while decoding its bytes (the repository rules see all
 * three). Two versions of a plan with the same text here look the same to every repository rule.
 */
export function planOutlineText(outline: PlanEntry, decoding: readonly Diagnostic[]): string {
  const parsed = outline.parsed;
  return JSON.stringify([planFormatOf(outline), { ...parsed, positions: parsed.positions.listing() }, decoding]);
}
