import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EVERY_TOOL } from './every-tool.js';
import { call, connectInMemory, makeRepo, removeRepo, type Connected } from '../support/mcp-helpers.js';

let root: string;
let c: Connected;

beforeAll(async () => {
  root = makeRepo({ small: true });
  c = await connectInMemory(root);
});
afterAll(async () => {
  await c?.close();
  removeRepo(root);
});

/** What git sees changed in the working tree (nothing may change when a call is refused). */
function changedFiles(): string {
  return execFileSync('git', ['status', '--porcelain', '--untracked-files=all'], { cwd: root, encoding: 'utf8' });
}

const VALID = new Map(EVERY_TOOL);

describe('every tool refuses arguments it does not know', () => {
  it('walks tools/list: an unknown key is an error naming it and the accepted ones, and nothing is written', async () => {
    const { tools } = await c.client.listTools();
    expect(tools.length).toBeGreaterThanOrEqual(17);
    for (const t of tools) {
      const accepted = Object.keys(t.inputSchema.properties ?? {});
      const args = { ...(VALID.get(t.name) ?? {}), dry_run: true };
      const before = changedFiles();
      const res = await call(c.client, t.name, args);
      expect(res.isError, `${t.name} accepted dry_run: ${res.text.slice(0, 200)}`).toBe(true);
      expect(res.text, t.name).toContain('unknown argument "dry_run"');
      for (const k of accepted) expect(res.text, t.name).toContain(k);
      if (accepted.includes('dryRun')) expect(res.text, t.name).toContain('did you mean "dryRun"?');
      expect(changedFiles(), t.name).toBe(before);
    }
  });

  it('every writing tool takes the same dryRun flag', async () => {
    const { tools } = await c.client.listTools();
    const writing = tools.filter((t) => t.annotations?.readOnlyHint !== true);
    expect(writing.length).toBeGreaterThanOrEqual(7);
    for (const t of writing) expect((t.inputSchema.properties as Record<string, { type?: string }>)?.dryRun?.type, t.name).toBe('boolean');
  });

  it('a misspelled safety flag never runs the call: set_plan_status, update_index, scaffold_plan', async () => {
    const before = changedFiles();
    const plan = path.join(root, 'spec/plans/chat-feature/chat-infrastructure/README.md');
    const text = readFileSync(plan, 'utf8');
    const approve = await call(c.client, 'set_plan_status', { plan: 'chat-feature/chat-infrastructure', status: 'in_review', dry_run: true });
    expect(approve.isError).toBe(true);
    expect(readFileSync(plan, 'utf8')).toBe(text);
    const index = await call(c.client, 'update_index', { dryrun: true });
    expect(index.text).toContain('did you mean "dryRun"?');
    const scaffold = await call(c.client, 'scaffold_plan', { slug: 'typo-plan', title: 'Typo', author: '@alex', features: ['cli'], 'dry-run': true });
    expect(scaffold.isError).toBe(true);
    expect(existsSync(path.join(root, 'spec/plans/typo-plan'))).toBe(false);
    expect(changedFiles()).toBe(before);
  });

  it('update_index with dryRun reports the drift and writes nothing', async () => {
    rmSync(path.join(root, 'spec/plans/README.md'));
    const before = changedFiles();
    const res = await call(c.client, 'update_index', { dryRun: true });
    expect(res.isError, res.text).toBeFalsy();
    expect(res.structuredContent).toMatchObject({ drift: expect.arrayContaining(['spec/plans/README.md']), written: [] });
    expect(changedFiles()).toBe(before);
  });
});
