import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { planProgress } from '../../src/analysis/progress.js';
import { lintRepo } from '../../src/lint/index.js';
import { readLedger } from '../../src/repo/execution.js';
import { loadRepo } from '../../src/repo/load-repo.js';
import { useMsw } from '../support/msw.js';
import { FIXTURES, makeRepo, read, removeRepo, runCli, snapshot, writeFile } from '../support/interop-helpers.js';

const msw = useMsw();
const roots: string[] = [];
const repo = (opts?: Parameters<typeof makeRepo>[0]) => {
  const r = makeRepo(opts);
  roots.push(r);
  return r;
};
afterEach(() => {
  while (roots.length) removeRepo(roots.pop()!);
});

const IMPORT = (root: string, file: string, from: string, feature: string, ...rest: string[]) => [
  'import',
  path.join(FIXTURES, file),
  '--root',
  root,
  '--from',
  from,
  '--feature',
  feature,
  '--date',
  '2026-03-14',
  '--provider',
  'none',
  ...rest,
];

/** Whole-repository lint: the plan, the regenerated index and the feature back-references. */
function lintAll(root: string) {
  return lintRepo(loadRepo(root));
}

describe('specplan import: every fixture converts into a plan that lints clean', () => {
  const cases: Array<[string, string, string, string, number]> = [
    ['execplan/dark-mode.md', 'execplan', 'ui', 'dark-mode-feature', 5],
    ['execplan/notification-system.md', 'execplan', 'notifications', 'feature-x', 5],
    ['execplan/basic-structure.md', 'execplan', 'notifications', 'project-name', 3],
    ['execplan/progressive-elaboration.md', 'execplan', 'auth', 'progressive-elaboration', 3],
    ['speckit/template.md', 'speckit', 'payments', 'feature-id', 3],
    ['speckit/export-csv.md', 'speckit', 'payments', 'export-invoices-as-csv', 4],
    ['execution-plan/auth.md', 'execution-plan', 'auth', 'auth', 4],
    ['execution-plan/checkout.md', 'execution-plan', 'payments', 'checkout-redesign', 6],
  ];
  it.each(cases)('%s', async (file, from, feature, slug, steps) => {
    const root = repo();
    const run = await runCli(IMPORT(root, file, from, feature, '--json'));
    expect(run.code, run.stderr).toBe(0);
    const out = JSON.parse(run.stdout);
    expect(out.plan).toBe(slug);
    expect(out.steps).toBe(steps);
    expect(out.written).toContain(`spec/plans/${slug}/README.md`);
    expect(out.written).toEqual(expect.arrayContaining(['spec/plans/README.md', `spec/features/${feature}/README.md`]));
    const lint = lintAll(root);
    expect(lint.diagnostics, JSON.stringify(lint.diagnostics, null, 1)).toEqual([]);
    const plan = loadRepo(root).plans.get(slug)!.parsed.plan;
    expect(plan.header.status).toBe('draft');
    expect(plan.header.created).toBe('2026-03-14');
    expect(plan.steps).toHaveLength(steps);
    // Every unmapped part is named on stderr with its line, as in the JSON.
    for (const u of out.unmapped) expect(run.stderr).toContain(`line ${u.line}`);
    if (out.unmapped.length) expect(run.stderr).toContain(`not mapped (${out.unmapped.length})`);
  });
});

describe('specplan import: ledger, dry run, determinism', () => {
  it('progress checkboxes are merged into an existing ledger: comments and other items kept, same id replaced', async () => {
    const ledger =
      '# team ledger\nitems:\n  - { id: ACME-1, plan: other, step: "1", status: done, updated: 2026-01-02 }\n  - id: feature-x#1\n    plan: feature-x\n    step: "1"\n    status: blocked\n';
    const root = repo({ files: { '.specscore/work-items.yaml': ledger } });
    const run = await runCli(IMPORT(root, 'execplan/notification-system.md', 'execplan', 'notifications'));
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain('ledger: 5 items');
    const text = read(root, '.specscore/work-items.yaml');
    expect(text.startsWith('# team ledger\n')).toBe(true);
    expect(text).toContain('{ id: ACME-1, plan: other, step: "1", status: done, updated: 2026-01-02 }');
    const { items, findings } = await readLedger(root);
    expect(findings).toEqual([]);
    expect(items.map((i) => `${i.id} ${i.status} ${i.updated}`)).toEqual([
      'ACME-1 done 2026-01-02',
      'feature-x#1 done 2025-11-01',
      'feature-x#2 done 2025-11-01',
      'feature-x#3.1 done 2025-11-01',
      'feature-x#3.2 done 2025-11-01',
      'feature-x#3.3 in_progress 2025-11-01',
    ]);
    const plan = loadRepo(root).plans.get('feature-x')!.parsed.plan;
    const progress = planProgress(
      plan,
      items.filter((i) => i.plan === 'feature-x'),
    );
    expect([progress.done, progress.total, progress.inProgress]).toEqual([2, 5, true]);
  });

  it('--dry-run prints the plan and writes nothing; the real run writes exactly that text, and again byte for byte', async () => {
    const root = repo();
    const before = snapshot(root);
    const dry = await runCli(IMPORT(root, 'execplan/dark-mode.md', 'execplan', 'ui', '--dry-run'));
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stderr).toContain('would import (dry run, nothing written)');
    expect(snapshot(root)).toEqual(before);
    const real = await runCli(IMPORT(root, 'execplan/dark-mode.md', 'execplan', 'ui'));
    expect(real.code, real.stderr).toBe(0);
    expect(read(root, 'spec/plans/dark-mode-feature/README.md')).toBe(dry.stdout);
    const other = repo();
    await runCli(IMPORT(other, 'execplan/dark-mode.md', 'execplan', 'ui'));
    const a = snapshot(root);
    const b = snapshot(other);
    expect(Object.keys(b)).toEqual(Object.keys(a));
    for (const k of Object.keys(a)) expect(b[k], k).toBe(a[k]);
  });

  it('--slug, --author and the source label inside the root', async () => {
    const root = repo();
    writeFile(root, 'docs/plans/dark.md', readFileSync(path.join(FIXTURES, 'execplan/dark-mode.md'), 'utf8'));
    const run = await runCli(
      [
        'import',
        'docs/plans/dark.md',
        '--root',
        root,
        '--from',
        'execplan',
        '--feature',
        'ui',
        '--slug',
        'dark-mode',
        '--author',
        '@dana',
        '--date',
        '2026-03-14',
      ],
      {},
      root,
    );
    expect(run.code, run.stderr).toBe(0);
    const text = read(root, 'spec/plans/dark-mode/README.md');
    expect(text).toContain('**Author:** @dana');
    expect(text).toContain('Imported from `docs/plans/dark.md` (ExecPlan) on 2026-03-14.');
  });

  it('imports from an approved proposal: Source links it and the proposal gets the forward reference', async () => {
    const proposal = '# Proposal: Dark mode\n\n| Field | Value |\n|---|---|\n| Status | `approved` |\n\n## Summary\n\nDark mode.\n';
    const root = repo({ files: { 'spec/features/ui/proposals/dark-mode/README.md': proposal } });
    const run = await runCli([
      'import',
      path.join(FIXTURES, 'execplan/dark-mode.md'),
      '--root',
      root,
      '--from',
      'execplan',
      '--proposal',
      'ui/dark-mode',
      '--date',
      '2026-03-14',
    ]);
    expect(run.code, run.stderr).toBe(0);
    expect(read(root, 'spec/plans/dark-mode-feature/README.md')).toContain('**Source type:** change-request');
    expect(read(root, 'spec/features/ui/proposals/dark-mode/README.md')).toContain('[dark-mode-feature](../../../../plans/dark-mode-feature/)');
    expect(lintAll(root).errorCount).toBe(0);
  });
});

describe('specplan import: prose-only input', () => {
  it('a structured source never needs the LLM: configured provider anthropic without a key still imports', async () => {
    const root = repo({ files: { 'specscore.yaml': 'planning:\n  llm:\n    provider: anthropic\n' } });
    const run = await runCli([
      'import',
      path.join(FIXTURES, 'execplan/dark-mode.md'),
      '--root',
      root,
      '--from',
      'execplan',
      '--feature',
      'ui',
      '--date',
      '2026-03-14',
    ]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain('from its structure');
  });

  it('with --provider none: exit 1, nothing written, and everything that could not be mapped is listed', async () => {
    const root = repo();
    const before = snapshot(root);
    const run = await runCli(IMPORT(root, 'execplan/memory-leak.md', 'execplan', 'notifications', '--json'));
    expect(run.code).toBe(1);
    expect(snapshot(root)).toEqual(before);
    expect(run.stderr).toContain('has no steps the execplan importer can map');
    expect(run.stderr).toContain('--provider anthropic|openai');
    for (const t of [
      'Discovery: Leak correlates with WebSocket connections',
      'Root cause: Event listeners not removed on disconnect',
      'Verification: Memory stable over 4 hours',
    ])
      expect(run.stderr).toContain(t);
    const out = JSON.parse(run.stdout);
    expect(out.ok).toBe(false);
    expect(out.unmapped).toHaveLength(6);
  });

  it('with an LLM (Anthropic, replayed): drafted from the prose, repaired after a cycle, validated, written', async () => {
    const rec = JSON.parse(readFileSync(path.join(FIXTURES, 'recordings/anthropic-import-memory-leak.json'), 'utf8'));
    const replay = msw.replay(rec);
    const root = repo();
    const run = await runCli(
      [
        'import',
        path.join(FIXTURES, 'execplan/memory-leak.md'),
        '--root',
        root,
        '--from',
        'execplan',
        '--feature',
        'notifications',
        '--date',
        '2026-03-14',
        '--provider',
        'anthropic',
      ],
      { ANTHROPIC_API_KEY: 'sk-ant-test-key' },
    );
    expect(run.code, run.stderr).toBe(0);
    replay.assertDone();
    const first = replay.calls[0]!.body as { messages: Array<{ content: string }>; system: unknown };
    expect(first.messages[0]!.content).toContain('Convert the ExecPlan below into a SpecScore development plan');
    expect(first.messages[0]!.content).toContain('Root cause: Event listeners not removed on disconnect');
    const second = replay.calls[1]!.body as { messages: Array<{ content: unknown }> };
    expect(JSON.stringify(second.messages[2])).toMatch(/dependency cycle Step 3 → Step 4 → Step 3/);
    const plan = loadRepo(root).plans.get('memory-leak-investigation')!.parsed.plan;
    expect(plan.steps!.map((s) => [s.number, s.dependsOn])).toEqual([
      ['1', []],
      ['2', ['1']],
      ['3', ['2']],
      ['4', ['3']],
    ]);
    expect(plan.context).toContain('with anthropic (claude-sonnet-4-6) on 2026-03-14; review it against the source');
    expect(run.stderr).toContain('drafted by anthropic');
    expect(run.stderr).toContain('llm: 2 calls, 4510 input tokens, 1215 output tokens');
    expect(lintAll(root).errorCount).toBe(0);
    expect(existsSync(path.join(root, '.specscore/work-items.yaml'))).toBe(false);
  });
});

describe('specplan import: bad input is refused with one clear message and nothing written', () => {
  it.each([
    [['--from', 'jira'], 2, 'unknown --from "jira"'],
    [['--feature', 'nope'], 2, 'feature "nope" does not exist'],
    [['--slug', '../etc'], 2, 'is not a valid plan slug'],
  ])('%j → exit %i', async (extra, code, message) => {
    const root = repo();
    const before = snapshot(root);
    const args = IMPORT(root, 'execplan/dark-mode.md', 'execplan', 'ui');
    for (let i = 0; i < extra.length; i += 2) {
      const k = args.indexOf(extra[i]!);
      if (k >= 0) args[k + 1] = extra[i + 1]!;
      else args.push(extra[i]!, extra[i + 1]!);
    }
    const run = await runCli(args);
    expect(run.code).toBe(code);
    expect(run.stderr).toContain(message);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(snapshot(root)).toEqual(before);
  });

  it('an existing plan is never overwritten', async () => {
    const root = repo();
    expect((await runCli(IMPORT(root, 'execplan/dark-mode.md', 'execplan', 'ui'))).code).toBe(0);
    const before = snapshot(root);
    const again = await runCli(IMPORT(root, 'execplan/dark-mode.md', 'execplan', 'ui'));
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('plan "dark-mode-feature" already exists');
    expect(snapshot(root)).toEqual(before);
  });

  it('a missing or binary source file is a usage error naming it', async () => {
    const root = repo();
    const missing = await runCli(['import', path.join(root, 'nope.md'), '--root', root, '--from', 'execplan', '--feature', 'ui']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('cannot read');
    writeFileSync(path.join(root, 'bin.md'), Buffer.from([0x23, 0x20, 0x00, 0x01]));
    const binary = await runCli(['import', path.join(root, 'bin.md'), '--root', root, '--from', 'execplan', '--feature', 'ui']);
    expect(binary.code).toBe(2);
    expect(binary.stderr).toContain('bin.md is binary');
  });

  it('a broken ledger is reported with its line and left alone', async () => {
    const root = repo({ files: { '.specscore/work-items.yaml': 'items:\n  - { id: A, plan: x\n' } });
    const before = snapshot(root);
    const run = await runCli(IMPORT(root, 'execplan/dark-mode.md', 'execplan', 'ui'));
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/\.specscore\/work-items\.yaml:\d+: /);
    expect(snapshot(root)).toEqual(before);
  });
});
