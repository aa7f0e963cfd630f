import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTRACT_TOOLS } from './every-tool.js';
import { BUILT_CLI, makeRepo, PROJECT_ROOT, removeRepo } from '../support/mcp-helpers.js';
import { corpus } from '../support/corpus.js';

const SYNCHESTRA = corpus('synchestra-spec');

const run = promisify(execFile);
const INSPECTOR = path.join(PROJECT_ROOT, 'node_modules/.bin/mcp-inspector');
let root: string;
let listed: Promise<any>;
let called: Promise<any>;

beforeAll(() => {
  if (!existsSync(BUILT_CLI)) throw new Error(`${BUILT_CLI} is missing: run npm run build (test/support/global-setup.ts builds it)`);
  root = makeRepo({ git: false, small: true });
  // Two independent outside clients; run them side by side.
  listed = inspector('--method', 'tools/list');
  called = inspector('--method', 'tools/call', '--tool-name', 'list_plans', '--tool-arg', 'status=approved');
  listed.catch(() => {});
  called.catch(() => {});
});
afterAll(() => removeRepo(root));

/** `mcp-inspector --cli node dist/src/cli/specplan.js mcp --root ROOT …`, as an outside client runs it. */
async function inspector(...args: string[]): Promise<any> {
  const { stdout } = await run(INSPECTOR, ['--cli', process.execPath, BUILT_CLI, 'mcp', '--root', root, ...args], {
    cwd: PROJECT_ROOT,
    timeout: 90_000,
    maxBuffer: 16 * 1024 * 1024,
  });
  return JSON.parse(stdout);
}

SYNCHESTRA.describe('@modelcontextprotocol/inspector CLI mode against the built server', () => {
  it('lists the tools', async () => {
    const out = await listed;
    const names = out.tools.map((t: { name: string }) => t.name);
    for (const n of CONTRACT_TOOLS) expect(names).toContain(n);
    expect(JSON.stringify(out).length).toBeLessThan(30_000);
  }, 120_000);

  it('calls list_plans', async () => {
    const out = await called;
    expect(out.isError).toBeFalsy();
    expect(out.structuredContent.plans.map((p: { plan: string }) => p.plan)).toEqual(['approved-plan']);
    expect(out.content[0].text).toContain('approved-plan');
  }, 120_000);
});
