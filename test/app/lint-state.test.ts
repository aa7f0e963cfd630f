import { appendFileSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect, vi } from 'vitest';
import { lintPlans, lintWorkspace } from '../../src/app/lint.js';
import { openState } from '../../src/app/workspace.js';
import type { LintResult } from '../../src/lint/index.js';
import { LINT_STATE_FILE } from '../../src/repo/lint-state.js';
import { corpus } from '../support/corpus.js';
import { commitAll, gitInit } from '../support/git.js';
import { cacheSuite, read, write } from '../support/repo.js';
import { rng } from '../../bench/generate-repo.mjs';

/**
 * `specplan lint` with its lint state: whatever changed, a run that relints from the state
 * reports exactly what a run from scratch reports; it relints only when nothing but the prose
 * of plans changed; and a state that cannot stand for the repository (damaged, foreign,
 * planted, racily clean) is never used.
 */
const SYNCHESTRA = corpus('synchestra-spec');
const SPECSCORE = corpus('specscore-spec');
const PLAN = 'spec/plans/chat-feature/chat-infrastructure/README.md';
const OTHER_PLAN = 'spec/plans/hero-scene/README.md';
const ROADMAP = 'spec/plans/agent-skills-roadmap/README.md';

const { copyCorpus } = cacheSuite('specplan-lint-state-');

/** A writable git checkout of a copy of `src` (the corpus itself is never written). */
function checkout(src: string): string {
  const root = copyCorpus(src);
  gitInit(root);
  return root;
}

/**
 * Lint as `specplan lint` does, with the clock `ahead` ms past now: ten seconds puts every file
 * written so far out of the racily clean margin, as a run some time after the last edit.
 */
async function lintNow(root: string, paths: string[] = [], ahead = 10_000): Promise<{ result: LintResult; relinted: string[] | null }> {
  const now = Date.now();
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(now + ahead);
  try {
    return await lintWorkspace({ root, paths });
  } finally {
    vi.useRealTimers();
  }
}

/** The same lint from scratch: the whole repository read, no cache, no state. */
async function lintFresh(root: string, paths: string[] = []): Promise<LintResult> {
  vi.stubEnv('SPECPLAN_CACHE', '0');
  try {
    const { repo, items, ledgerFindings } = await openState({ root });
    return lintPlans(repo, paths, { items, ledgerFindings });
  } finally {
    vi.stubEnv('SPECPLAN_CACHE', '1');
  }
}

/** Lint with the state and from scratch, expect the same findings, and say whether the state was used. */
async function same(root: string, paths: string[] = []): Promise<string[] | null> {
  const { result, relinted } = await lintNow(root, paths);
  expect(result).toEqual(await lintFresh(root, paths));
  return relinted;
}

SYNCHESTRA.it('a second run relints nothing, and a plan whose prose changed is relinted alone', async () => {
  const root = checkout(SYNCHESTRA.root);
  expect(await same(root)).toBeNull();
  expect(existsSync(path.join(root, LINT_STATE_FILE))).toBe(true);
  expect(await same(root)).toEqual([]);
  appendFileSync(path.join(root, PLAN), '- Should a chat keep its drafts when the window closes?\n');
  expect(await same(root)).toEqual([PLAN]);
  // A prose edit that brings a finding: the completion marker rule judges the plan alone.
  const text = read(root, OTHER_PLAN);
  write(root, OTHER_PLAN, `${text}\nThe renderer is done ✅\n`);
  const relinted = await same(root);
  expect(relinted).toEqual(expect.arrayContaining([PLAN, OTHER_PLAN]));
  const { result } = await lintNow(root);
  expect(result.diagnostics.some((d) => d.file === OTHER_PLAN && d.rule === 'plan/no-completion-markers' && d.message.includes('✅'))).toBe(true);
});

SYNCHESTRA.it('lines added in the middle of a plan move no position the repository rules read: relinted alone', async () => {
  const root = checkout(SYNCHESTRA.root);
  await lintNow(root);
  // The roadmap has a repository finding on its Source line (8); lines added below it move only
  // positions no repository rule asked for.
  write(root, ROADMAP, read(root, ROADMAP).replace('## Context\n', '## Context\n\nTwo more lines\nof context.\n'));
  expect(await same(root)).toEqual([ROADMAP]);
  // Above it, the Source line moves: a full run, which finds it at its new line.
  write(root, ROADMAP, read(root, ROADMAP).replace('**Status:**', 'A line before the fields.\n\n**Status:**'));
  expect(await same(root)).toBeNull();
  const { result } = await lintNow(root);
  expect(result.diagnostics.find((d) => d.file === ROADMAP && d.rule === 'plan/source-links')?.line).toBe(10);
});

SYNCHESTRA.it.each([
  ['a header field of a plan', (root: string) => write(root, PLAN, read(root, PLAN).replace(/\*\*Status:\*\* \S+/, '**Status:** in_review'))],
  ['a line added above every position of a plan', (root: string) => write(root, PLAN, `\n${read(root, PLAN)}`)],
  ['line endings of a plan', (root: string) => write(root, PLAN, read(root, PLAN).replace(/\n/g, '\r\n'))],
  ['a file added to a plan folder', (root: string) => write(root, `${path.dirname(PLAN)}/notes.md`, '# Notes\n')],
  ['a new plan', (root: string) => write(root, 'spec/plans/new-plan/README.md', read(root, OTHER_PLAN))],
  ['a plan removed', (root: string) => rmSync(path.join(root, path.dirname(OTHER_PLAN)), { recursive: true })],
  ['a feature', (root: string) => appendFileSync(path.join(root, 'spec/features/chat/README.md'), '\nMore about chat.\n')],
  ['the plans index', (root: string) => appendFileSync(path.join(root, 'spec/plans/README.md'), '\nA note.\n')],
  ['the configuration', (root: string) => write(root, 'specscore.yaml', 'planning:\n  lint:\n    rules:\n      plan/no-completion-markers: off\n')],
  [
    'the ledger',
    (root: string) => write(root, '.specscore/work-items.yaml', 'items:\n  - { id: W-1, plan: chat-feature/chat-infrastructure, step: "1", status: done }\n'),
  ],
  ['a Plan-Step trailer', (root: string) => commitAll(root, 'Finish a step\n\nPlan-Step: chat-feature/chat-infrastructure#1', { allowEmpty: true })],
  ['a linked file that appears', (root: string) => write(root, 'ai-plugin/skills/README.md', '# Skills\n')],
  [
    'a plan document replaced by a link',
    (root: string) => {
      const abs = path.join(root, OTHER_PLAN);
      writeFileSync(`${abs}.orig`, readFileSync(abs));
      rmSync(abs);
      symlinkSync('README.md.orig', abs);
    },
  ],
])('%s changed: a full run, with the findings of one', async (_what, change) => {
  const root = checkout(SYNCHESTRA.root);
  await lintNow(root);
  expect(await same(root)).toEqual([]);
  change(root);
  expect(await same(root)).toBeNull();
});

SYNCHESTRA.it('a change that keeps the size of a plan and puts its mtime back is seen', async () => {
  const root = checkout(SYNCHESTRA.root);
  await lintNow(root);
  const abs = path.join(root, OTHER_PLAN);
  const before = statSync(abs);
  const text = read(root, OTHER_PLAN);
  // Three bytes of a section's prose for three others.
  const section = text.indexOf('## Task 2');
  const at = text.indexOf(' the ', section);
  expect(section).toBeGreaterThan(0);
  const changed = `${text.slice(0, at)} ✅ ${text.slice(at + 5)}`;
  expect(Buffer.byteLength(changed)).toBe(before.size);
  write(root, OTHER_PLAN, changed);
  // The mtime put back (to the microsecond: within the same second, as a file system of whole seconds shows it).
  utimesSync(abs, before.atimeMs / 1000, before.mtimeMs / 1000);
  expect(Math.abs(statSync(abs).mtimeMs - before.mtimeMs)).toBeLessThan(1);
  expect(statSync(abs).size).toBe(before.size);
  expect(await same(root)).toEqual([OTHER_PLAN]);
  const { result } = await lintNow(root);
  expect(result.diagnostics.some((d) => d.file === OTHER_PLAN && d.rule === 'plan/no-completion-markers' && d.message.includes('✅'))).toBe(true);
});

SYNCHESTRA.it('a linked file that appears is seen: the finding about it goes', async () => {
  const root = checkout(SYNCHESTRA.root);
  const before = (await lintNow(root)).result.diagnostics.filter((d) => d.file === ROADMAP && d.rule === 'plan/source-links');
  expect(before).toHaveLength(1);
  write(root, 'ai-plugin/skills/README.md', '# Skills\n');
  const after = await lintNow(root);
  expect(after.relinted).toBeNull();
  expect(after.result.diagnostics.filter((d) => d.file === ROADMAP && d.rule === 'plan/source-links')).toEqual([]);
});

SYNCHESTRA.it('a state written in the same moment as the files is not trusted (racily clean)', async () => {
  const root = checkout(SYNCHESTRA.root);
  // The plans folder changes just before the run that writes the state, in the tick its stat
  // is taken: the state cannot vouch for it.
  writeFileSync(path.join(root, 'spec/plans/.moment'), '');
  rmSync(path.join(root, 'spec/plans/.moment'));
  await lintNow(root, [], 0);
  appendFileSync(path.join(root, PLAN), '- One more question?\n');
  expect(await same(root)).toBeNull();
  // That full run wrote a state well past the margin: the next run uses it.
  expect(await same(root)).toEqual([]);
});

SYNCHESTRA.it('a damaged, truncated, foreign or planted state is not used, and changes nothing', async () => {
  const root = checkout(SYNCHESTRA.root);
  await lintNow(root);
  const state = path.join(root, LINT_STATE_FILE);
  const good = readFileSync(state);
  const damaged: Array<[string, Buffer]> = [
    ['garbage', Buffer.from('not a state at all')],
    ['truncated', good.subarray(0, Math.floor(good.length / 2))],
    ['empty', Buffer.alloc(0)],
    [
      'another build',
      Buffer.from(
        good.toString('latin1').replace(/"build":"[^"]*"/, (m) => m.replace(/.$/, 'x"')),
        'latin1',
      ),
    ],
    ['keys cut short', good.subarray(0, Math.ceil((4 + good.readUInt32LE(0)) / 8) * 8 + 16)],
  ];
  for (const [what, bytes] of damaged) {
    writeFileSync(state, bytes);
    expect({ what, relinted: await same(root) }).toEqual({ what, relinted: null });
  }
  // The state of another checkout of the same files: no stat key of this one matches it.
  const other = checkout(SYNCHESTRA.root);
  await lintNow(other);
  write(root, LINT_STATE_FILE, readFileSync(path.join(other, LINT_STATE_FILE)));
  appendFileSync(path.join(root, PLAN), '- A question only this checkout asks?\n');
  expect(await same(root)).toBeNull();
});

SYNCHESTRA.it('no state is kept when the cache is off, or when the documents include links', async () => {
  const root = checkout(SYNCHESTRA.root);
  vi.stubEnv('SPECPLAN_CACHE', '0');
  await lintWorkspace({ root, paths: [] });
  expect(existsSync(path.join(root, LINT_STATE_FILE))).toBe(false);
  vi.stubEnv('SPECPLAN_CACHE', '1');
  write(root, 'specscore.yaml', 'planning:\n  cache: false\n');
  await lintNow(root);
  expect(existsSync(path.join(root, LINT_STATE_FILE))).toBe(false);
  rmSync(path.join(root, 'specscore.yaml'));
  mkdirSync(path.join(root, 'elsewhere'));
  write(root, 'elsewhere/README.md', read(root, OTHER_PLAN));
  symlinkSync('../../elsewhere', path.join(root, 'spec/plans/linked'));
  expect(await same(root)).toBeNull();
  expect(existsSync(path.join(root, LINT_STATE_FILE))).toBe(false);
});

SYNCHESTRA.it('paths limit the findings the same way, and name the same problems', async () => {
  const root = checkout(SYNCHESTRA.root);
  await lintNow(root);
  appendFileSync(path.join(root, PLAN), '- Another question?\n');
  expect(await same(root, ['spec/plans/chat-feature'])).toEqual([PLAN]);
  expect(await same(root, ['hero-scene'])).toEqual([PLAN]);
  // A path that names nothing: the full run's usage error, with its suggestion.
  const err = await lintNow(root, ['hero-scen']).catch((e: unknown) => e);
  const fresh = await lintFresh(root, ['hero-scen']).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(Error);
  expect(JSON.stringify(err)).toContain('hero-scene');
  expect(JSON.stringify(err)).toBe(JSON.stringify(fresh));
  expect((err as Error).message).toBe((fresh as Error).message);
});

SPECSCORE.it('in the current format too, a prose change relints one plan with the findings of a full run', async () => {
  const root = checkout(SPECSCORE.root);
  const file = 'spec/plans/cross-repo-plan-composition/README.md';
  await lintNow(root);
  expect(await same(root)).toEqual([]);
  write(root, file, read(root, file).replace('This is the **master plan**', 'This is, indeed, the **master plan**'));
  expect(await same(root)).toEqual([file]);
  // Its status is part of what the repository rules see.
  write(root, file, read(root, file).replace('**Status:** draft', '**Status:** approved'));
  expect(await same(root)).toBeNull();
});

SYNCHESTRA.it('over a random sequence of edits, every run reports what a run from scratch reports', async () => {
  const root = checkout(SYNCHESTRA.root);
  const plans = [PLAN, OTHER_PLAN, ROADMAP, 'spec/plans/e2e-testing-framework/README.md', 'spec/plans/superpowers-integration/README.md'];
  const edits: Array<(file: string) => void> = [
    (f) => appendFileSync(path.join(root, f), '\nA closing remark.\n'),
    (f) => write(root, f, read(root, f).replace(/\n\n/, '\n\nAn added paragraph.\n\n')),
    (f) => write(root, f, read(root, f).replace(/^(#{3} \d+\..*)$/m, '$1\n\nA step that says more.')),
    (f) => write(root, f, read(root, f)),
    (f) => write(root, f, read(root, f).replace(/\*\*Author:\*\* \S+/, '**Author:** @someone')),
    (f) => appendFileSync(path.join(root, f), '\n- [x] a checked box\n'),
    (f) => write(root, f, read(root, f).replace(/\n## /, '\nA line that moves the sections below it.\n\n## ')),
    (f) => write(root, f, read(root, f).replace(/\n\n[^\n]*\n/, '\n\n')),
  ];
  const next = rng(19);
  let relinted = 0;
  await lintNow(root);
  for (let i = 0; i < 24; i++) {
    const file = plans[Math.floor(next() * plans.length)]!;
    edits[Math.floor(next() * edits.length)]!(file);
    const r = await same(root);
    if (r !== null && r.length) relinted++;
  }
  // The sequence holds prose edits: some runs must have used the state (else this proves nothing about it).
  expect(relinted).toBeGreaterThan(3);
});
