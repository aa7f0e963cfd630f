import { afterEach, describe, expect, it } from 'vitest';
import { lintRepo } from '../../src/lint/index.js';
import { loadRepo } from '../../src/repo/load-repo.js';
import { call, callOk, connectInMemory, type Connected } from '../support/mcp-helpers.js';
import { fixture, makeRepo, read, removeRepo, snapshot } from '../support/interop-helpers.js';
import { corpus } from '../support/corpus.js';

const SYNCHESTRA = corpus('synchestra-spec');

let c: Connected | null = null;
const roots: string[] = [];
afterEach(async () => {
  await c?.close();
  c = null;
  while (roots.length) removeRepo(roots.pop()!);
});
async function connect(files: Record<string, string> = {}): Promise<string> {
  const root = makeRepo({ files });
  roots.push(root);
  c = await connectInMemory(root, { today: '2026-03-14' });
  return root;
}

SYNCHESTRA.describe('MCP tools import_plan and export_plan', () => {
  it('are listed with schemas and honest annotations', async () => {
    await connect();
    const { tools } = await c!.client.listTools();
    const imp = tools.find((t) => t.name === 'import_plan');
    const exp = tools.find((t) => t.name === 'export_plan');
    expect(imp?.annotations).toMatchObject({ readOnlyHint: false, destructiveHint: false });
    expect(exp?.annotations).toMatchObject({ readOnlyHint: true });
    expect(Object.keys(imp!.inputSchema.properties!)).toEqual(['from', 'markdown', 'feature', 'slug', 'dryRun']);
    expect(imp!.outputSchema?.type).toBe('object');
    expect(exp!.inputSchema.required).toEqual(['plan', 'to']);
  });

  it('import_plan writes a lint-clean draft, merges progress into the ledger and lists what it could not map', async () => {
    const root = await connect();
    const out = await callOk<{ plan: string; written: string[]; unmapped: string[]; markdown: string }>(c!.client, 'import_plan', {
      from: 'execplan',
      markdown: fixture('execplan/notification-system.md'),
      feature: 'notifications',
    });
    expect(out.plan).toBe('feature-x');
    expect(out.written).toEqual([
      '.specscore/work-items.yaml',
      'spec/features/notifications/README.md',
      'spec/plans/README.md',
      'spec/plans/feature-x/README.md',
    ]);
    expect(out.unmapped).toEqual([
      expect.stringMatching(/^line 1 <!-- Composed from/),
      expect.stringMatching(/^line 42 \[Results\] Results \(6 blocks\): delivery results/),
    ]);
    expect(read(root, 'spec/plans/feature-x/README.md')).toBe(out.markdown);
    expect(out.markdown).toContain('Imported (ExecPlan) on 2026-03-14.');
    expect(lintRepo(loadRepo(root)).errorCount).toBe(0);
    // The server's cache saw the write: export_plan reads the new plan and the ledger's statuses.
    const exp = await callOk<{ content: string; warnings: string[] }>(c!.client, 'export_plan', { plan: 'feature-x', to: 'work-items' });
    const items = JSON.parse(exp.content).items as Array<{ id: string; status: string }>;
    expect(items.map((i) => `${i.id}:${i.status}`)).toEqual([
      'feature-x#1:done',
      'feature-x#2:done',
      'feature-x#3:in_progress',
      'feature-x#3.1:done',
      'feature-x#3.2:done',
      'feature-x#3.3:in_progress',
      'feature-x#4:todo',
      'feature-x#5:todo',
    ]);
    expect(exp.warnings[0]).toContain('is draft');
  });

  it('import_plan on prose only without an LLM is an error result listing the unmapped parts; nothing is written', async () => {
    const root = await connect();
    const before = snapshot(root);
    const res = await call(c!.client, 'import_plan', { from: 'execplan', markdown: fixture('execplan/memory-leak.md'), feature: 'notifications' });
    expect(res.isError).toBe(true);
    expect(res.text).toContain('has no steps the execplan importer can map');
    expect(res.text).toContain('Root cause: Event listeners not removed on disconnect');
    expect(snapshot(root)).toEqual(before);
  });

  it('export_plan gives each format; an unknown plan is an error result with a hint', async () => {
    await connect({
      'spec/features/cli/README.md': '# Feature: CLI\n\n**Status:** Approved\n',
      'spec/plans/add-batch-mode/README.md': fixture('plans/add-batch-mode.md'),
    });
    const ep = await callOk<{ content: string; warnings: string[] }>(c!.client, 'export_plan', { plan: 'add-batch-mode', to: 'execution-plan' });
    expect(ep.content).toContain('### Phase 4: Step 3 (blocked by Phase 3)');
    expect(ep.warnings).toEqual([]);
    const tm = await callOk<{ content: string }>(c!.client, 'export_plan', { plan: 'add-batch-mode', to: 'taskmaster' });
    expect(JSON.parse(tm.content).master.tasks).toHaveLength(3);
    const gh = await callOk<{ content: string }>(c!.client, 'export_plan', { plan: 'add-batch-mode', to: 'github' });
    expect(JSON.parse(gh.content).issues).toHaveLength(4);
    const missing = await call(c!.client, 'export_plan', { plan: 'nope', to: 'work-items' });
    expect(missing.isError).toBe(true);
    expect(missing.text).toContain('Plan nope does not exist');
    expect(missing.text).toContain('Pass the plan path below spec/plans/');
  });
});
