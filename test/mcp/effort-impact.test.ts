import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, callOk, connectInMemory, makeRepo, removeRepo, type Connected } from '../support/mcp-helpers.js';

let root: string;
let c: Connected;
const file = 'spec/plans/estimated/README.md';
const read = () => readFileSync(path.join(root, file), 'utf8');

const PLAN = `# Plan: Estimated

**Status:** draft
**Features:**
  - [cli](../../features/cli/README.md)
**Source type:** feature
**Source:** [CLI feature spec](../../features/cli/)
**Author:** @alex
**Created:** 2026-04-01
**Effort:** M
**Impact:** high

## Context

Why.

## Acceptance criteria

- It works

## Steps

### 1. One

**Depends on:** (none)

**Acceptance criteria:**
- One works

### 2. Two

**Depends on:** Step 1

**Acceptance criteria:**
- Two works

## Outstanding Questions

None at this time.
`;

beforeAll(async () => {
  root = makeRepo({ git: false, small: true });
  c = await connectInMemory(root, { today: '2026-04-02' });
  await callOk(c.client, 'write_plan', { plan: 'estimated', markdown: PLAN });
});
afterAll(async () => {
  await c?.close();
  removeRepo(root);
});

describe('effort and impact through MCP: a reading tool and a writing tool', () => {
  it('suggest_effort_impact only reads, and apply_effort_impact is marked destructive', async () => {
    const { tools } = await c.client.listTools();
    const byName = new Map(tools.map((t) => [t.name, t]));
    expect(byName.get('suggest_effort_impact')?.annotations).toMatchObject({ readOnlyHint: true, destructiveHint: false });
    expect(byName.get('apply_effort_impact')?.annotations).toMatchObject({ readOnlyHint: false, destructiveHint: true, openWorldHint: false });
    const before = read();
    const res = await call(c.client, 'suggest_effort_impact', { plan: 'estimated', provider: 'none', apply: true });
    expect(res.isError).toBe(true);
    expect(res.text).toContain('apply_effort_impact');
    expect(read()).toBe(before);
  });

  it('apply_effort_impact writes exactly the value given and keeps the declared one that was not overridden', async () => {
    const out = await callOk<{ effort: string; impact: string; written: string[] }>(c.client, 'apply_effort_impact', {
      plan: 'estimated',
      effort: 'S',
    });
    expect(out).toMatchObject({ effort: 'S', impact: 'high' });
    expect(out.written).toContain(file);
    expect(read()).toContain('**Effort:** S\n**Impact:** high\n');
  });

  it('dryRun writes nothing; an override that contradicts the plan is written and named', async () => {
    const before = read();
    const dry = await callOk<{ written: string[] }>(c.client, 'apply_effort_impact', { plan: 'estimated', effort: 'M', dryRun: true });
    expect(dry.written).toContain(file);
    expect(read()).toBe(before);
    const forced = await call(c.client, 'apply_effort_impact', { plan: 'estimated', effort: 'XL' });
    expect(forced.isError).toBeFalsy();
    expect(forced.text).toMatch(/! override kept although effort XL but the plan has 2 steps/);
    expect(read()).toContain('**Effort:** XL\n**Impact:** high\n');
    writeFileSync(path.join(root, file), PLAN);
  });
});
