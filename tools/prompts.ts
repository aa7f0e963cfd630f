import { completable } from '@modelcontextprotocol/sdk/server/completable.js';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { ErrorCode, McpError, type GetPromptResult } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import { PlanDraftSchema } from '../src/model/draft.js';
import { SpecscorePlanDraftSchema } from '../src/model/specscore-draft.js';
import type { ToolContext } from './context.js';
import { findPlan } from '../src/app/lookup.js';
import { errorText, ToolFailure } from './result.js';

function userMessage(text: string, description: string): GetPromptResult {
  return { description, messages: [{ role: 'user', content: { type: 'text', text } }] };
}

/** The template's system and user parts as one user message (MCP prompts have no system role). */
function asOne(p: { system: string; user: string }, tail = ''): string {
  return [p.system, p.user, tail].filter(Boolean).join('\n\n');
}

/** Prompt errors are protocol errors: bad arguments are invalid params (-32602) saying what to pass instead. */
function explain(e: unknown): never {
  const text = errorText(e);
  if (text !== null) throw new McpError(ErrorCode.InvalidParams, text);
  throw new McpError(ErrorCode.InternalError, (e as Error)?.message ?? String(e));
}

/**
 * Prompts from `prompts/`: `draft_plan` (the spec, conventions and the plan_draft JSON Schema, so
 * the client's own model drafts and then calls write_plan, no API key needed), `review_plan`
 * and `suggest_effort_impact`.
 */
export function registerPrompts(server: McpServer, ctx: ToolContext): void {
  const planNames = (value?: string) => [...ctx.repo().plans.keys()].filter((k) => k.startsWith(value ?? '')).slice(0, 100);
  const featureNames = (value?: string) => [...ctx.repo().features.keys()].filter((k) => k.startsWith(value ?? '')).slice(0, 100);

  server.registerPrompt(
    'draft_plan',
    {
      title: 'Draft a development plan',
      description: 'Draft a plan for a feature spec or an approved proposal with your own model, then save it with write_plan.',
      argsSchema: {
        feature: completable(z.string().optional().describe('Feature path, e.g. cli; or give proposal'), featureNames),
        proposal: z.string().optional().describe('Approved proposal feature/slug; or give feature'),
        slug: z.string().optional().describe('Plan slug (default from the source)'),
        parent: z.string().optional().describe('Roadmap to put the plan under'),
      },
    },
    async (args) => {
      try {
        const { draftPlanPrompt } = await import('../src/app/prompts.js');
        if (!args.feature === !args.proposal)
          throw new ToolFailure('give exactly one of feature or proposal', 'pass feature (e.g. cli) or proposal (e.g. cli/batch-mode)');
        const prompt = draftPlanPrompt(ctx.repo(), {
          source: args.feature ? { kind: 'feature', feature: args.feature } : { kind: 'proposal', proposal: args.proposal! },
          slug: args.slug,
          parent: args.parent,
        });
        const planPath = prompt.planPath;
        const sourceArg = `${prompt.sourceKind}: "${prompt.sourceId}"`;
        const tail = [
          `When the plan_draft object is ready, save it by calling the write_plan tool with plan: "${planPath}", ${sourceArg}, author: the user's handle (e.g. "@alex"), and document: the plan_draft object.`,
          'write_plan validates it like a hand-written plan (schema, numbering, dependencies, lint rules) and writes nothing when something is wrong: it returns every problem, so fix them and call it again.',
          'The plan_draft JSON Schema:',
          '```json',
          JSON.stringify(z.toJSONSchema(prompt.format === 'specscore' ? SpecscorePlanDraftSchema : PlanDraftSchema)),
          '```',
        ].join('\n');
        return userMessage(asOne(prompt, tail), `Draft ${planPath} from ${prompt.sourceId}`);
      } catch (e) {
        return explain(e);
      }
    },
  );

  server.registerPrompt(
    'review_plan',
    {
      title: 'Review a plan',
      description: 'Review a plan against the format, its lint findings and its features before approval.',
      argsSchema: { plan: completable(z.string().describe('Plan path below spec/plans/'), planNames) },
    },
    async (args) => {
      try {
        const { reviewPlanPrompt } = await import('../src/app/prompts.js');
        const repo = ctx.repo();
        const entry = findPlan(repo, args.plan);
        const prompt = reviewPlanPrompt(repo, entry);
        return userMessage(asOne(prompt), `Review ${entry.path}`);
      } catch (e) {
        return explain(e);
      }
    },
  );

  server.registerPrompt(
    'suggest_effort_impact',
    {
      title: 'Suggest effort and impact',
      description: 'Argue effort and impact for a plan from its content and the rule-based estimate.',
      argsSchema: { plan: completable(z.string().describe('Plan path below spec/plans/'), planNames) },
    },
    async (args) => {
      try {
        const { suggestPrompt } = await import('../src/app/prompts.js');
        const repo = ctx.repo();
        const entry = findPlan(repo, args.plan);
        const prompt = suggestPrompt(repo, entry);
        const tail = `To record the values the user accepts, call the apply_effort_impact tool with plan: "${entry.path}", effort and impact (only draft and in_review plans can change).`;
        return userMessage(asOne(prompt, tail), `Effort and impact for ${entry.path}`);
      } catch (e) {
        return explain(e);
      }
    },
  );
}
