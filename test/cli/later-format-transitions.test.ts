import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, test } from 'vitest';
import { commitAll, git, gitInit } from '../support/git.js';
import { read, removeRepo, tempCopy, write } from '../support/repo.js';
import { changedFiles, snapshot } from '../support/index-helpers.js';
import { runCli } from '../support/cli.js';
import { corpus } from '../support/corpus.js';
import { makeRepo } from '../support/lifecycle-helpers.js';

const FIXTURE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../support/fixtures/later-format');
const TODAY = '2026-04-02';
const roots: string[] = [];
afterAll(() => roots.forEach(removeRepo));

let template: string | null = null;

/**
 * A committed copy of the later-format fixture, its draft and plan in review without their
 * deliberate lint defects: the git repository is made once, and each test gets a copy of it.
 */
function fixture(): string {
  if (!template) {
    template = tempCopy(FIXTURE, 'specplan-later-transitions-');
    roots.push(template);
    write(template, 'spec/plans/draft.md', read(template, 'spec/plans/draft.md').replace('**Status:** todo', '**Status:** planning'));
    write(template, 'spec/plans/in-review.md', read(template, 'spec/plans/in-review.md').replace('cli#ac:batch-parser-rejects', 'cli#ac:batch-flag-in-help'));
    gitInit(template, { commit: 'fixture' });
  }
  const root = tempCopy(template, 'specplan-later-transitions-');
  roots.push(root);
  return root;
}

const run = (root: string, ...args: string[]) => runCli([...args, '--root', root], { SPECPLAN_TODAY: TODAY });

/** The working-tree diff as `file: -line` / `file: +line` entries, in diff order. */
function diff(root: string): string[] {
  const out: string[] = [];
  let file = '';
  for (const line of git(root, 'diff', '-U0', '--no-color').split('\n')) {
    if (line.startsWith('+++ b/')) file = line.slice(6);
    else if (line.startsWith('--- ') || line.startsWith('+++ ')) continue;
    else if (line.startsWith('+') || line.startsWith('-')) out.push(`${file}: ${line}`);
  }
  return out;
}

const head = (root: string) => git(root, 'rev-parse', '--short', 'HEAD').trim();
const lastLine = (text: string) => text.trimEnd().split('\n').at(-1);
const FOOTER = '*This document follows the https://specscore.md/plan-specification*';

describe('status transitions of the current SpecScore format', () => {
  test('approve (In Review → Approved): Status and its front matter copy, a snapshot at HEAD before the footer, the index row; nothing else', async () => {
    const root = fixture();
    const r = await run(root, 'approve', 'in-review', '--approver', '@jordan');
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(r.stdout).toContain(`approved in-review: In Review → Approved (snapshot ${head(root)})`);
    expect(diff(root)).toEqual([
      'spec/plans/README.md: -| [in-review](in-review.md) | In Review | cli | - | - | @alex | - |',
      `spec/plans/README.md: +| [in-review](in-review.md) | Approved  | cli | - | - | @alex | ${TODAY} |`,
      'spec/plans/in-review.md: -status: In Review',
      'spec/plans/in-review.md: +status: Approved',
      'spec/plans/in-review.md: -**Status:** In Review',
      'spec/plans/in-review.md: +**Status:** Approved',
      'spec/plans/in-review.md: +## Snapshots',
      'spec/plans/in-review.md: +',
      'spec/plans/in-review.md: +| Date | Git Hash | Action | Comment |',
      'spec/plans/in-review.md: +|---|---|---|---|',
      `spec/plans/in-review.md: +| ${TODAY} | \`${head(root)}\` | approved | Approved by @jordan |`,
      'spec/plans/in-review.md: +',
    ]);
    const plan = read(root, 'spec/plans/in-review.md');
    expect(plan).toContain('None at this time.\n\n## Snapshots\n\n| Date');
    expect(plan).toContain(`| approved | Approved by @jordan |\n\n---\n${FOOTER}\n`);
    expect(lastLine(plan)).toBe(FOOTER);
    // No approval record: the format has no freeze.
    expect(git(root, 'status', '--porcelain', '--untracked-files=all')).not.toContain('.specscore');
  });

  test('a second approval snapshot is a row added to the existing table', async () => {
    const root = fixture();
    expect((await run(root, 'approve', 'in-review', '--comment', 'Initial approval by @jordan')).code).toBe(0);
    commitAll(root, 'approved');
    const plan = read(root, 'spec/plans/in-review.md');
    expect(plan).toContain(`| ${TODAY} | \`${git(root, 'rev-parse', '--short', 'HEAD~1').trim()}\` | approved | Initial approval by @jordan |\n\n---\n`);
  });

  type Case = { args: string[]; plan: string; file: string; from: string; to: string; closed?: boolean };
  const cap = (s: string) => s[0]!.toUpperCase() + s.slice(1);
  const CASES: Case[] = [
    { args: ['submit', 'draft'], plan: 'draft', file: 'draft.md', from: 'Draft', to: 'In Review' },
    { args: ['revise', 'in-review'], plan: 'in-review', file: 'in-review.md', from: 'In Review', to: 'Draft' },
    { args: ['reject', 'in-review'], plan: 'in-review', file: 'in-review.md', from: 'In Review', to: 'Rejected', closed: true },
    // Every disposition from Approved and from each status of the execution band.
    ...['approved', 'executing', 'blocked', 'implemented', 'failed'].flatMap((p) =>
      (
        [
          ['withdraw', 'Withdrawn'],
          ['deprecate', 'Deprecated'],
        ] as const
      ).map(([a, to]) => ({ args: [a, p], plan: p, file: `${p}.md`, from: cap(p), to, closed: true })),
    ),
  ];

  test.each(CASES)('$args.0 $args.1 ($from → $to) writes exactly its lines', async (c) => {
    const root = fixture();
    const r = await run(root, ...c.args);
    expect([r.code, r.stderr]).toEqual([0, '']);
    // The Status cell keeps its width when the new value is shorter (aligned tables stay aligned).
    const row = (s: string) => `| [${c.plan}](${c.file}) |${s}| cli | - | - | @alex | - |`;
    const expected = [
      `spec/plans/README.md: -${row(` ${c.from} `)}`,
      `spec/plans/README.md: +${row(` ${c.to} `.padEnd(c.from.length + 2))}`,
      ...(c.closed ? [`spec/plans/README.md: +- [${c.plan}](${c.file}) — ${c.to} — ${TODAY}`] : []),
      `spec/plans/${c.file}: -status: ${c.from}`,
      `spec/plans/${c.file}: +status: ${c.to}`,
      `spec/plans/${c.file}: -**Status:** ${c.from}`,
      `spec/plans/${c.file}: +**Status:** ${c.to}`,
    ];
    expect(diff(root)).toEqual(expected);
    expect(lastLine(read(root, `spec/plans/${c.file}`))).toBe(FOOTER);
  });

  test.each(['executing', 'blocked', 'implemented', 'failed'])('supersede %s by the plan in review', async (p) => {
    const root = fixture();
    const r = await run(root, 'supersede', p, '--by', 'in-review');
    expect([r.code, r.stderr]).toEqual([0, '']);
    const from = cap(p);
    expect(diff(root)).toEqual([
      `spec/plans/README.md: -| [${p}](${p}.md) | ${from} | cli | - | - | @alex | - |`,
      `spec/plans/README.md: +| [${p}](${p}.md) |${` Superseded `.padEnd(from.length + 2)}| cli | - | - | @alex | - |`,
      `spec/plans/README.md: +- [${p}](${p}.md) — Superseded — ${TODAY}`,
      `spec/plans/${p}.md: -status: ${from}`,
      'spec/plans/' + p + '.md: +status: Superseded',
      `spec/plans/${p}.md: -**Status:** ${from}`,
      `spec/plans/${p}.md: +**Status:** Superseded`,
      `spec/plans/${p}.md: +**Superseded By:** in-review`,
      'spec/plans/in-review.md: -**Supersedes:** —',
      `spec/plans/in-review.md: +**Supersedes:** ${p}`,
    ]);
  });

  test('a sub-plan: its indented row and its folder document; the parent is not touched', async () => {
    const root = fixture();
    const r = await run(root, 'submit', 'roadmap/json-output');
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(diff(root)).toEqual([
      'spec/plans/README.md: -| &ensp;[json-output](roadmap/json-output/README.md) | Draft | cli | - | - | @alex | - |',
      'spec/plans/README.md: +| &ensp;[json-output](roadmap/json-output/README.md) | In Review | cli | - | - | @alex | - |',
      'spec/plans/roadmap/json-output/README.md: -status: Draft',
      'spec/plans/roadmap/json-output/README.md: +status: In Review',
      'spec/plans/roadmap/json-output/README.md: -**Status:** Draft',
      'spec/plans/roadmap/json-output/README.md: +**Status:** In Review',
    ]);
  });

  test('approve from Draft (fast track) and supersede with the successor’s Supersedes', async () => {
    const root = fixture();
    const a = await run(root, 'approve', 'draft');
    expect(a.code).toBe(0);
    expect(a.stdout).toMatch(/approved directly from Draft/);
    expect(read(root, 'spec/plans/draft.md')).toContain(`| ${TODAY} | \`${head(root)}\` | approved | Approved |`);
    commitAll(root, 'approve draft');
    const s = await run(root, 'supersede', 'approved', '--by', 'draft');
    expect([s.code, s.stderr]).toEqual([0, '']);
    expect(diff(root)).toEqual([
      'spec/plans/README.md: -| [approved](approved.md) | Approved | cli | - | - | @alex | - |',
      'spec/plans/README.md: +| [approved](approved.md) | Superseded | cli | - | - | @alex | - |',
      `spec/plans/README.md: +- [approved](approved.md) — Superseded — ${TODAY}`,
      'spec/plans/approved.md: -status: Approved',
      'spec/plans/approved.md: +status: Superseded',
      'spec/plans/approved.md: -**Status:** Approved',
      'spec/plans/approved.md: +**Status:** Superseded',
      'spec/plans/approved.md: +**Superseded By:** draft',
      'spec/plans/draft.md: -**Supersedes:** —',
      'spec/plans/draft.md: +**Supersedes:** approved',
    ]);
    const lint = await run(root, 'lint', 'spec/plans/approved.md', 'spec/plans/draft.md');
    expect(lint.stdout).not.toMatch(/status-rollup|front-matter/);
  });

  test('every forbidden transition is refused with the allowed list, exit 1, nothing written', async () => {
    const root = fixture();
    const before = snapshot(root);
    const allowed = new Set([
      'submit draft',
      'approve draft',
      'approve in-review',
      'revise in-review',
      'reject in-review',
      'submit roadmap/json-output',
      'approve roadmap/json-output',
    ]);
    for (const p of ['approved', 'executing', 'blocked', 'implemented', 'failed', 'roadmap'])
      for (const a of ['withdraw', 'supersede', 'deprecate']) allowed.add(`${a} ${p}`);
    const plans = [
      'draft',
      'in-review',
      'approved',
      'executing',
      'blocked',
      'implemented',
      'failed',
      'rejected',
      'withdrawn',
      'superseded',
      'deprecated',
      'roadmap',
      'roadmap/json-output',
    ];
    let refused = 0;
    for (const p of plans)
      for (const a of ['submit', 'approve', 'revise', 'reject', 'withdraw', 'supersede', 'deprecate']) {
        if (allowed.has(`${a} ${p}`)) continue;
        const r = await run(root, a, p, ...(a === 'supersede' ? ['--by', 'draft'] : []));
        expect([a, p, r.code]).toEqual([a, p, 1]);
        expect(r.stderr).toMatch(
          new RegExp(`cannot ${a} plan ${p}: its status is [A-Z][a-z]+( [A-Z][a-z]+)?, and ${a} needs .*; (allowed from|no transition is allowed from)`),
        );
        refused++;
      }
    expect(refused).toBe(plans.length * 7 - allowed.size);
    expect(changedFiles(before, snapshot(root))).toEqual([]);
  });

  test('a plan with lint errors cannot be submitted or approved; approving without a commit is refused; nothing written', async () => {
    const root = tempCopy(FIXTURE, 'specplan-later-transitions-');
    roots.push(root);
    const before = snapshot(root);
    const a = await run(root, 'approve', 'in-review');
    expect(a.code).toBe(1);
    expect(a.stderr).toMatch(/no commit yet/);
    gitInit(root, { commit: 'fixture' });
    const b = await run(root, 'approve', 'in-review');
    expect(b.code).toBe(1);
    expect(b.stderr).toMatch(/cannot approve plan in-review: spec\/plans\/in-review.md has 1 lint error/);
    expect(changedFiles(before, snapshot(root)).filter((f) => !f.startsWith('.git/'))).toEqual([]);
  });

  test('the seed format has no reject, withdraw or deprecate: exit 1 naming the format', async () => {
    const root = fixture();
    write(root, 'spec/plans/seed-plan/README.md', '# Plan: Seed\n\n**Status:** approved\n');
    const r = await run(root, 'withdraw', 'seed-plan');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/the seed plan format \(statuses draft, in_review, approved, superseded\) has no withdraw transition/);
  });

  test('check-frozen stays quiet after an approved plan of the format is edited (also one whose status is written in lower case, as the corpus has them)', async () => {
    const root = fixture();
    write(root, 'spec/plans/roadmap/README.md', read(root, 'spec/plans/roadmap/README.md').replace(/Approved$/gm, 'approved'));
    commitAll(root, 'lower-case status');
    for (const f of ['spec/plans/approved.md', 'spec/plans/roadmap/README.md'])
      write(root, f, read(root, f).replace('## Approach\n\n', '## Approach\n\nEdited after approval. '));
    const r = await run(root, 'check-frozen');
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(r.stdout).toMatch(/^0 approved plans checked/);
  });
});

describe('a repository of the seed format with one current-format plan', () => {
  test('a seed plan superseded by a single-file successor links to its file', async () => {
    const root = makeRepo();
    roots.push(root);
    const made = await run(root, 'new', 'old-way', '--title', 'Old way', '--author', '@alex', '--feature', 'cli');
    expect(made.code).toBe(0);
    write(root, 'spec/plans/new-way.md', read(FIXTURE, 'spec/plans/approved.md'));
    commitAll(root, 'plans');
    const r = await run(root, 'supersede', 'old-way', '--by', 'new-way');
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(read(root, 'spec/plans/old-way/README.md')).toContain('**Superseded by:** [new-way](../new-way.md)');
  });
});

describe('specplan snapshot', () => {
  test('adds a checkpoint row at HEAD to the Snapshots table, status unchanged; refuses what the format does not allow', async () => {
    const root = fixture();
    const r = await run(root, 'snapshot', 'executing', '--comment', 'Streaming task added');
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(r.stdout).toContain(`recorded a checkpoint snapshot of executing at ${head(root)}`);
    expect(diff(root)).toEqual([
      'spec/plans/executing.md: +## Snapshots',
      'spec/plans/executing.md: +',
      'spec/plans/executing.md: +| Date | Git Hash | Action | Comment |',
      'spec/plans/executing.md: +|---|---|---|---|',
      `spec/plans/executing.md: +| ${TODAY} | \`${head(root)}\` | checkpoint | Streaming task added |`,
      'spec/plans/executing.md: +',
    ]);
    commitAll(root, 'checkpoint');
    const done = await run(root, 'snapshot', 'executing', '--action', 'completed', '--json');
    expect(JSON.parse(done.stdout)).toMatchObject({ plan: 'executing', snapshot: { action: 'completed', comment: '—', hash: head(root) } });
    expect(diff(root)).toEqual([`spec/plans/executing.md: +| ${TODAY} | \`${head(root)}\` | completed | — |`]);
    commitAll(root, 'completed');
    const before = snapshot(root);
    const approved = await run(root, 'snapshot', 'draft', '--action', 'approved');
    expect([approved.code, approved.stderr]).toEqual([1, expect.stringMatching(/an approved snapshot goes with the approval itself/)]);
    const word = await run(root, 'snapshot', 'draft', '--action', 'two words');
    expect(word.code).toBe(2);
    write(root, 'spec/plans/seed-plan/README.md', '# Plan: Seed\n\n**Status:** approved\n');
    const seed = await run(root, 'snapshot', 'seed-plan');
    expect([seed.code, seed.stderr]).toEqual([1, expect.stringMatching(/seed plan format, which has no snapshots/)]);
    expect(changedFiles(before, snapshot(root))).toEqual(['spec/plans/seed-plan/README.md']);
  });
});

const SPECSCORE = corpus('specscore-spec');

SPECSCORE.describe('transitions on a copy of the SpecScore repository', () => {
  function copy(): string {
    const root = tempCopy(SPECSCORE.root, 'specplan-later-corpus-');
    roots.push(root);
    gitInit(root, { commit: 'corpus' });
    return root;
  }

  test('approve a Draft plan: its Status line and a Snapshots section before the footer, nothing else', async () => {
    const root = copy();
    const r = await run(root, 'approve', 'artifact-frontmatter-convention', '--approver', '@jordan');
    expect([r.code, r.stderr]).toEqual([0, '']);
    // The index does not list the plan (the corpus's own finding): a note says so, the index is left alone.
    expect(r.stdout).toContain('spec/plans/README.md does not list artifact-frontmatter-convention');
    expect(diff(root)).toEqual([
      'spec/plans/artifact-frontmatter-convention.md: -**Status:** Draft',
      'spec/plans/artifact-frontmatter-convention.md: +**Status:** Approved',
      'spec/plans/artifact-frontmatter-convention.md: +## Snapshots',
      'spec/plans/artifact-frontmatter-convention.md: +',
      'spec/plans/artifact-frontmatter-convention.md: +| Date | Git Hash | Action | Comment |',
      'spec/plans/artifact-frontmatter-convention.md: +|---|---|---|---|',
      `spec/plans/artifact-frontmatter-convention.md: +| ${TODAY} | \`${head(root)}\` | approved | Approved by @jordan |`,
      'spec/plans/artifact-frontmatter-convention.md: +',
    ]);
    expect(lastLine(read(root, 'spec/plans/artifact-frontmatter-convention.md'))).toBe(FOOTER);
  });

  test('withdraw an approved folder plan whose status is written in lower case: the index keeps its lower-case spelling', async () => {
    const root = copy();
    const r = await run(root, 'withdraw', 'decision');
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(diff(root)).toEqual([
      'spec/plans/README.md: -| [decision](decision/README.md) | approved | decision, decisions-index | M | high | alexander.trakhimenok | 2026-05-26 |',
      'spec/plans/README.md: +| [decision](decision/README.md) | withdrawn | decision, decisions-index | M | high | alexander.trakhimenok | 2026-05-26 |',
      'spec/plans/README.md: -None at this time.',
      `spec/plans/README.md: +- [decision](decision/README.md) — withdrawn — ${TODAY}`,
      'spec/plans/decision/README.md: -status: approved',
      'spec/plans/decision/README.md: +status: Withdrawn',
      'spec/plans/decision/README.md: -**Status:** approved',
      'spec/plans/decision/README.md: +**Status:** Withdrawn',
    ]);
  });

  test('check-frozen stays quiet after approved plans of the corpus are edited', async () => {
    const root = copy();
    for (const f of ['spec/plans/decision/README.md', 'spec/plans/canonical-grade-metadata-field.md'])
      write(root, f, read(root, f).replace('## Open Questions\n', '## Open Questions\n\nEdited after approval.\n'));
    expect(diff(root).length).toBe(4);
    const r = await run(root, 'check-frozen');
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(r.stdout).toMatch(/^0 approved plans checked/);
  });
});
