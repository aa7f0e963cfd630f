import { cpSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commitAll, git, read, removeRepo, runInProcess } from '../support/lifecycle-helpers.js';
import { corpus } from '../support/corpus.js';

const SYNCHESTRA = corpus('synchestra-spec');
const CORPUS_ROOT = SYNCHESTRA.root;

let root = '';
const ip = (...args: string[]) => runInProcess(root, args);
const INFRA = 'spec/plans/chat-feature/chat-infrastructure/README.md';
const ROADMAP = 'spec/plans/chat-feature/README.md';

beforeAll(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'specplan-lc-corpus-'));
  cpSync(CORPUS_ROOT, root, { recursive: true });
  git(root, 'init', '-q', '-b', 'main');
  git(root, 'config', 'user.name', 'Test');
  git(root, 'config', 'user.email', 'test@example.com');
  commitAll(root, 'corpus');
});
afterAll(() => removeRepo(root));

SYNCHESTRA.describe('the lifecycle on the real corpus (a copy)', () => {
  it('status and check-frozen read every plan', async () => {
    const s = await ip('status', '--json');
    expect(s.code).toBe(0);
    const plans = JSON.parse(s.stdout).plans as Array<{ plan: string; status: string; derived: boolean }>;
    expect(plans.map((p) => p.plan)).toEqual([
      'agent-skills-roadmap',
      'chat-feature',
      'chat-feature/chat-infrastructure',
      'chat-feature/chat-workflow-engine',
      'e2e-testing-framework',
      'hero-scene',
      'superpowers-integration',
    ]);
    expect(plans.find((p) => p.plan === 'chat-feature')).toMatchObject({ status: 'draft', derived: true });
    const f = await ip('check-frozen');
    expect([f.code, f.stdout]).toEqual([0, '0 approved plans checked, 0 changed since approval\n']);
  });

  it('a plan written without a Status field cannot change status: the file, line and expectation are named', async () => {
    const r = await ip('submit', 'e2e-testing-framework');
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      'specplan: cannot submit plan e2e-testing-framework: spec/plans/e2e-testing-framework/README.md:1 has no **Status:** field\n  expected "**Status:** draft" (or in_review, approved, superseded) in the header right after the "# Plan:" title\n',
    );
    expect(git(root, 'status', '--porcelain')).toBe('');
  });

  it('transitions edit only the header lines of a real plan and the Status cell of its roadmap row', async () => {
    const infra = read(root, INFRA);
    const roadmap = read(root, ROADMAP);
    const s = await ip('submit', 'chat-feature/chat-infrastructure');
    expect([s.code, s.stderr]).toEqual([0, '']);
    expect(read(root, INFRA)).toBe(infra.replace('**Status:** draft', '**Status:** in_review'));
    expect(read(root, ROADMAP)).toBe(
      roadmap.replace(
        '| 1 | [chat-infrastructure](chat-infrastructure/) | draft | L | high |',
        '| 1 | [chat-infrastructure](chat-infrastructure/) | in_review | L | high |',
      ),
    );
    const a = await ip('approve', 'chat-feature/chat-infrastructure', '--approver', '@jordan', '--date', '2026-03-20');
    expect([a.code, a.stderr]).toEqual([0, '']);
    expect(read(root, INFRA)).toBe(
      infra
        .replace('**Status:** draft', '**Status:** approved')
        .replace('**Author:** @alex\n', '**Author:** @alex\n**Approver:** @jordan\n')
        .replace('**Created:** 2026-03-14\n', '**Created:** 2026-03-14\n**Approved:** 2026-03-20\n'),
    );
    commitAll(root, 'approve chat-infrastructure');
    const f = await ip('check-frozen', '--json');
    expect(JSON.parse(f.stdout)).toMatchObject({ checked: ['chat-feature/chat-infrastructure'], violations: [] });
  });

  it('a new plan on the corpus passes lint; the index rows the corpus already had keep their order', async () => {
    const before = read(root, 'spec/plans/README.md');
    const r = await ip(
      'new',
      'chat-history',
      '--parent',
      'chat-feature',
      '--title',
      'Chat history',
      '--author',
      '@alex',
      '--feature',
      'chat',
      '--date',
      '2026-03-21',
    );
    expect([r.code, r.stderr]).toEqual([0, '']);
    const index = read(root, 'spec/plans/README.md');
    const order = (t: string) => [...t.matchAll(/^\| (?:&ensp;)?\[([^\]]+)\]/gm)].map((m) => m[1]);
    expect(order(index)).toEqual([...order(before).slice(0, 4), 'chat-history', ...order(before).slice(4)]);
    expect(read(root, ROADMAP)).toContain('| 3 | [chat-history](chat-history/) | draft | — | — |');
  });
});
