import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { readPlan } from '../src/app/read-plans.js';
import { StepStateSchema } from '../src/model/plan-state.js';
import type { ToolContext } from './context.js';
import { documentText, resourceLink } from './document-text.js';
import { readView } from './read-view.js';
import { planUri } from './resources.js';
import { ok, run } from './result.js';
import { planArg, ProgressOut, withMarkdownArg } from './schemas.js';

const input = {
  plan: planArg,
  withMarkdown: withMarkdownArg,
};

const output = {
  plan: z.string(),
  file: z.string().describe('Root-relative path of the plan document'),
  format: z.enum(['seed', 'specscore']).describe('seed, or specscore (the current format)'),
  status: z.string().nullable().describe('Status as written'),
  derivedStatus: z.string().nullable(),
  roadmap: z.boolean(),
  parent: z.string().nullable(),
  children: z.array(z.string()),
  document: z.record(z.string(), z.unknown()).describe('Parsed plan; same shape as write_plan document'),
  progress: ProgressOut.extend({
    steps: z.array(z.object({ number: z.string(), state: StepStateSchema })),
  }),
  blockedBy: z.array(z.string()).describe('Unfinished plans this one waits for'),
  graph: z.object({
    layers: z.array(z.array(z.string())).describe('Parallel layers of step numbers'),
    criticalPath: z.array(z.string()),
    cycles: z.array(z.array(z.string())),
  }),
  markdown: z.string().optional(),
};

/** `read_plan`: one plan's parsed structure, derived status, progress and graph summary. */
export function registerReadPlanTool(server: McpServer, ctx: ToolContext): void {
  server.registerTool(
    'read_plan',
    {
      title: 'Read a plan',
      description: 'Read one plan: its markdown, parsed document, derived status, step progress, blockers and dependency graph summary.',
      inputSchema: input,
      outputSchema: output,
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    (args) =>
      run(ctx.log, 'read_plan', async () => {
        const { entry, format, facts, graph: g } = readPlan(await readView(ctx), args.plan);
        const v = facts.view;
        const result = {
          plan: entry.path,
          file: entry.file,
          format,
          status: facts.status,
          derivedStatus: facts.derivedStatus,
          roadmap: facts.roadmap,
          parent: entry.parent,
          children: [...entry.children],
          document: entry.parsed.plan as unknown as Record<string, unknown>,
          progress: {
            done: v.progress.done,
            total: v.progress.total,
            completed: v.completed,
            completedOn: v.completedOn,
            inProgress: v.inProgress,
            steps: v.steps.map((s) => ({ number: s.number, state: s.state })),
          },
          blockedBy: v.blockers.plans,
          graph: g,
          ...(args.withMarkdown ? { markdown: entry.text } : {}),
        };
        const steps = v.steps.map((st) => `${st.number} ${st.state}`).join(', ');
        const text = [
          `${entry.path}: ${facts.title}`,
          `status ${facts.status ?? '(none)'}${facts.derivedStatus !== facts.status ? ` (derived ${facts.derivedStatus ?? 'none'})` : ''}${facts.roadmap ? ', roadmap' : ''}${entry.parent ? `, parent ${entry.parent}` : ''}`,
          facts.roadmap ? `children: ${entry.children.join(', ') || '(none)'}` : '',
          `progress ${v.progress.done}/${v.progress.total} steps${v.completed ? `, completed${v.completedOn ? ` on ${v.completedOn}` : ''}` : v.inProgress ? ', in progress' : ''}${steps ? `: ${steps}` : ''}`,
          `blocked by: ${v.blockers.plans.join(', ') || '(nothing)'}`,
          `layers: ${g.layers.map((l) => `[${l.join(', ')}]`).join(' ') || '(none)'}; critical path: ${g.criticalPath.join(' → ') || '(none)'}${g.cycles.length ? `; dependency cycles: ${g.cycles.map((c) => c.join(' → ')).join('; ')}` : ''}`,
          `The plan document follows; to change a draft or in_review plan, edit it and pass it whole to write_plan as markdown.`,
          documentText(entry.file, entry.text, planUri(entry.path)),
        ].filter(Boolean);
        return ok(result, text.join('\n'), [resourceLink(planUri(entry.path), entry.path, facts.title)]);
      }),
  );
}
