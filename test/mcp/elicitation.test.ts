import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { ElicitRequestSchema, type ElicitRequest, type ElicitResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, callOk, connectInMemory, makeRepo, removeRepo, type Connected } from '../support/mcp-helpers.js';

let root: string;
let c: Connected;
const asked: ElicitRequest['params'][] = [];
let answer: (req: ElicitRequest['params']) => ElicitResult = () => ({ action: 'decline' });

beforeAll(async () => {
  root = makeRepo({ git: false, small: true });
  const client = new Client({ name: 'elicit', version: '1.0.0' }, { capabilities: { elicitation: {} } });
  client.setRequestHandler(ElicitRequestSchema, (req) => {
    asked.push(req.params);
    return answer(req.params);
  });
  c = await connectInMemory(root, { client });
});
afterAll(async () => {
  await c?.close();
  removeRepo(root);
});

const file = (plan: string) => path.join(root, `spec/plans/${plan}/README.md`);

describe('a person decides what cannot be undone, when the client can ask', () => {
  it('approving asks for the approver and a confirmation, and records the approver given', async () => {
    await callOk(c.client, 'scaffold_plan', { slug: 'to-approve', title: 'To approve', author: '@alex', features: ['cli'] });
    // The scaffold's placeholders must be replaced before review: fill them in as an author would.
    const scaffold = readFileSync(file('to-approve'), 'utf8');
    const filled = scaffold
      .replace(/### 1\. First step/, '### 1. Parse the batch file')
      .replace(/^(\s*-?\s*)TODO: .*$/gm, (_m, lead: string) => `${lead}Batch files of up to 10,000 rows are read in one pass.`);
    await callOk(c.client, 'write_plan', { plan: 'to-approve', markdown: filled });
    await callOk(c.client, 'set_plan_status', { plan: 'to-approve', status: 'in_review' });
    expect(asked).toHaveLength(0);
    answer = () => ({ action: 'accept', content: { approver: '@dana', confirm: true } });
    const out = await callOk<{ to: string }>(c.client, 'set_plan_status', { plan: 'to-approve', status: 'approved', approver: '@model-guess' });
    expect(out.to).toBe('approved');
    expect(asked.at(-1)!.message).toMatch(/Approve plan to-approve\?/);
    expect(readFileSync(file('to-approve'), 'utf8')).toContain('**Approver:** @dana');
  });

  it('superseding confirms the successor; declining writes nothing', async () => {
    await callOk(c.client, 'scaffold_plan', { slug: 'successor-plan', title: 'Successor', author: '@alex', features: ['cli'] });
    const before = readFileSync(file('to-approve'), 'utf8');
    answer = () => ({ action: 'decline' });
    const res = await call(c.client, 'set_plan_status', { plan: 'to-approve', status: 'superseded', by: 'successor-plan' });
    expect(res.isError).toBe(true);
    expect(res.text).toMatch(/did not confirm/);
    expect(asked.at(-1)!.message).toMatch(/Supersede plan to-approve by successor-plan\?/);
    expect(readFileSync(file('to-approve'), 'utf8')).toBe(before);
    answer = () => ({ action: 'accept', content: { confirm: true } });
    expect((await callOk<{ to: string }>(c.client, 'set_plan_status', { plan: 'to-approve', status: 'superseded', by: 'successor-plan' })).to).toBe(
      'superseded',
    );
  });

  it('asks nothing when the transition is refused anyway: the plan is checked before the person is asked', async () => {
    await callOk(c.client, 'scaffold_plan', { slug: 'still-draft', title: 'Still a draft', author: '@alex', features: ['cli'] });
    const before = asked.length;
    answer = () => ({ action: 'accept', content: { approver: '@dana', confirm: true } });
    // A draft cannot be approved (it is not in review), and an unknown successor cannot supersede.
    const approve = await call(c.client, 'set_plan_status', { plan: 'still-draft', status: 'approved', approver: '@dana' });
    expect(approve.isError).toBe(true);
    const approveNoApprover = await call(c.client, 'set_plan_status', { plan: 'still-draft', status: 'approved' });
    expect(approveNoApprover.isError).toBe(true);
    const supersede = await call(c.client, 'set_plan_status', { plan: 'still-draft', status: 'superseded', by: 'no-such-plan' });
    expect(supersede.isError).toBe(true);
    expect(asked.length).toBe(before);
    expect(readFileSync(file('still-draft'), 'utf8')).toContain('**Status:** draft');
  });
});
