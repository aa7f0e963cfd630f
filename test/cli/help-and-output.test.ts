import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { planGraph } from '../../src/app/plan-graph.js';
import { runWhatsNext } from '../../src/cli/commands/whats-next.js';
import { loadRepo } from '../../src/repo/load-repo.js';
import { corpus } from '../support/corpus.js';

const CORPUS_ROOT = corpus('synchestra-spec').root;
import { runCli } from '../support/cli.js';

const ACME = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../examples/acme-spec');
const run = (...argv: string[]) => runCli([...argv, '--root', ACME]);

const COMMANDS = [
  'lint',
  'index',
  'new',
  'submit',
  'approve',
  'revise',
  'reject',
  'supersede',
  'withdraw',
  'deprecate',
  'snapshot',
  'status',
  'graph',
  'draft',
  'suggest',
  'sync',
  'check-frozen',
  'hooks',
  'report',
  'import',
  'export',
  'mcp',
];

async function captured(fn: () => Promise<number>): Promise<{ code: number; stdout: string }> {
  const out: string[] = [];
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = ((c: string | Uint8Array) => (out.push(String(c)), true)) as typeof process.stdout.write;
  try {
    return { code: await fn(), stdout: out.join('') };
  } finally {
    process.stdout.write = write;
  }
}

describe('--help', () => {
  test.each(COMMANDS)('specplan %s --help ends with examples', async (name) => {
    const r = await runCli([name, '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout.trimEnd()).toMatch(new RegExp(`\\nExamples:\\n(  \\$ specplan ${name}[^\\n]*\\n?){1,2}$`));
  });

  test('whats-next --help ends with examples; --version prints the version', async () => {
    const help = await captured(() => runWhatsNext(['--help']));
    expect(help.code).toBe(0);
    expect(help.stdout.trimEnd()).toMatch(/\nExamples:\n( {2}\$ whats-next[^\n]*\n?){1,2}$/);
    const version = await captured(() => runWhatsNext(['--version']));
    expect(version).toEqual({ code: 0, stdout: expect.stringMatching(/^\d+\.\d+\.\d+\S*\n$/) });
  });

  test('new marks --title and --author required', async () => {
    const r = await runCli(['new', '--help']);
    expect(r.stdout).toMatch(/--title <title>\s+plan title \(required\)/);
    expect(r.stdout).toMatch(/--author <who>\s+author, e\.g\. @alex \(required\)/);
  });
});

describe('graph of a roadmap', () => {
  test('draws the child-plan graph the MCP plan_graph tool draws, as mermaid and JSON', async () => {
    const mermaid = await run('graph', 'billing-roadmap');
    expect(mermaid.code, mermaid.stderr).toBe(0);
    const mcp = planGraph(loadRepo(ACME), 'billing-roadmap');
    expect(mcp.kind).toBe('plans');
    for (const n of mcp.nodes) expect(mermaid.stdout).toContain(`: ${n.title}"]`);
    expect(mermaid.stdout).toMatch(/^graph TD$/m);
    const json = await run('graph', 'billing-roadmap', '--format', 'json');
    const doc = JSON.parse(json.stdout) as { kind: string; nodes: Array<{ number: string; dependsOn: string[] }>; layers: string[][]; criticalPath: string[] };
    expect(doc.kind).toBe('plans');
    expect(doc.nodes.map((n) => [n.number, n.dependsOn])).toEqual(mcp.nodes.map((n) => [n.id, n.dependsOn]));
    expect(doc.layers).toEqual(mcp.layers);
    expect(doc.criticalPath).toEqual(mcp.criticalPath);
  });

  test('an unknown plan is named relative to the root, with a suggestion', async () => {
    const r = await run('graph', 'user-auht');
    expect(r.code).toBe(2);
    expect(r.stderr).not.toContain(ACME);
    expect(r.stderr).toContain('no plan "user-auht"');
    expect(r.stderr).toContain('"user-auth"');
  });
});

describe('status and suggest say true things', () => {
  test('status PLAN lists each step with its title', async () => {
    const r = await run('status', 'user-auth');
    expect(r.code).toBe(0);
    const repo = loadRepo(ACME);
    for (const s of repo.plans.get('user-auth')!.parsed.plan.steps!) expect(r.stdout).toContain(`  step ${s.number}. ${s.title}: `);
  });

  test('suggest never reports a critical path of several steps with dependency depth 0', async () => {
    const repo = loadRepo(CORPUS_ROOT);
    for (const plan of repo.plans.keys()) {
      const r = await runCli(['suggest', plan, '--root', CORPUS_ROOT]);
      expect(r.stdout).not.toMatch(/dependency depth 0/);
      const m = /critical path (\d+) steps? \(([^)]*)\); (.*)$/m.exec(r.stdout);
      if (!m) continue;
      if (m[3]!.startsWith('no step waits')) expect(m[2]!.split(' → ').filter((s) => !s.includes('.')).length).toBeLessThanOrEqual(1);
      else expect(m[3]).toMatch(/^the deepest step waits for [1-9]\d* other level-1 steps?$/);
    }
  });
});
