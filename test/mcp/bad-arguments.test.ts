import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APPROVED_PLAN, call, callOk, connectInMemory, makeRepo, removeRepo, type Connected } from '../support/mcp-helpers.js';
import { corpus } from '../support/corpus.js';

const SYNCHESTRA = corpus('synchestra-spec');

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

/** Every bad call must come back as isError with advice, and the next good call must work. */
async function expectAdvice(name: string, args: Record<string, unknown>, ...patterns: RegExp[]): Promise<string> {
  const res = await call(c.client, name, args);
  expect(res.isError, `${name} ${JSON.stringify(args)} → ${res.text}`).toBe(true);
  expect(res.structuredContent).toBeUndefined();
  if (process.env.SHOW_ERRORS) process.stderr.write(`${name}: ${res.text}\n`);
  for (const p of patterns) expect(res.text).toMatch(p);
  const after = await callOk<{ total: number }>(c.client, 'list_plans', { limit: 1 });
  expect(after.total).toBeGreaterThan(0);
  return res.text;
}

SYNCHESTRA.describe('bad arguments return isError with what to do, and the server keeps serving', () => {
  it('an unknown plan names the close matches and the tool that lists plans', async () => {
    const text = await expectAdvice('read_plan', { plan: 'chat-infrastructure' }, /no plan "chat-infrastructure"/i, /list_plans/);
    expect(text).toContain('chat-feature/chat-infrastructure');
    await expectAdvice('plan_graph', { plan: 'nope' }, /no plan "nope"/i);
    await expectAdvice('read_feature', { feature: 'no-such-feature' }, /no feature/i, /list_features/);
    await expectAdvice('read_proposal', { proposal: 'cli/nope' }, /no proposal/i, /list_proposals/);
  });

  it('paths that leave the root are refused before anything is read or written', async () => {
    await expectAdvice('read_plan', { plan: '../../etc/passwd' }, /not a valid plan path/, /below spec\/plans\//);
    await expectAdvice('read_feature', { feature: '../plans' }, /not a valid feature path/);
    await expectAdvice('lint_plans', { paths: ['../outside'] }, /outside the repository root/);
    await expectAdvice('lint_plans', { paths: ['/etc'] }, /absolute/);
    await expectAdvice('write_plan', { plan: '../escape', markdown: '# Plan: x\n' }, /not a valid plan path/);
    await expectAdvice('scaffold_plan', { slug: '../escape', title: 'x', author: '@a', features: ['cli'] }, /slug/);
    expect(() => readFileSync(path.join(root, '..', 'escape', 'README.md'))).toThrow();
  });

  it('wrong types are rejected by the input schema with the expected shape', async () => {
    await expectAdvice('read_plan', { plan: 42 }, /plan/, /expected "plan" as a string/);
    await expectAdvice('list_plans', { limit: 'ten' }, /limit/);
    await expectAdvice('list_plans', { limit: 100000 }, /limit/);
    await expectAdvice('set_plan_status', { plan: 'approved-plan', status: 'done' }, /status/);
    await expectAdvice('regenerate_whats_next', {}, /mode/);
    await expectAdvice('list_plans', { cursor: 'bogus' }, /cursor/, /nextCursor/);
  });

  it('an approved plan is never overwritten, and the advice is to supersede it', async () => {
    await expectAdvice(
      'write_plan',
      { plan: 'approved-plan', markdown: APPROVED_PLAN.replace('Do the thing', 'Do it differently') },
      /approved/,
      /new plan/,
      /set_plan_status/,
    );
    await expectAdvice('set_plan_status', { plan: 'approved-plan', status: 'draft' }, /approved/, /set_plan_status/);
    expect(readFileSync(path.join(root, 'spec/plans/approved-plan/README.md'), 'utf8')).toBe(APPROVED_PLAN);
  });

  it('write_plan returns every lint error as file:line rule message', async () => {
    const broken = ['# Plan: Broken', '', '**Status:** draft', '', '## Steps', '', '### 1. One', '', '**Depends on:** Step 7', ''].join('\n');
    const text = await expectAdvice(
      'write_plan',
      { plan: 'broken-plan', markdown: broken },
      /lint error/,
      /nothing was written/,
      /spec\/plans\/broken-plan\/README\.md:\d+:\d+ \S+ /,
    );
    expect(text.split('\n').filter((l) => l.startsWith('spec/plans/broken-plan/README.md:')).length).toBeGreaterThan(1);
    expect(() => readFileSync(path.join(root, 'spec/plans/broken-plan/README.md'))).toThrow();
  });

  it('write_plan refuses ambiguous or malformed documents with the fix', async () => {
    await expectAdvice('write_plan', { plan: 'x-plan' }, /exactly one of "markdown"/);
    await expectAdvice(
      'write_plan',
      { plan: 'x-plan', document: { title: 'x' } },
      /not a valid plan_draft/,
      /Section `## Context` is missing; expected a string/,
    );
    await expectAdvice('write_plan', { plan: 'x-plan', document: { title: 'x', header: {} } }, /plan schema/);
    await expectAdvice('write_plan', { plan: 'x-plan', markdown: '# Plan: X\n\n**Status:** approved\n' }, /must start as draft/, /set_plan_status/);
  });

  it('unknown tools are protocol errors, and the server keeps serving', async () => {
    const res = await call(c.client, 'no_such_tool', {});
    expect(res.isError).toBe(true);
    expect(res.text).toMatch(/not found/);
    expect((await callOk<{ total: number }>(c.client, 'list_plans')).total).toBeGreaterThan(0);
  });
});
