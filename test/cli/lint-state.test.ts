import { appendFileSync, chmodSync, existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect } from 'vitest';
import { LINT_STATE_FILE } from '../../src/repo/lint-state.js';
import { runCli } from '../support/cli.js';
import { corpus } from '../support/corpus.js';
import { removeRepo, tempCopy } from '../support/repo.js';

/**
 * Through the command: `specplan lint` writes its lint state, and the next run after a prose
 * edit prints what a run without any cache prints, reading the state without writing it anew.
 */
const SYNCHESTRA = corpus('synchestra-spec');
const PLAN = 'spec/plans/chat-feature/chat-infrastructure/README.md';
let root = '';

beforeAll(async () => {
  if (!SYNCHESTRA.present) return;
  root = tempCopy(SYNCHESTRA.root, 'specplan-cli-lint-state-', (src) => !src.includes(`${path.sep}.git`));
  chmodSync(root, 0o755);
  // Past the racily clean margin of the files just copied, as a run some time after a checkout.
  await new Promise((done) => setTimeout(done, 2100));
});
afterAll(() => {
  if (root) removeRepo(root);
});

const lint = (cache: '0' | '1') => runCli(['lint', '--root', root, '--format', 'json'], { SPECPLAN_CACHE: cache });
const shown = (r: { code: number; stdout: string; stderr: string }) => `${r.code}\n${r.stdout}\n${r.stderr}`;

SYNCHESTRA.it('a second run after a prose edit prints what a run without cache prints, from the state', async () => {
  const first = await lint('1');
  const state = path.join(root, LINT_STATE_FILE);
  expect(existsSync(state)).toBe(true);
  const written = readFileSync(state);
  expect(shown(first)).toBe(shown(await lint('0')));
  appendFileSync(path.join(root, PLAN), '- Should drafts survive a closed window?\n');
  const second = await lint('1');
  expect(shown(second)).toBe(shown(await lint('0')));
  // Relinted from the state: a full run would have written the state anew.
  expect(readFileSync(state).equals(written)).toBe(true);
});
