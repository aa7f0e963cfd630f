/**
 * `specplan lint`, `status` and `check-frozen` run from a bundle of their own (quick.js): the
 * built bin prints what the full CLI prints, errors and help included, and shares the document
 * cache with the commands of the other bundle.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect } from 'vitest';
import { buildAll, runBuilt, runCli, type Built } from '../support/cli.js';
import { corpus } from '../support/corpus.js';
import { corpusCheckout } from '../support/git.js';
import { removeRepo } from '../support/repo.js';

const SYNCHESTRA = corpus('synchestra-spec');
const CACHE = '.specscore/cache';
let built: Built;
let root = '';

beforeAll(() => {
  if (!SYNCHESTRA.present) return;
  built = buildAll();
  root = corpusCheckout(SYNCHESTRA.root, 'specplan-quick-');
}, 180_000);
afterAll(() => {
  if (root) removeRepo(root);
});

const env = { ...process.env, SPECPLAN_TODAY: '2026-03-02', SPECPLAN_CACHE: '0' };
const spawned = (args: string[], e: NodeJS.ProcessEnv = env) => runBuilt(built.specplan, args, { cwd: root, env: e, timeoutMs: 60_000 });
const inProcess = (args: string[]) => runCli(args, { SPECPLAN_TODAY: '2026-03-02', SPECPLAN_CACHE: '0' }, root);

SYNCHESTRA.it(
  'the built quick commands print what the full CLI prints: results, usage errors and help',
  async () => {
    const cases = [
      ['lint', '--format', 'json'],
      ['lint'],
      ['lint', 'spec/no-such-plan'],
      ['lint', '--format', 'xml'],
      ['lint', '--help'],
      ['status', '--format', 'json'],
      ['status', 'no-such-plan'],
      ['check-frozen', '--staged', '--format', 'json'],
      ['check-frozen', '--staged'],
      ['check-frozen', '--no-such-flag'],
    ];
    for (const args of cases) {
      const [bin, direct] = [await spawned(args), await inProcess(args)];
      expect({ args, code: bin.code, stdout: bin.stdout, stderr: bin.stderr }).toEqual({
        args,
        code: direct.code,
        stdout: direct.stdout,
        stderr: direct.stderr,
      });
    }
  },
  180_000,
);

SYNCHESTRA.it(
  'the document cache written by lint is the one the other commands read: no command rewrites it',
  async () => {
    const cached = { ...env, SPECPLAN_CACHE: '1' };
    await new Promise((r) => setTimeout(r, 2100)); // no file changed in the last two seconds: nothing is racily clean
    expect((await spawned(['lint'], cached)).code).toBe(1);
    const shards = () =>
      readdirSync(path.join(root, CACHE))
        .filter((n) => n.endsWith('.bin'))
        .map((n) => readFileSync(path.join(root, CACHE, n)).toString('base64'));
    const written = shards();
    expect(written.length).toBeGreaterThan(0);
    expect((await spawned(['graph'], cached)).code).toBe(0);
    expect(shards()).toEqual(written);
    expect((await spawned(['status'], cached)).code).toBe(0);
    expect(shards()).toEqual(written);
  },
  120_000,
);
