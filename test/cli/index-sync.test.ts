import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { computeIndexChanges, indexModel } from '../../src/edit/index-sync.js';
import { loadRepo } from '../../src/repo/load-repo.js';
import { loadExecution } from '../../src/repo/execution.js';
import { planStates } from '../../src/analysis/plan-state.js';
import { changedFiles, gitCommit, gitInit, RULE_FIXTURES, runCli, snapshot, tempCopy, tempDir } from '../support/index-helpers.js';
import { corpus } from '../support/corpus.js';

const SYNCHESTRA = corpus('synchestra-spec');
const CORPUS_ROOT = SYNCHESTRA.root;

const ok = (rule: string) => path.join(RULE_FIXTURES, rule, 'ok');

SYNCHESTRA.describe('computeIndexChanges on the real corpus', () => {
  test('the index is already right; six feature Plans tables drift, each only inside its Plans section', () => {
    const repo = loadRepo(CORPUS_ROOT);
    const changes = computeIndexChanges(repo, { items: [] });
    expect(changes.map((c) => c.file)).toEqual([
      'spec/features/agent-skills/README.md',
      'spec/features/chat/README.md',
      'spec/features/chat/workflow/README.md',
      'spec/features/cli/feature/README.md',
      'spec/features/cli/project/init/README.md',
      'spec/features/embedded-state/README.md',
    ]);
    for (const c of changes) {
      const before = c.before!.split('\n');
      const after = c.content.split('\n');
      // Same text before the Plans section (or before Outstanding Questions when it is created) …
      const section = after.findIndex((l) => l === '## Plans');
      expect(section).toBeGreaterThan(0);
      expect(after.slice(0, section)).toEqual(before.slice(0, section));
      // … and after the new table.
      let end = section + 1;
      while (end < after.length && (after[end] === '' || after[end]!.startsWith('|'))) end++;
      const tail = after.slice(end);
      expect(before.slice(before.length - tail.length)).toEqual(tail);
    }
    const chat = changes.find((c) => c.file === 'spec/features/chat/README.md')!;
    expect(chat.content).toContain('| [chat-infrastructure](../../plans/chat-feature/chat-infrastructure/) | draft | @alex | — |');
    expect(chat.content).not.toContain('(../../plans/chat-infrastructure/)');
    expect(chat.content).not.toContain('chat-workflow-engine'); // that plan lists only chat/workflow
  });

  test('index rows keep the corpus order, child estimates come from the roadmap table, unreadable plans keep their row', () => {
    const corpus = loadRepo(CORPUS_ROOT);
    const rows = indexModel(corpus, planStates(corpus)).rows;
    expect(rows.map((r) => `${r.depth}:${r.path}`)).toEqual([
      '0:e2e-testing-framework',
      '0:chat-feature',
      '1:chat-feature/chat-infrastructure',
      '1:chat-feature/chat-workflow-engine',
      '0:agent-skills-roadmap',
      '0:hero-scene',
      '0:superpowers-integration',
    ]);
    expect(rows[2]).toMatchObject({ effort: 'L', impact: 'high', features: 'chat' });
    expect(rows[0]).toMatchObject({
      status: 'draft',
      author: '@alex',
      features: 'acceptance-criteria, testing-framework, testing-framework/test-scenario, testing-framework/test-runner, feature',
    });
  });
});

SYNCHESTRA.describe('specplan index on a temp copy of the corpus', () => {
  test('--check reports the drifting files and writes nothing; index fixes them; a second run is a no-op', async () => {
    const root = tempCopy(CORPUS_ROOT);
    const before = snapshot(root);
    const check = await runCli(['index', '--check', '--root', root]);
    expect(check.code).toBe(1);
    expect(
      check.stdout
        .trim()
        .split('\n')
        .map((l) => l.split(':')[0]),
    ).toEqual([
      'spec/features/agent-skills/README.md',
      'spec/features/chat/README.md',
      'spec/features/chat/workflow/README.md',
      'spec/features/cli/feature/README.md',
      'spec/features/cli/project/init/README.md',
      'spec/features/embedded-state/README.md',
    ]);
    expect(check.stdout).toContain('spec/features/chat/README.md:191:');
    expect(check.stderr).toContain('6 files out of date');
    expect(changedFiles(before, snapshot(root))).toEqual([]);

    const first = await runCli(['index', '--root', root]);
    expect(first.code).toBe(0);
    expect(first.stdout.trim().split('\n')).toHaveLength(6);
    const afterFirst = snapshot(root);
    expect(changedFiles(before, afterFirst).filter((f) => !f.startsWith('.specscore/'))).toEqual(
      check.stdout
        .trim()
        .split('\n')
        .map((l) => l.split(':')[0])
        .sort(),
    );
    // No plan file and nothing outside spec/features and .specscore changed.
    expect(changedFiles(before, afterFirst).every((f) => f.startsWith('spec/features/') || f.startsWith('.specscore/'))).toBe(true);

    const second = await runCli(['index', '--root', root]);
    expect(second.code).toBe(0);
    expect(second.stdout).toBe('');
    expect(changedFiles(afterFirst, snapshot(root))).toEqual([]);
    expect((await runCli(['index', '--check', '--root', root])).code).toBe(0);
    expect((await runCli(['lint', '--root', root, 'spec/features'])).code).toBe(0);
  });

  test('--json reports what would change', async () => {
    const r = await runCli(['index', '--check', '--json', '--root', CORPUS_ROOT]);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toMatchObject({ check: true, changed: expect.arrayContaining(['spec/features/chat/README.md']) });
  });
});

describe('progress, Recently Closed and roadmap status from execution', () => {
  test('ledger items give N/M steps; a completed plan and a superseded plan are Recently Closed, limited by planning.recently_closed', async () => {
    const root = tempCopy(ok('plan/superseded-by'));
    mkdirSync(path.join(root, '.specscore'), { recursive: true });
    writeFileSync(
      path.join(root, '.specscore/work-items.yaml'),
      'items:\n  - { id: A-1, plan: add-batch-mode, step: "1", status: done, updated: 2026-03-18 }\n  - { id: A-2, plan: add-batch-mode, step: "2", status: in_progress, updated: 2026-03-19 }\n',
    );
    expect((await runCli(['index', '--root', root])).code).toBe(0);
    let index = readFileSync(path.join(root, 'spec/plans/README.md'), 'utf8');
    expect(index).toContain('| [add-batch-mode](add-batch-mode/) | approved | 1/3 steps | cli | S | medium | @alex | 2026-03-15 |');
    expect(index).toContain(
      '## Recently Closed\n\n| Plan | Status | Completed |\n|---|---|---|\n| [old-batch](old-batch/) | superseded | 2026-03-14 |\n\n## Outstanding Questions',
    );

    writeFileSync(
      path.join(root, '.specscore/work-items.yaml'),
      'items:\n  - { id: A-1, plan: add-batch-mode, step: "1", status: done, updated: 2026-03-18 }\n  - { id: A-2, plan: add-batch-mode, step: "2", status: done, updated: 2026-03-19 }\n  - { id: A-3, plan: add-batch-mode, step: "3", status: done, updated: 2026-03-21 }\n',
    );
    expect((await runCli(['index', '--root', root])).code).toBe(0);
    index = readFileSync(path.join(root, 'spec/plans/README.md'), 'utf8');
    expect(index).toContain('| approved | 3/3 steps |');
    expect(index).toContain('| [add-batch-mode](add-batch-mode/) | completed | 2026-03-21 |\n| [old-batch](old-batch/) | superseded | 2026-03-14 |');

    writeFileSync(path.join(root, 'specscore.yaml'), 'planning:\n  recently_closed: 1\n');
    expect((await runCli(['index', '--root', root])).code).toBe(0);
    index = readFileSync(path.join(root, 'spec/plans/README.md'), 'utf8');
    expect(index).toContain('| [add-batch-mode](add-batch-mode/) | completed | 2026-03-21 |\n\n## Outstanding Questions');
    expect(index).not.toContain('[old-batch](old-batch/) | superseded | 2026-03-14');
  });

  test('Plan-Step git trailers count as done steps; a roadmap shows its derived status and children progress', async () => {
    const root = tempCopy(ok('roadmap/child-plans'));
    gitInit(root);
    gitCommit(root, 'initial');
    writeFileSync(path.join(root, 'chat.go'), 'package chat\n');
    gitCommit(root, 'Build it\n\nPlan-Step: chat-feature/chat-infrastructure#1', '2026-03-20T10:00:00Z');
    const repo = loadRepo(root);
    const exec = await loadExecution(root);
    expect(exec.items.map((i) => `${i.plan}#${i.step}@${i.updated}`)).toEqual(['chat-feature/chat-infrastructure#1@2026-03-20']);
    const changes = computeIndexChanges(repo, { items: exec.items });
    expect(changes.map((c) => c.file)).toEqual(['spec/features/chat/README.md', 'spec/plans/README.md']);
    expect(changes[0]!.content).toContain('| [chat-feature](../../plans/chat-feature/) | in_progress | @alex | — |');
    const change = changes[1];
    expect(change!.content).toContain('| [chat-feature](chat-feature/) | in_progress | 1/2 plans | chat | XL | critical | @alex | — |');
    expect(change!.content).toContain('| &ensp;[chat-infrastructure](chat-feature/chat-infrastructure/) | draft | 1/1 steps |');
    expect(change!.content).toContain('| [chat-infrastructure](chat-feature/chat-infrastructure/) | completed | 2026-03-20 |');
  });

  test('without items, Progress is kept as written and Recently Closed untouched (callers after a write)', () => {
    const root = tempCopy(ok('plan/superseded-by'));
    const indexFile = path.join(root, 'spec/plans/README.md');
    writeFileSync(indexFile, readFileSync(indexFile, 'utf8').replace('| approved | — |', '| approved | 2/3 steps |'));
    expect(computeIndexChanges(loadRepo(root))).toEqual([]);
  });
});

describe('new plans, fresh repositories and safety', () => {
  test('a new plan is appended to the index and to its feature table; existing rows keep their order', () => {
    const root = tempCopy(ok('plan/superseded-by'));
    const plan = readFileSync(path.join(root, 'spec/plans/add-batch-mode/README.md'), 'utf8')
      .replace('**Status:** approved', '**Status:** draft')
      .replace(/\*\*Approver:\*\*.*\n/, '')
      .replace(/\*\*Approved:\*\*.*\n/, '');
    mkdirSync(path.join(root, 'spec/plans/aaa-first'));
    writeFileSync(path.join(root, 'spec/plans/aaa-first/README.md'), plan);
    const changes = computeIndexChanges(loadRepo(root));
    expect(changes.map((c) => c.file)).toEqual(['spec/features/cli/README.md', 'spec/plans/README.md']);
    const index = changes[1]!.content;
    expect(index.indexOf('[add-batch-mode]')).toBeLessThan(index.indexOf('[old-batch]'));
    expect(index.indexOf('[old-batch]')).toBeLessThan(index.indexOf('[aaa-first]'));
    expect(changes[0]!.content).toContain(
      '| [old-batch](../../plans/old-batch/) | superseded | @alex | 2026-03-15 |\n| [aaa-first](../../plans/aaa-first/) | draft | @alex | — |\n',
    );
  });

  test('a repository without an index gets one in the seed layout', async () => {
    const root = tempCopy(ok('plan/header-order'));
    const file = path.join(root, 'spec/plans/README.md');
    const expected = readFileSync(file, 'utf8');
    writeFileSync(file, '');
    const { rmSync } = await import('node:fs');
    rmSync(file);
    expect((await runCli(['index', '--root', root])).code).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(expected);
  });

  test('a symlinked feature README outside the root is never written', async () => {
    const root = tempCopy(ok('plan/header-order'));
    const outside = tempDir('specplan-outside-');
    writeFileSync(path.join(outside, 'README.md'), '# Feature: API\n');
    mkdirSync(path.join(root, 'spec/features/api'));
    symlinkSync(path.join(outside, 'README.md'), path.join(root, 'spec/features/api/README.md'));
    const plan = path.join(root, 'spec/plans/add-batch-mode/README.md');
    writeFileSync(
      plan,
      readFileSync(plan, 'utf8').replace(
        '  - [cli](../../features/cli/README.md)',
        '  - [cli](../../features/cli/README.md)\n  - [api](../../features/api/README.md)',
      ),
    );
    const before = snapshot(outside);
    const r = await runCli(['index', '--root', root]);
    expect(r.code).toBe(0);
    expect(changedFiles(before, snapshot(outside))).toEqual([]);
    expect(readFileSync(path.join(root, 'spec/plans/README.md'), 'utf8')).toContain('| cli, api |');
  });

  test('index never modifies a plan document, approved or not', async () => {
    const root = tempCopy(ok('roadmap/child-plans'));
    const before = snapshot(path.join(root, 'spec/plans'));
    writeFileSync(path.join(root, 'spec/plans/README.md'), '# Plans\n');
    expect((await runCli(['index', '--root', root])).code).toBe(0);
    const after = snapshot(path.join(root, 'spec/plans'));
    expect(changedFiles(before, after)).toEqual(['README.md']);
  });
});
