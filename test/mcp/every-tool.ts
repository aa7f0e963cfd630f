import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { expect } from 'vitest';

const SPAWNED_PLAN = `# Plan: Spawned plan

**Status:** draft
**Features:**
  - [cli](../../features/cli/README.md)
**Source type:** feature
**Source:** [CLI feature spec](../../features/cli/)
**Author:** @alex
**Created:** 2026-04-01

## Context

Written by the MCP tests through a spawned server.

## Acceptance criteria

- The plan round-trips through write_plan

## Steps

### 1. First

**Depends on:** (none)

**Acceptance criteria:**
- First is done

### 2. Second

**Depends on:** Step 1

**Acceptance criteria:**
- Second is done

## Outstanding Questions

None at this time.
`;

const EXECPLAN = `# Dark mode

## Objective

Users can switch the interface to a dark theme.

## Success Criteria

- [ ] The choice persists across reloads

## Execution Steps

1. Define the theme tokens
2. Add the toggle to the settings page
`;

/** Arguments for a valid call of every tool, in an order where each call's preconditions hold. */
export const EVERY_TOOL: ReadonlyArray<[string, Record<string, unknown>]> = [
  ['list_features', { limit: 5 }],
  ['read_feature', { feature: 'cli' }],
  ['list_proposals', {}],
  ['read_proposal', { proposal: 'cli/batch-mode' }],
  ['list_plans', {}],
  ['read_plan', { plan: 'chat-feature/chat-infrastructure' }],
  ['lint_plans', { paths: ['spec/plans/approved-plan'] }],
  ['plan_graph', { plan: 'chat-feature' }],
  ['plan_status', { plan: 'chat-feature' }],
  ['read_whats_next', {}],
  ['scaffold_plan', { slug: 'spawned-plan', title: 'Spawned plan', author: '@alex', features: ['cli'] }],
  ['write_plan', { plan: 'spawned-plan', markdown: SPAWNED_PLAN }],
  ['suggest_effort_impact', { plan: 'spawned-plan' }],
  ['apply_effort_impact', { plan: 'spawned-plan', effort: 'S' }],
  ['set_plan_status', { plan: 'spawned-plan', status: 'in_review' }],
  ['draft_plan', { feature: 'api', slug: 'api-draft', provider: 'none' }],
  ['update_index', {}],
  ['regenerate_whats_next', { mode: 'full' }],
  ['export_plan', { plan: 'approved-plan', to: 'work-items' }],
  ['import_plan', { from: 'execplan', markdown: EXECPLAN, feature: 'ui', slug: 'dark-mode', dryRun: true }],
];

/** The CONTRACTS tools; the optional interop tools are called when the server lists them. */
export const CONTRACT_TOOLS = EVERY_TOOL.slice(0, 18).map(([n]) => n);

/** Call every listed tool once with valid arguments; each must succeed with structured content. */
export async function callEveryTool(client: Client): Promise<Map<string, CallToolResult>> {
  const { tools } = await client.listTools();
  const listed = new Set(tools.map((t) => t.name));
  for (const n of CONTRACT_TOOLS) expect(listed.has(n), `tools/list lacks ${n}`).toBe(true);
  const out = new Map<string, CallToolResult>();
  for (const [name, args] of EVERY_TOOL) {
    if (!listed.has(name)) continue;
    const res = (await client.callTool({ name, arguments: args })) as CallToolResult;
    const text = res.content.map((c) => (c.type === 'text' ? c.text : '')).join('\n');
    expect(res.isError, `${name}: ${text}`).toBeFalsy();
    expect(res.structuredContent, name).toBeTypeOf('object');
    expect(text.length, name).toBeGreaterThan(0);
    out.set(name, res);
  }
  expect([...out.keys()].filter((n) => CONTRACT_TOOLS.includes(n))).toHaveLength(CONTRACT_TOOLS.length);
  return out;
}
