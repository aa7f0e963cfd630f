import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { git, gitInit } from '../support/git.js';
import { runCli } from '../support/cli.js';
import { corpus } from '../support/corpus.js';
import { useMsw } from '../support/msw.js';
import { lintRepo } from '../../src/lint/index.js';
import { loadRepo } from '../../src/repo/load-repo.js';

const FIXTURE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../support/fixtures/later-format');
const INTEROP = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../support/fixtures/interop');
const specscore = corpus('specscore-spec');
const roots: string[] = [];
const msw = useMsw();

afterEach(() => {
  for (const r of roots.splice(0)) rmSync(r, { recursive: true, force: true });
});

/** A committed copy of a repository in a temp folder. */
function copyOf(from: string): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'specplan-later-writes-'));
  roots.push(root);
  cpSync(from, root, { recursive: true });
  gitInit(root);
  return root;
}

function read(root: string, rel: string): string {
  return readFileSync(path.join(root, rel), 'utf8');
}

/** `git diff` of the working tree, without the index line (hashes differ between runs). */
function diff(root: string): string {
  git(root, 'add', '-A');
  return git(root, 'diff', '--cached', '--no-color', '-U1')
    .split('\n')
    .filter((l) => !l.startsWith('index '))
    .join('\n');
}

specscore.describe('specplan new then specplan index on a copy of the specscore corpus', () => {
  it('on the corpus as it is, index adds only the Contents rows the index truly lacks', async () => {
    const root = copyOf(specscore.root);
    const index = await runCli(['index', '--root', root]);
    expect(index.code).toBe(0);
    expect(git(root, 'status', '--porcelain').split('\n').filter(Boolean)).toEqual([' M spec/plans/README.md']);
    const d = diff(root);
    const added = d.split('\n').filter((l) => l.startsWith('+|'));
    expect(d.split('\n').filter((l) => /^-[^-]/.test(l))).toEqual([]);
    // The 8 plans that lint reports missing (specscore/index-complete), one row each.
    expect(added.map((l) => /\[([a-z0-9-]+)\]/.exec(l)![1]).sort()).toEqual([
      'artifact-frontmatter-convention',
      'capability-and-platform-implementations',
      'cross-repo-plan-composition',
      'idea',
      'implementation-commit-provenance',
      'studio-toolbar',
      'unify-task-status-vocabulary',
      'v1-readiness',
    ]);
    expect(read(root, 'spec/plans/README.md').trimEnd().endsWith('*This document follows the https://specscore.md/plans-index-specification*')).toBe(true);
  });

  it('with the index complete: the new plan, its index row and its feature back-reference, and nothing else', async () => {
    const root = copyOf(specscore.root);
    expect((await runCli(['index', '--root', root])).code).toBe(0);
    git(root, 'add', '-A');
    git(root, 'commit', '-qm', 'index completed');
    const made = await runCli([
      'new',
      'batch-lint',
      '--root',
      root,
      '--title',
      'Batch lint',
      '--author',
      '@alex',
      '--feature',
      'lesson',
      '--date',
      '2026-06-01',
    ]);
    expect(made.stderr).toBe('');
    expect(made.code).toBe(0);
    const index = await runCli(['index', '--root', root]);
    expect(index.code).toBe(0);
    expect(git(root, 'status', '--porcelain').split('\n').filter(Boolean).sort()).toEqual([
      ' M spec/features/lesson/README.md',
      ' M spec/plans/README.md',
      '?? spec/plans/batch-lint.md',
    ]);
    const d = diff(root);
    expect(d.split('\n').filter((l) => /^-(?!-- )/.test(l))).toEqual([]);
    expect(d).toContain('+| [batch-lint](batch-lint.md) | draft | lesson | - | - | @alex | - |');
    const feature = read(root, 'spec/features/lesson/README.md');
    expect(feature).toMatch(
      /\n## Plans\n\n\| Plan \| Status \| Author \| Approved \|\n\|---\|---\|---\|---\|\n\| \[batch-lint\]\(\.\.\/\.\.\/plans\/batch-lint\.md\) \| Draft \| @alex \| - \|\n\n## Open Questions\n/,
    );
    expect(feature.trimEnd().endsWith('*This document follows the https://specscore.md/feature-specification*')).toBe(true);
    // Index and feature: exactly one added row, and the new section of four lines plus its blank line.
    const indexDiff = d.slice(d.indexOf('diff --git a/spec/plans/README.md'), d.indexOf('diff --git a/spec/plans/batch-lint.md'));
    expect(indexDiff.split('\n').filter((l) => /^[+-][^+-]/.test(l))).toEqual(['+| [batch-lint](batch-lint.md) | draft | lesson | - | - | @alex | - |']);
    const featureDiff = d.slice(d.indexOf('diff --git a/spec/features/lesson/README.md'), d.indexOf('diff --git a/spec/plans/README.md'));
    expect(featureDiff.split('\n').filter((l) => /^[+-](?![+-]{2} )/.test(l))).toEqual([
      '+## Plans',
      '+',
      '+| Plan | Status | Author | Approved |',
      '+|---|---|---|---|',
      '+| [batch-lint](../../plans/batch-lint.md) | Draft | @alex | - |',
      '+',
    ]);
    // A second index run has nothing to do.
    const again = await runCli(['index', '--root', root, '--check']);
    expect(again.code).toBe(0);
    expect(git(root, 'status', '--porcelain').split('\n').filter(Boolean).length).toBe(3);
    process.stdout.write(`${featureDiff}\n${indexDiff}\n`);
  });
});

describe('feature back-references in the current format', () => {
  it('a Plans section is created before Open Questions, listing every plan that touches the feature', async () => {
    const root = copyOf(FIXTURE);
    const made = await runCli(['new', 'json-lines', '--root', root, '--title', 'JSON lines', '--author', '@kim', '--feature', 'cli', '--date', '2026-06-01']);
    expect(made.code).toBe(0);
    const feature = read(root, 'spec/features/cli/README.md');
    const section = feature.slice(feature.indexOf('## Plans'), feature.indexOf('## Open Questions'));
    expect(section.split('\n').filter((l) => l.startsWith('| ['))).toEqual([
      '| [approved](../../plans/approved.md) | Approved | @alex | - |',
      '| [blocked](../../plans/blocked.md) | Blocked | @alex | - |',
      '| [deprecated](../../plans/deprecated.md) | Deprecated | @alex | - |',
      '| [draft](../../plans/draft.md) | Draft | @alex | - |',
      '| [executing](../../plans/executing.md) | Executing | @alex | - |',
      '| [failed](../../plans/failed.md) | Failed | @alex | - |',
      '| [implemented](../../plans/implemented.md) | Implemented | @alex | - |',
      '| [in-review](../../plans/in-review.md) | In Review | @alex | - |',
      '| [json-lines](../../plans/json-lines.md) | Draft | @kim | - |',
      '| [rejected](../../plans/rejected.md) | Rejected | @alex | - |',
      '| [roadmap](../../plans/roadmap/README.md) | Approved | @alex | - |',
      '| [json-output](../../plans/roadmap/json-output/README.md) | Draft | @alex | - |',
      '| [superseded](../../plans/superseded.md) | Superseded | @alex | - |',
      '| [withdrawn](../../plans/withdrawn.md) | Withdrawn | @alex | - |',
    ]);
    expect(feature.trimEnd().endsWith('*This document follows the https://specscore.md/feature-specification*')).toBe(true);
  });

  it('index rewrites a stale Status cell and adds a missing row in a Plans table the feature keeps, and creates none', async () => {
    const root = copyOf(FIXTURE);
    const file = path.join(root, 'spec/features/cli/README.md');
    const table = [
      '## Plans',
      '',
      '| Plan | Status | Author | Approved |',
      '|---|---|---|---|',
      '| [approved](../../plans/approved.md) | Draft | @alex | - |',
      '',
    ];
    writeFileSync(file, read(root, 'spec/features/cli/README.md').replace('## Open Questions', `${table.join('\n')}\n## Open Questions`));
    git(root, 'add', '-A');
    git(root, 'commit', '-qm', 'a Plans table');
    const run = await runCli(['index', '--root', root]);
    expect(run.code).toBe(0);
    const d = diff(root);
    const featureDiff = d.slice(d.indexOf('diff --git a/spec/features/cli/README.md'), d.indexOf('diff --git a/spec/plans/README.md'));
    const changed = featureDiff.split('\n').filter((l) => /^[+-](?![+-]{2} )/.test(l));
    expect(changed[0]).toBe('-| [approved](../../plans/approved.md) | Draft | @alex | - |');
    expect(changed[1]).toBe('+| [approved](../../plans/approved.md) | Approved | @alex | - |');
    expect(changed.slice(2).every((l) => l.startsWith('+| ['))).toBe(true);
    expect(changed).toHaveLength(2 + 12);
  });
});

/** Lint errors of the repository outside the fixture's deliberate defects (one per rule of the format). */
function newErrors(root: string): string[] {
  return lintRepo(loadRepo(root))
    .diagnostics.filter((d) => d.severity === 'error' && d.rule !== 'specscore/index-complete')
    .map((d) => `${d.file}:${d.line} ${d.rule} ${d.message}`)
    .filter((l) => l.startsWith('spec/plans/batch') || l.startsWith('spec/features/'));
}

describe('specplan draft in a repository of the current format', () => {
  it('with the recorded Anthropic reply: a single-file plan with its index row and back-reference, lint clean', async () => {
    const root = copyOf(FIXTURE);
    const replay = msw.replay('anthropic/specscore-draft-valid');
    const run = await runCli(['draft', '--root', root, '--feature', 'cli', '--slug', 'batch', '--date', '2026-06-01', '--author', '@kim'], {
      ANTHROPIC_API_KEY: 'sk-ant-test-key',
    });
    expect(run.stderr).toContain('usage: 1 LLM call');
    expect(run.code).toBe(0);
    replay.assertDone();
    const sent = replay.calls[0]!.body as { messages: Array<{ content: string }>; tools: Array<{ input_schema: { properties: Record<string, unknown> } }> };
    expect(Object.keys(sent.tools[0]!.input_schema.properties).sort()).toEqual(['approach', 'effort', 'impact', 'openQuestions', 'summary', 'tasks', 'title']);
    expect(sent.messages[0]!.content).toContain('- batch-schema-validates\n- batch-flag-in-help\n- output-json');
    const plan = read(root, 'spec/plans/batch.md');
    expect(plan).toContain('### Task 2: Add the batch flag\n\n**Verifies:** cli#ac:batch-flag-in-help\n**Depends-On:** 1\n**Status:** planning\n');
    expect(plan).toContain('**Owner:** @kim\n**Supersedes:** —\n**Effort:** S\n**Impact:** medium\n');
    expect(read(root, 'spec/plans/README.md')).toContain('| [batch](batch.md) | draft | cli | S | medium | @kim | - |');
    expect(read(root, 'spec/features/cli/README.md')).toContain('| [batch](../../plans/batch.md) | Draft | @kim | - |');
    expect(newErrors(root)).toEqual([]);
  });

  it('with no provider: one task per acceptance criterion, lint clean; a dry run writes nothing', async () => {
    const root = copyOf(FIXTURE);
    const dry = await runCli(['draft', '--root', root, '--feature', 'cli', '--slug', 'batch', '--date', '2026-06-01', '--provider', 'none', '--dry-run']);
    expect(dry.code).toBe(0);
    expect(git(root, 'status', '--porcelain')).toBe('');
    const run = await runCli(['draft', '--root', root, '--feature', 'cli', '--slug', 'batch', '--date', '2026-06-01', '--provider', 'none']);
    expect(run.code).toBe(0);
    const plan = read(root, 'spec/plans/batch.md');
    expect([...plan.matchAll(/^\*\*Verifies:\*\* (.*)$/gm)].map((m) => m[1])).toEqual([
      'cli#ac:batch-schema-validates',
      'cli#ac:batch-flag-in-help',
      'cli#ac:output-json',
    ]);
    expect(newErrors(root)).toEqual([]);
  });

  it('refuses a proposal source and a roadmap, writing nothing', async () => {
    const root = copyOf(FIXTURE);
    const roadmap = await runCli(['draft', '--root', root, '--feature', 'cli', '--roadmap', '--provider', 'none']);
    expect(roadmap.code).toBe(2);
    expect(roadmap.stderr).toContain('the current SpecScore format has no roadmaps');
    const proposal = await runCli(['draft', '--root', root, '--proposal', 'cli/batch', '--provider', 'none']);
    expect(proposal.code).toBe(2);
    expect(proposal.stderr).toContain('has no proposals as plan sources');
    expect(git(root, 'status', '--porcelain')).toBe('');
  });
});

describe('specplan import in a repository of the current format', () => {
  it('writes a Draft single-file plan with one task per step, its index row and back-reference, and says what is missing', async () => {
    const root = copyOf(FIXTURE);
    const source = path.join(INTEROP, 'execplan/dark-mode.md');
    const run = await runCli([
      'import',
      source,
      '--root',
      root,
      '--from',
      'execplan',
      '--feature',
      'cli',
      '--slug',
      'dark-mode',
      '--date',
      '2026-06-01',
      '--provider',
      'none',
    ]);
    expect(run.stderr).toContain('the tasks verify no acceptance criterion of feature cli yet');
    expect(run.code).toBe(0);
    const plan = read(root, 'spec/plans/dark-mode.md');
    expect(plan.startsWith('---\nformat: https://specscore.md/plan-specification\nstatus: Draft\n---\n')).toBe(true);
    expect(plan).toMatch(/^## Approach\n\nImported from `.*dark-mode\.md` \(ExecPlan\) on 2026-06-01/m);
    expect(plan).toMatch(/^### Task 1: /m);
    expect(plan.trimEnd().endsWith('*This document follows the https://specscore.md/plan-specification*')).toBe(true);
    expect(read(root, 'spec/plans/README.md')).toContain('| [dark-mode](dark-mode.md) | draft | cli |');
    expect(read(root, 'spec/features/cli/README.md')).toContain('| [dark-mode](../../plans/dark-mode.md) | Draft |');
    expect(newErrors(root).filter((l) => !l.startsWith('spec/plans/batch'))).toEqual([]);
    expect(lintRepo(loadRepo(root)).diagnostics.filter((d) => d.file === 'spec/plans/dark-mode.md' && d.severity === 'error')).toEqual([]);
  });
});

describe('specplan new from an idea in the current format', () => {
  it('writes **Source:** idea:<slug> when spec/ideas/<slug>.md exists, and refuses an unknown idea', async () => {
    const root = copyOf(FIXTURE);
    const missing = await runCli(['new', 'batch-files', '--root', root, '--title', 'Batch files', '--author', '@kim', '--idea', 'batch-files']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('idea batch-files does not exist');
    mkdirSync(path.join(root, 'spec/ideas'));
    cpSync(path.join(FIXTURE, 'spec/features/cli/README.md'), path.join(root, 'spec/ideas/batch-files.md'));
    git(root, 'add', '-A');
    git(root, 'commit', '-qm', 'an idea');
    const made = await runCli([
      'new',
      'batch-files',
      '--root',
      root,
      '--title',
      'Batch files',
      '--author',
      '@kim',
      '--idea',
      'batch-files',
      '--date',
      '2026-06-01',
    ]);
    expect(made.code).toBe(0);
    expect(read(root, 'spec/plans/batch-files.md')).toContain('**Status:** Draft\n**Source:** idea:batch-files\n**Date:** 2026-06-01\n');
    expect(git(root, 'status', '--porcelain').split('\n').filter(Boolean).sort()).toEqual([' M spec/plans/README.md', '?? spec/plans/batch-files.md']);
    expect(lintRepo(loadRepo(root)).diagnostics.filter((d) => d.file === 'spec/plans/batch-files.md')).toEqual([]);
  });
});
