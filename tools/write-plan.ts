import { isDeepStrictEqual } from 'node:util';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import type { OperationContext, PlannedOperation } from '../src/app/unit-of-work.js';
import type { Diagnostic } from '../src/model/common.js';
import { PlanDraftSchema, type DraftHeader } from '../src/model/draft.js';
import { PlanSchema } from '../src/model/plan.js';
import { parsePlan } from '../src/parse/plan.js';
import { renderPlan } from '../src/render/plan.js';
import { checkSpecPath, resolveHref } from '../src/model/paths.js';
import type { SpecRepo } from '../src/model/repository.js';
import type { ToolContext } from './context.js';
import { ok, run, ToolFailure } from './result.js';
import { dryRunArg, planArg } from './schemas.js';

const MAX_MARKDOWN = 1024 * 1024;

const input = {
  plan: planArg,
  markdown: z.string().max(MAX_MARKDOWN).optional().describe('Whole plan document. Give this or document'),
  document: z.record(z.string(), z.unknown()).optional().describe('A plan_draft (draft_plan prompt) or a read_plan document'),
  feature: z.string().optional().describe('Source feature of a new plan given as plan_draft'),
  proposal: z.string().optional().describe('Source proposal of a new plan given as plan_draft'),
  author: z.string().optional().describe('Author of a new plan given as plan_draft'),
  dryRun: dryRunArg,
};

const output = {
  plan: z.string(),
  created: z.boolean().describe('True when the plan did not exist'),
  written: z.array(z.string()).describe('Files written (would be, with dryRun)'),
  warnings: z.array(z.string()).describe('file:line:col rule message'),
};

/** The modules a write needs, imported on first use (they are not needed to start the server). */
async function modules() {
  const [draft, source, validate, create, gate, operation, lint] = await Promise.all([
    import('../src/drafting/draft-plan.js'),
    import('../src/drafting/source.js'),
    import('../src/lint/acceptance.js'),
    import('../src/lifecycle/create-plan.js'),
    import('../src/lint/gate.js'),
    import('../src/app/unit-of-work.js'),
    import('../src/lint/index.js'),
  ]);
  return {
    DEFAULT_DRAFT_AUTHOR: draft.DEFAULT_DRAFT_AUTHOR,
    draftHeader: source.draftHeader,
    resolveSource: source.resolveSource,
    validateDraft: validate.validateDraft,
    planCreation: create.planCreation,
    requireLintClean: gate.requireLintClean,
    runOperation: operation.runOperation,
    lintPlanText: lint.lintPlanText,
  };
}
type Modules = Awaited<ReturnType<typeof modules>>;

type Args = { plan: string; markdown?: string | undefined; document?: Record<string, unknown> | undefined; feature?: string | undefined; proposal?: string | undefined; author?: string | undefined };

function format(d: Diagnostic): string {
  return `${d.file}:${d.line}:${d.column} ${d.rule} ${d.message}`;
}

function issuesOf(error: z.ZodError, prefix: string): string {
  return error.issues.slice(0, 10).map((i) => `${prefix}${i.path.length ? `.${i.path.join('.')}` : ''}: ${i.message}`).join('\n');
}

/** Header of an existing plan, reused when a plan_draft replaces its body. */
function headerOf(m: Modules, repo: SpecRepo, planPath: string): DraftHeader | null {
  const h = repo.plans.get(planPath)?.parsed.plan.header;
  if (!h) return null;
  return { features: h.features, sourceType: h.sourceType === 'change-request' ? 'change-request' : 'feature', source: h.source ?? '', author: h.author ?? m.DEFAULT_DRAFT_AUTHOR, created: h.created ?? '' };
}

/** The markdown to write, from markdown, a full plan document, or a plan_draft; validated. */
function documentText(m: Modules, repo: SpecRepo, planPath: string, args: Args, today: string): { text: string; proposal: string | null } {
  if ((args.markdown === undefined) === (args.document === undefined)) {
    throw new ToolFailure('give exactly one of "markdown" (the whole plan document) or "document" (a structured plan)', 'pass the plan as markdown text, or as document: a plan_draft object or the document read_plan returns');
  }
  if (args.markdown !== undefined) {
    const text = args.markdown.replace(/\r\n?/g, '\n');
    return { text: text.endsWith('\n') ? text : `${text}\n`, proposal: null };
  }
  const doc = args.document!;
  if ('header' in doc) {
    const parsed = PlanSchema.safeParse(doc);
    if (!parsed.success) throw new ToolFailure('the document does not match the plan schema', `fix these (the shape read_plan returns as document):\n${issuesOf(parsed.error, 'document')}`);
    const text = renderPlan(parsed.data);
    if (!isDeepStrictEqual(parsePlan(text).plan, parsed.data)) {
      throw new ToolFailure('the document does not survive rendering to markdown', 'keep field values plain text without headings, "**Field:**" lines or list markers, or send the plan as markdown');
    }
    return { text, proposal: null };
  }
  const draft = PlanDraftSchema.safeParse(doc);
  if (!draft.success) throw new ToolFailure('the document is not a valid plan_draft', `fix these (see the JSON Schema in the draft_plan prompt):\n${issuesOf(draft.error, 'document')}`);
  let header = headerOf(m, repo, planPath);
  let proposal: string | null = null;
  if (!header) {
    if ((args.feature === undefined) === (args.proposal === undefined)) throw new ToolFailure('a new plan given as plan_draft needs its source', 'pass feature (path below spec/features/) or proposal (feature/proposal-slug), not both');
    const source = m.resolveSource(repo, args.feature !== undefined ? { kind: 'feature', feature: args.feature } : { kind: 'proposal', proposal: args.proposal! });
    proposal = source.proposal?.id ?? null;
    header = m.draftHeader(planPath, source, (args.author ?? m.DEFAULT_DRAFT_AUTHOR).trim() || m.DEFAULT_DRAFT_AUTHOR, today);
  }
  const checked = m.validateDraft(repo, planPath, draft.data, header);
  if (checked.errors.length || !checked.markdown || !checked.plan) throw new ToolFailure(`the plan_draft has ${checked.errors.length} problem(s); nothing was written`, `fix these and call write_plan again:\n${checked.errors.join('\n')}`);
  // A plan_draft replacing an in_review plan keeps that status (drafts are written as draft).
  const current = repo.plans.get(planPath)?.parsed.plan.header.status;
  if (current && current !== checked.plan.header.status) return { text: renderPlan({ ...checked.plan, header: { ...checked.plan.header, status: current } }), proposal };
  return { text: checked.markdown, proposal };
}

/** The proposal (`feature/slug`) a change-request plan's Source links to, if any. */
function sourceProposal(repo: SpecRepo, file: string, text: string): string | null {
  const h = parsePlan(text).plan.header;
  if (h.sourceType !== 'change-request' || !h.source) return null;
  for (const m of h.source.matchAll(/\]\(([^)\s]+)\)/g)) {
    const target = resolveHref(file, m[1]!)?.replace(/\/README\.md$/i, '');
    const hit = [...repo.proposals.values()].find((p) => p.file.replace(/\/README\.md$/, '') === target);
    if (hit) return hit.id;
  }
  return null;
}

interface Written {
  plan: string;
  created: boolean;
  warnings: Diagnostic[];
}

/** The operation: create the plan (with roadmap row and proposal link) or replace a draft/in_review one. */
function writeOperation(m: Modules, op: OperationContext, planPath: string, args: Args): PlannedOperation<Written> {
  const { repo } = op;
  const existing = repo.plans.get(planPath);
  const current = existing?.parsed.plan.header.status ?? null;
  if (current === 'approved' || current === 'superseded') {
    throw new ToolFailure(
      `plan ${planPath} is ${current}, and ${current} plans are never modified`,
      current === 'approved' ? 'write the new approach as a new plan, then call set_plan_status with status "superseded" and by naming the new plan' : 'work on its successor instead',
    );
  }
  const { text, proposal } = documentText(m, repo, planPath, args, op.today);
  const status = parsePlan(text).plan.header.status;
  const expected = current ?? 'draft';
  if (status !== expected) {
    throw new ToolFailure(`the document's **Status:** is ${status ?? '(missing)'}, but plan ${planPath} ${existing ? 'is' : 'must start as'} ${expected}`, `write **Status:** ${expected}; change the status only with set_plan_status`);
  }
  const lint = m.lintPlanText(repo, planPath, text);
  const errors = lint.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length) {
    throw new ToolFailure(`the plan has ${errors.length} lint error${errors.length === 1 ? '' : 's'}; nothing was written`, `fix these and call write_plan again:\n${errors.map(format).join('\n')}`);
  }
  const warnings = lint.diagnostics.filter((d) => d.severity !== 'error');
  if (!existing) {
    const created = m.planCreation(op, { plan: planPath, document: text, proposal: proposal ?? sourceProposal(repo, `spec/plans/${planPath}/README.md`, text) });
    return { ...created, result: { plan: created.result.plan, created: true, warnings } };
  }
  return {
    changes: [{ file: existing.file, content: text, before: existing.text }],
    result: { plan: planPath, created: false, warnings },
    check: (next) => m.requireLintClean(next, existing.file, `write plan ${planPath}`),
  };
}

/** `write_plan`: validate a plan from the client's model and write it with index and back-references. */
export function registerWritePlanTool(server: McpServer, ctx: ToolContext): void {
  server.registerTool(
    'write_plan',
    {
      description: 'Create or replace a draft/in_review plan from markdown or a document. Lint errors come back as file:line rule message to fix.',
      inputSchema: input,
      outputSchema: output,
      annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: false },
    },
    (args) =>
      run(ctx.log, 'write_plan', async () => {
        const planPath = checkSpecPath('plan', args.plan);
        const m = await modules();
        const outcome = await m.runOperation(ctx.root, (op) => writeOperation(m, op, planPath, args), { today: ctx.today(), dryRun: args.dryRun === true });
        if (outcome.written.length) ctx.changed(outcome.written);
        const files = args.dryRun ? outcome.changes.map((c) => c.file) : outcome.written;
        const r = outcome.result;
        const head = `${args.dryRun ? 'Would write' : r.created ? 'Created' : 'Updated'} plan ${r.plan}: ${files.join(', ') || 'no change'}`;
        const warn = r.warnings.length ? `\n${r.warnings.length} warning(s):\n${r.warnings.map(format).join('\n')}` : '';
        return ok({ plan: r.plan, created: r.created, written: files, warnings: r.warnings.map(format) }, head + warn);
      }),
  );
}
