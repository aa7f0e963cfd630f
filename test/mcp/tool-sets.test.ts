import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILT_CLI, makeRepo, removeRepo } from '../support/mcp-helpers.js';

let root: string;

beforeAll(() => {
  root = makeRepo({ git: false, small: true });
});
afterAll(() => removeRepo(root));

const SLOW = 120_000;

/** The tools a spawned server lists with these flags, and the size of its tools/list answer. */
async function listed(...flags: string[]): Promise<{ names: string[]; size: number; readOnly: boolean[]; outputSchemas: number }> {
  const transport = new StdioClientTransport({ command: process.execPath, args: [BUILT_CLI, 'mcp', '--root', root, ...flags], stderr: 'pipe' });
  const client = new Client({ name: 'sets', version: '1.0.0' });
  await client.connect(transport);
  try {
    const res = await client.listTools();
    return {
      names: res.tools.map((t) => t.name),
      size: JSON.stringify(res).length,
      readOnly: res.tools.map((t) => t.annotations?.readOnlyHint === true),
      outputSchemas: res.tools.filter((t) => t.outputSchema).length,
    };
  } finally {
    await client.close();
  }
}

describe('tool sets and the read-only mode', () => {
  it(
    'lists every tool within 24,000 characters, and the read-only set within 8,000',
    async () => {
      const all = await listed();
      expect(all.names).toHaveLength(21);
      expect(all.size).toBeLessThan(24_000);
      expect(all.outputSchemas).toBe(21);
      const ro = await listed('--read-only');
      expect(ro.readOnly.every(Boolean)).toBe(true);
      expect(ro.names).toEqual(expect.arrayContaining(['read_plan', 'list_plans', 'check_index', 'export_plan']));
      expect(ro.names).not.toContain('write_plan');
      expect(ro.size).toBeLessThan(8_000);
      console.error(`tools/list: ${all.size} characters for ${all.names.length} tools; read-only ${ro.size} for ${ro.names.length}`);
    },
    SLOW,
  );

  it(
    'selects sets with --tools, and with planning.mcp in the configuration',
    async () => {
      const some = await listed('--tools', 'read,lifecycle');
      expect(some.names).toContain('set_plan_status');
      expect(some.names).toContain('read_plan');
      expect(some.names).not.toContain('write_plan');
      expect(some.names).not.toContain('regenerate_whats_next');
      writeFileSync(path.join(root, 'specscore.yaml'), 'planning:\n  llm:\n    provider: none\n  mcp:\n    tools: [draft]\n    read_only: false\n');
      const configured = await listed();
      expect(configured.names.sort()).toEqual(['apply_effort_impact', 'draft_plan', 'scaffold_plan', 'suggest_effort_impact', 'write_plan']);
      writeFileSync(path.join(root, 'specscore.yaml'), 'planning:\n  mcp:\n    read_only: true\n');
      expect((await listed()).readOnly.every(Boolean)).toBe(true);
      writeFileSync(path.join(root, 'specscore.yaml'), 'planning:\n  llm:\n    provider: none\n');
    },
    SLOW,
  );

  it('refuses an unknown tool set with the accepted ones (exit 2)', () => {
    let err = '';
    try {
      execFileSync(process.execPath, [BUILT_CLI, 'mcp', '--root', root, '--tools', 'read,wrte'], { stdio: 'pipe', input: '' });
    } catch (e) {
      err = String((e as { stderr: Buffer }).stderr);
      expect((e as { status: number }).status).toBe(2);
    }
    expect(err).toContain('unknown tool sets: wrte');
    expect(err).toContain('read, draft, lifecycle, whats-next, interop');
  });
});
