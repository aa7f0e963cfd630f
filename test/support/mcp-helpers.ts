import { cpSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { Session, type Logger } from '../../src/app/session.js';
import { createServer } from '../../tools/server.js';

import { corpus } from './corpus.js';
import { gitInit } from './git.js';
import { PROJECT } from './project.js';
import { makeSpecRepo, tempDir } from './repo.js';

export { removeRepo } from './repo.js';
export const PROJECT_ROOT = PROJECT;
const CORPUS_ROOT = corpus('synchestra-spec').root;
export const BUILT_CLI = path.join(PROJECT_ROOT, 'dist/src/cli/specplan.js');

export const APPROVED_PLAN = `# Plan: Frozen approach

**Status:** approved
**Features:**
  - [cli](../../features/cli/README.md)
**Source type:** feature
**Source:** [CLI feature spec](../../features/cli/)
**Author:** @alex
**Approver:** @jordan
**Created:** 2026-03-01
**Approved:** 2026-03-02
**Effort:** S
**Impact:** medium

## Context

An approved plan used by the MCP tests: tools must never modify it.

## Acceptance criteria

- Nothing changes here

## Steps

### 1. Do the thing

**Depends on:** (none)

**Acceptance criteria:**
- The thing is done

### 2. Check the thing

**Depends on:** Step 1

**Acceptance criteria:**
- The thing is checked

## Outstanding Questions

None at this time.
`;

const PROPOSAL = `# Proposal: Batch mode

| Field | Value |
|--------|-------|
| Status | \`approved\` |
| Author | @alex |

## Summary

Run many items from one file.
`;

const LEDGER = `items:
  - { id: T-1, plan: chat-feature/chat-infrastructure, step: "1", status: done, updated: 2026-03-20 }
  - { id: T-2, plan: chat-feature/chat-infrastructure, step: "2", status: in_progress, updated: 2026-03-21 }
  - { id: T-3, plan: approved-plan, step: "1", status: blocked, updated: 2026-03-22 }
`;

/** Features kept from the large `cli` subtree in a small copy: the ones the corpus plans name. */
const SMALL_CLI = ['cli/README.md', 'cli/feature/README.md', 'cli/project/README.md', 'cli/project/init/README.md'];

/**
 * A temp copy of the synchestra corpus plus an approved plan, a proposal and a ledger, committed
 * to git. `small` leaves out the two largest feature subtrees (cli, sandbox: 160 of 239 files)
 * except the features the corpus plans list, for tests that load the repository many times.
 */
export function makeRepo(opts: { git?: boolean; small?: boolean } = {}): string {
  const root = tempDir('specplan-mcp-');
  const features = path.join(CORPUS_ROOT, 'spec/features');
  const skip = opts.small ? [path.join(features, 'cli'), path.join(features, 'sandbox')] : [];
  cpSync(path.join(CORPUS_ROOT, 'spec'), path.join(root, 'spec'), { recursive: true, filter: (src) => !skip.includes(src) });
  if (opts.small) {
    for (const f of SMALL_CLI) {
      mkdirSync(path.dirname(path.join(root, 'spec/features', f)), { recursive: true });
      cpSync(path.join(features, f), path.join(root, 'spec/features', f));
    }
  }
  makeSpecRepo({
    dir: root,
    files: {
      'spec/plans/approved-plan/README.md': APPROVED_PLAN,
      'spec/features/cli/proposals/batch-mode/README.md': PROPOSAL,
      '.specscore/work-items.yaml': LEDGER,
      'specscore.yaml': 'planning:\n  llm:\n    provider: none\n',
    },
  });
  if (opts.git !== false) gitInit(root, { commit: 'fixture' });
  return root;
}

/** A logger that records lines instead of writing them (tests keep stderr quiet). */
export function memoryLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const at = (l: string) => (m: string) => void lines.push(`${l}: ${m}`);
  return { lines, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

export interface Connected {
  client: Client;
  ctx: Session;
  close(): Promise<void>;
}

/** An in-process server and SDK client over the linked in-memory transport. */
export async function connectInMemory(root: string, opts: { client?: Client; today?: string; watch?: boolean } = {}): Promise<Connected> {
  const logger = memoryLogger();
  const ctx = new Session({ root, logger, now: () => new Date(`${opts.today ?? '2026-04-01'}T12:00:00Z`) });
  const handle = await createServer(ctx);
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  const client = opts.client ?? new Client({ name: 'test', version: '1.0.0' });
  await handle.server.connect(serverSide);
  await client.connect(clientSide);
  const stopWatching = opts.watch ? ctx.watch(50) : () => {};
  return {
    client,
    ctx,
    close: async () => {
      stopWatching();
      handle.dispose();
      await client.close();
      await handle.server.close();
    },
  };
}

/** Call a tool; returns the result with its text joined. */
export async function call(client: Client, name: string, args: Record<string, unknown> = {}): Promise<CallToolResult & { text: string }> {
  const res = (await client.callTool({ name, arguments: args })) as CallToolResult;
  const text = res.content.map((c) => (c.type === 'text' ? c.text : '')).join('\n');
  return { ...res, text };
}

/** Call a tool that must succeed; returns its structured content. */
export async function callOk<T = Record<string, unknown>>(client: Client, name: string, args: Record<string, unknown> = {}): Promise<T> {
  const res = await call(client, name, args);
  if (res.isError) throw new Error(`${name} failed: ${res.text}`);
  return res.structuredContent as T;
}
