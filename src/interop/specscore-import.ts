import { bulletList } from '../markdown/writer.js';
import type { Plan, Step, SubStep } from '../model/plan.js';
import { specscorePlanFromDraft, type SpecscoreDraftHeader } from '../model/specscore-draft.js';

/** A step's description with what the current format has no field for: its artifacts and criteria, as plain text. */
function taskBody(step: Step | SubStep): string {
  return [
    step.body,
    step.produces.length ? `Produces:\n\n${bulletList(step.produces)}` : '',
    step.acceptanceCriteria.length ? `Done when:\n\n${bulletList(step.acceptanceCriteria)}` : '',
  ]
    .filter((p) => p.trim() !== '')
    .join('\n\n');
}

/**
 * An imported plan (the plan model the importers build) as a plan of the current SpecScore
 * format, in the shape its parser reads: the header of a new Draft plan (`header`), the context
 * as the Summary, an Approach saying where the plan came from, every step and sub-step as a task
 * in order (sub-step 2.1 becomes task 2.1) keeping its dependencies, with its artifacts and
 * criteria in its description and `**Verifies:** —` (an import cannot know which acceptance
 * criteria of the feature a step implements), the plan-level criteria, risks and questions kept.
 * Pure.
 */
export function importedAsSpecscore(plan: Plan, header: SpecscoreDraftHeader, approach: string): Plan {
  const base = specscorePlanFromDraft(
    { title: plan.title, summary: plan.context ?? '', approach, tasks: [], openQuestions: [], effort: null, impact: null },
    header,
  );
  const tasks: Step[] = (plan.steps ?? [])
    .flatMap((s) => [s, ...s.subSteps])
    .map((s) => ({
      number: s.number,
      title: s.title,
      body: taskBody(s),
      dependsOn: s.dependsOn ?? [],
      produces: [],
      acceptanceCriteria: [],
      extraFields: [
        { name: 'Verifies', value: '—' },
        { name: 'Status', value: 'planning' },
      ],
      subSteps: [],
    }));
  return {
    ...base,
    header: { ...base.header, effort: plan.header.effort, impact: plan.header.impact },
    acceptanceCriteria: plan.acceptanceCriteria?.length ? plan.acceptanceCriteria : null,
    steps: tasks,
    risks: plan.risks,
    outstandingQuestions: plan.outstandingQuestions ?? base.outstandingQuestions,
  };
}
