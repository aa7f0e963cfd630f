import { z } from 'zod';
import { StepStateSchema } from '../model/plan-state.js';
import { artifactKey } from './execution-plan-chunks.js';
import type { ExportInput } from './export-input.js';
import { stepId } from './step-ids.js';

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

const WORK_ITEMS_FORMAT = 'specscore-work-items/1';

/** One work item per plan step or sub-step. */
const ExportedWorkItemSchema = z.object({
  id: z.string().describe('Stable id `plan#2.1`: the ledger (plan + step) and `Plan-Step:` trailers use it, so status flows back'),
  plan: z.string().describe('Plan path below spec/plans/'),
  step: z.string().describe('Step number "2" or sub-step "2.1"'),
  parent: z.string().nullable().describe('Id of the parent step for a sub-step, else null'),
  title: z.string().describe('Step title'),
  description: z.string().describe('Step description (markdown)'),
  dependsOn: z.array(z.string()).describe("Ids this item waits for: declared dependencies, those inherited from the parent step, and a step's own sub-steps"),
  declaredDependsOn: z.array(z.string()).describe('Ids named in the step\'s own "Depends on" field'),
  acceptanceCriteria: z.array(z.string()).describe('Step-level acceptance criteria, to copy into the work item description'),
  produces: z.array(z.string()).describe('Artifacts the step produces; the work is not complete until they exist'),
  consumes: z
    .array(z.object({ from: z.string().describe('Id of the producing step'), artifact: z.string() }))
    .describe('Artifacts of the steps this item waits for'),
  phase: z.number().int().min(1).describe('Parallel layer of the step DAG (1 = can start at once)'),
  criticalPath: z.boolean().describe('On the longest dependency chain'),
  link: z.string().describe('Root-relative link to the step heading in the plan'),
  status: StepStateSchema.describe('Derived from the ledger and Plan-Step trailers'),
  workItems: z.array(z.string()).describe('Ids of ledger items / commits that cover this step'),
  trailer: z.string().describe('Commit trailer that marks this step done'),
});
type ExportedWorkItem = z.infer<typeof ExportedWorkItemSchema>;

export const WorkItemsExportSchema = z.object({
  format: z.literal(WORK_ITEMS_FORMAT),
  plan: z.string().describe('Plan path below spec/plans/'),
  title: z.string(),
  status: z.string().nullable().describe('Plan status (work items are normally generated from approved plans)'),
  file: z.string().describe('Root-relative path of the plan README'),
  features: z.array(z.string()).describe('Feature paths the plan touches'),
  acceptanceCriteria: z.array(z.string()).describe('Plan-level criteria for integration and end-to-end tests'),
  progress: z.object({ done: z.number().int(), total: z.number().int() }).describe('Level-1 steps done / total'),
  items: z.array(ExportedWorkItemSchema),
});
export type WorkItemsExport = z.infer<typeof WorkItemsExportSchema>;

/** The work-items export of a plan (pure): one item per step and sub-step, in document order. */
export function exportWorkItems(input: ExportInput): WorkItemsExport {
  const byNumber = new Map(input.nodes.map((n) => [n.number, n]));
  const items = input.nodes.map((n): ExportedWorkItem => {
    const consumes = n.after
      .flatMap((dep) => (byNumber.get(dep)?.step.produces ?? []).map((artifact) => ({ from: stepId(input.planPath, dep), artifact })))
      .sort((a, b) => (a.from === b.from ? cmp(artifactKey(a.artifact), artifactKey(b.artifact)) : 0));
    return {
      id: n.id,
      plan: input.planPath,
      step: n.number,
      parent: n.parent ? stepId(input.planPath, n.parent) : null,
      title: n.step.title,
      description: n.step.body,
      dependsOn: n.after.map((d) => stepId(input.planPath, d)),
      declaredDependsOn: n.declared.map((d) => stepId(input.planPath, d)),
      acceptanceCriteria: [...n.step.acceptanceCriteria],
      produces: [...n.step.produces],
      consumes,
      phase: n.layer + 1,
      criticalPath: n.critical,
      link: n.anchor ? `${input.file}#${n.anchor}` : input.file,
      status: n.status.state,
      workItems: n.status.items,
      trailer: `Plan-Step: ${n.id}`,
    };
  });
  const top = input.nodes.filter((n) => n.parent === null);
  return {
    format: WORK_ITEMS_FORMAT,
    plan: input.planPath,
    title: input.plan.title,
    status: input.plan.header.status,
    file: input.file,
    features: input.features,
    acceptanceCriteria: [...(input.plan.acceptanceCriteria ?? [])],
    progress: { done: top.filter((n) => n.status.state === 'done').length, total: top.length },
    items,
  };
}
