import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, connectInMemory, makeRepo, removeRepo, type Connected } from '../support/mcp-helpers.js';

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

/** Tools that rewrite content already on disk: approving freezes, superseding is final, the index and report are regenerated. */
const REWRITING = ['write_plan', 'set_plan_status', 'update_index', 'regenerate_whats_next'];

describe('annotations say what a tool does to existing content', () => {
  it('marks every tool that rewrites existing files as destructive', async () => {
    const { tools } = await c.client.listTools();
    for (const name of REWRITING) {
      const t = tools.find((x) => x.name === name)!;
      expect(t.annotations, name).toMatchObject({ readOnlyHint: false, destructiveHint: true });
    }
  });

  it('offers the read use of update_index as a read-only tool', async () => {
    const { tools } = await c.client.listTools();
    expect(tools.find((t) => t.name === 'check_index')?.annotations?.readOnlyHint).toBe(true);
    const res = await call(c.client, 'check_index');
    expect(res.isError, res.text).toBeFalsy();
    expect(res.structuredContent).toHaveProperty('drift');
  });
});
