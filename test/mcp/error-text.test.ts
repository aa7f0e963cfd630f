import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APPROVED_PLAN, call, callOk, connectInMemory, makeRepo, removeRepo, type Connected } from '../support/mcp-helpers.js';
import { corpus } from '../support/corpus.js';

const SYNCHESTRA = corpus('synchestra-spec');

/** A command line or an option of the CLI: the MCP server names tool calls and arguments instead. */
const CLI_SYNTAX = /\bspecplan [a-z]|\bwhats-next --|(^|[\s(`"'])--[a-z]/;

const BROKEN = ['# Plan: Broken', '', '**Status:** draft', '', '## Steps', '', '### 1. One', '', '**Depends on:** Step 7', ''].join('\n');

/** Neither the plan schema nor a plan_draft. */
const NOT_A_PLAN = {
  title: 'Orphan',
  header: { author: '@alex', created: '2026-04-01' },
  context: 'No source.',
  acceptanceCriteria: ['Done'],
  steps: [{ number: '1', title: 'Do', dependsOn: [], acceptanceCriteria: ['Done'] }],
};

/** Error paths a client can reach, each with the arguments that reach it. */
const PATHS: ReadonlyArray<[string, string, Record<string, unknown>]> = [
  ['unknown plan', 'read_plan', { plan: 'chat-infrastructure' }],
  ['unknown plan in a graph', 'plan_graph', { plan: 'nope' }],
  ['unknown plan in a status', 'plan_status', { plan: 'nope' }],
  ['invalid plan path', 'read_plan', { plan: '../../etc/passwd' }],
  ['unknown feature', 'read_feature', { feature: 'no-such-feature' }],
  ['not a proposal id', 'read_proposal', { proposal: 'nope' }],
  ['unknown proposal', 'read_proposal', { proposal: 'cli/nope' }],
  ['cursor not from this server', 'list_plans', { cursor: 'bogus' }],
  ['frozen plan rewritten', 'write_plan', { plan: 'approved-plan', markdown: APPROVED_PLAN.replace('Do the thing', 'Do it differently') }],
  ['transition from approved', 'set_plan_status', { plan: 'approved-plan', status: 'draft' }],
  ['approval of a draft', 'set_plan_status', { plan: 'chat-feature/chat-infrastructure', status: 'approved', approver: '@jordan' }],
  ['supersede without a successor', 'set_plan_status', { plan: 'chat-feature/chat-infrastructure', status: 'superseded' }],
  ['approval without an approver', 'set_plan_status', { plan: 'chat-feature/chat-infrastructure', status: 'approved' }],
  ['lint errors', 'write_plan', { plan: 'broken-plan', markdown: BROKEN }],
  ['new plan written approved', 'write_plan', { plan: 'x-plan', markdown: '# Plan: X\n\n**Status:** approved\n' }],
  ['document of another shape', 'write_plan', { plan: 'orphan-plan', document: NOT_A_PLAN }],
  ['missing feature to draft from', 'draft_plan', { feature: 'no-such-feature', provider: 'none', dryRun: true }],
  ['missing proposal to draft from', 'draft_plan', { proposal: 'cli/nope', provider: 'none', dryRun: true }],
  ['missing feature to scaffold from', 'scaffold_plan', { slug: 'orphan-plan', title: 'Orphan', author: '@alex', features: ['no-such-feature'], dryRun: true }],
  ['existing slug scaffolded again', 'scaffold_plan', { slug: 'approved-plan', title: 'Again', author: '@alex', features: ['cli'], dryRun: true }],
  ['unknown plan to estimate', 'suggest_effort_impact', { plan: 'nope', provider: 'none' }],
  ['estimate written into an approved plan', 'apply_effort_impact', { plan: 'approved-plan', effort: 'S' }],
  ['estimate written through the reading tool', 'suggest_effort_impact', { plan: 'approved-plan', provider: 'none', apply: true }],
  ['unknown plan to export', 'export_plan', { plan: 'nope', to: 'work-items' }],
  ['missing feature to import into', 'import_plan', { from: 'execplan', markdown: '# X\n', feature: 'no-such-feature', dryRun: true }],
  ['lint path outside the root', 'lint_plans', { paths: ['../outside'] }],
];

let root: string;
let c: Connected;

beforeAll(async () => {
  root = makeRepo({ git: false, small: true });
  c = await connectInMemory(root);
});
afterAll(async () => {
  await c?.close();
  removeRepo(root);
});

SYNCHESTRA.describe('MCP errors name tool calls, never CLI syntax', () => {
  it.each(PATHS)('%s (%s)', async (_what, tool, args) => {
    const res = await call(c.client, tool, args);
    expect(res.isError, `${tool} ${JSON.stringify(args)} → ${res.text}`).toBe(true);
    if (process.env.SHOW_ERRORS) process.stderr.write(`${tool}: ${res.text}\n`);
    expect(res.text).not.toMatch(CLI_SYNTAX);
    expect((await callOk<{ total: number }>(c.client, 'list_plans', { limit: 1 })).total).toBeGreaterThan(0);
  });

  it('resource and prompt errors too', async () => {
    for (const uri of ['specscore://plans/nope', 'specscore://features/nope', 'specscore://plans/..%2F..%2Fetc']) {
      const err = await c.client.readResource({ uri }).then(
        () => null,
        (e: Error) => e.message,
      );
      expect(err, uri).toBeTruthy();
      expect(err).not.toMatch(CLI_SYNTAX);
    }
    for (const [name, args] of [
      ['review_plan', { plan: 'nope' }],
      ['suggest_effort_impact', { plan: 'nope' }],
      ['draft_plan', {}],
    ] as const) {
      const err = await c.client.getPrompt({ name, arguments: args }).then(
        () => null,
        (e: Error) => e.message,
      );
      expect(err, name).toBeTruthy();
      expect(err).not.toMatch(CLI_SYNTAX);
    }
  });
});
