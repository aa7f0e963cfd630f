import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { changedFiles, runCli, snapshot, tempCopy, RULE_FIXTURES } from '../support/index-helpers.js';
import { callOk, connectInMemory, type Connected } from '../support/mcp-helpers.js';
import { cli as whatsNext } from '../support/whats-next-helpers.js';
import { CORPUS_PLANS, SPECSCORE_CORPUS, SPECSCORE_CORPUS_MISSING } from '../support/specscore-corpus.js';

/** Plans the corpus records as done or closed: Implemented, or every task complete. */
const DONE = ['implementation-commit-provenance', 'unify-task-status-vocabulary'];

describe.skipIf(SPECSCORE_CORPUS_MISSING !== null)('the SpecScore corpus through the CLI and the MCP server', () => {
  let root: string;
  let c: Connected;
  beforeAll(async () => {
    root = tempCopy(SPECSCORE_CORPUS, 'specplan-specscore-');
    c = await connectInMemory(root);
  });
  afterAll(async () => {
    await c?.close();
  });

  test('specplan index only adds the Contents rows of the plans the index misses; a second run changes nothing', async () => {
    const file = path.join(root, 'spec/plans/README.md');
    const before = readFileSync(file, 'utf8');
    const others = snapshot(root);
    const run = await runCli(['index', '--root', root]);
    expect(run.code).toBe(0);
    expect(changedFiles(others, snapshot(root))).toEqual(['spec/plans/README.md']);
    const after = readFileSync(file, 'utf8');
    // Nothing removed or changed: the old lines are all there, in order, and the new ones are rows.
    const oldLines = before.split('\n');
    const newLines = after.split('\n');
    expect(newLines.length - oldLines.length).toBe(8);
    expect(newLines.filter((l) => !oldLines.includes(l))).toHaveLength(8);
    expect(oldLines.every((l) => newLines.includes(l))).toBe(true);
    expect(after).toContain('| [idea](idea.md) | approved | idea | - | - | alex | - |');
    expect(after).toContain('| [studio-toolbar](studio-toolbar/README.md) | draft | studio-toolbar, repo-config | S | high | alexander.trakhimenok | - |');
    expect(after.trimEnd().endsWith('*This document follows the https://specscore.md/plans-index-specification*')).toBe(true);
    const again = snapshot(root);
    expect((await runCli(['index', '--root', root])).code).toBe(0);
    expect(changedFiles(again, snapshot(root))).toEqual([]);
  });

  test('a transition follows the format (a dry run lists the plan and its index row, added by the index test above); a write the tool cannot do in it is refused, nothing written', async () => {
    const before = snapshot(root);
    const submit = await runCli(['submit', 'artifact-frontmatter-convention', '--dry-run', '--root', root]);
    expect([submit.code, submit.stdout.split('\n').slice(0, 3)]).toEqual([
      0,
      [
        'would mark artifact-frontmatter-convention In Review: Draft → In Review',
        '  would update spec/plans/README.md',
        '  would update spec/plans/artifact-frontmatter-convention.md',
      ],
    ]);
    const report = await runCli(['report', 'idea', '--root', root]);
    expect(report.code).toBe(2);
    expect(report.stderr).toMatch(/current SpecScore plan format/);
    expect(changedFiles(before, snapshot(root))).toEqual([]);
  });

  test('status lists all 11 plans with the completion they record, and names the format', async () => {
    const run = await runCli(['status', '--root', root, '--format', 'json']);
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout) as { plans: Array<{ plan: string; file: string; completed: boolean }>; format: unknown };
    expect(out.format).toEqual({ format: 'specscore', source: 'index' });
    expect(Object.fromEntries(out.plans.map((p) => [p.plan, p.file]))).toEqual(CORPUS_PLANS);
    expect(out.plans.filter((p) => p.completed).map((p) => p.plan)).toEqual(DONE);
    const text = await runCli(['status', '--root', root]);
    expect(text.stdout.split('\n')[0]).toBe('plan format: current SpecScore format (https://specscore.md/plan-specification), declared by the plans index');
  });

  test('read_plan works for every plan', async () => {
    for (const [plan, file] of Object.entries(CORPUS_PLANS)) {
      const out = await callOk<{ plan: string; file: string; format: string; document: { title: string; steps: unknown[] } }>(c.client, 'read_plan', { plan });
      expect(out).toMatchObject({ plan, file, format: 'specscore' });
      expect(out.document.title.length).toBeGreaterThan(0);
      expect(out.document.steps.length).toBeGreaterThan(0);
    }
  });

  test("What's Next never recommends a plan that is done, closed or blocked", async () => {
    const run = await whatsNext(['--root', root, '--full', '--provider', 'none', '--dry-run']);
    expect(run.code).toBe(0);
    const md = run.stdout;
    // Every plan is considered; the two the corpus records as done are counted as completed.
    expect(md).toMatch(/11 plans considered: \d+ eligible, 1 in progress, 2 completed\./);
    const recommended = md.split('## Recommended Next')[1]!.split('\n## ')[0]!;
    const named = [...recommended.matchAll(/\*\*\[([a-z0-9/-]+)\]/g)].map((m) => m[1]!);
    expect(named.length).toBeGreaterThan(0);
    for (const plan of DONE) expect(named).not.toContain(plan);
    expect(named).not.toContain('v1-readiness'); // in progress: listed there instead
    // Links name the plan's own file: a single-file plan is not a folder.
    expect(md).toContain('- [v1-readiness](v1-readiness.md) — 1/12 steps done, no blockers');
  });
});

describe('files the loader does not read', () => {
  test('lint FILE on a markdown file under spec/plans/ that is not read exits 2 saying so', async () => {
    const root = tempCopy(path.join(RULE_FIXTURES, 'plan/status-value/ok'));
    writeFileSync(path.join(root, 'spec/plans/foo.md'), '# Notes\n');
    const run = await runCli(['lint', 'spec/plans/foo.md', '--root', root]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/spec\/plans\/foo\.md is not a document specplan reads/);
    const all = await runCli(['lint', '--root', root]);
    expect(all.stdout).toMatch(/spec\/plans\/foo\.md:1:1 error plan\/unread-file/);
  });

  test('specplan index refuses to delete a row it cannot account for, naming it, and writes nothing', async () => {
    const root = tempCopy(path.join(RULE_FIXTURES, 'plan/status-value/ok'));
    const index = path.join(root, 'spec/plans/README.md');
    const text = readFileSync(index, 'utf8');
    const row = text.split('\n').find((l) => l.startsWith('| [add-batch-mode]'))!;
    writeFileSync(index, text.replace(row, `${row}\n${row.replace(/add-batch-mode/g, 'gone-plan')}`));
    const before = snapshot(root);
    const run = await runCli(['index', '--root', root]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/a row links to no plan that was read.*nothing was written/);
    expect(run.stderr).toMatch(/spec\/plans\/README\.md:\d+: \[gone-plan\]/);
    expect(changedFiles(before, snapshot(root))).toEqual([]);
  });
});
