import { chmodSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect } from 'vitest';
import { runCli, runWhatsNextCli } from '../support/cli.js';
import { corpus } from '../support/corpus.js';
import { removeRepo, tempCopy } from '../support/repo.js';

/**
 * Through the real commands: lint, status and What's Next (offline) print the same output with
 * no cache, a cold cache, a warm one, a damaged one and one written by another version.
 */
const SYNCHESTRA = corpus('synchestra-spec');
const CACHE = '.specscore/cache';
let root = '';

beforeAll(() => {
  if (SYNCHESTRA.present) {
    root = tempCopy(SYNCHESTRA.root, 'specplan-cli-cache-', (src) => !src.includes(`${path.sep}.git`));
    // The copy keeps the corpus's read-only folder modes; a read-only checkout keeps no cache.
    chmodSync(root, 0o755);
  }
});
afterAll(() => {
  if (root) removeRepo(root);
});

/** The output of the three read commands, with the cache on or off. */
async function outputs(cache: '0' | '1'): Promise<string[]> {
  const env = { SPECPLAN_CACHE: cache, SPECPLAN_TODAY: '2026-03-02' };
  const runs = [
    await runCli(['lint', '--root', root, '--format', 'json'], env),
    await runCli(['status', '--root', root, '--format', 'json'], env),
    await runWhatsNextCli(['--root', root, '--provider', 'none', '--full', '--dry-run'], env),
  ];
  return runs.map((r) => `${r.code}\n${r.stdout}\n${r.stderr}`);
}

const shardFiles = () => readdirSync(path.join(root, CACHE)).filter((n) => n.endsWith('.bin'));

SYNCHESTRA.it('lint, status and whats-next print the same with no, a cold, a warm, a damaged and a foreign cache', async () => {
  const expected = await outputs('0');
  expect(existsSync(path.join(root, CACHE))).toBe(false);
  expect(await outputs('1')).toEqual(expected);
  expect(shardFiles().length).toBeGreaterThan(0);
  await new Promise((r) => setTimeout(r, 2100));
  expect(await outputs('1')).toEqual(expected);
  expect(await outputs('1')).toEqual(expected);
  for (const n of shardFiles()) {
    const file = path.join(root, CACHE, n);
    writeFileSync(file, readFileSync(file).subarray(0, 100));
  }
  expect(await outputs('1')).toEqual(expected);
  for (const n of shardFiles()) {
    const file = path.join(root, CACHE, n);
    const bytes = readFileSync(file);
    writeFileSync(file, Buffer.concat([Buffer.from(bytes.toString('latin1').replace(/^(\S+ \S+ )\S+/, '$19.9.9'), 'latin1')]));
  }
  expect(await outputs('1')).toEqual(expected);
});

SYNCHESTRA.it('a dry run or a check writes nothing, not even the cache; the next real run writes it', async () => {
  const fresh = tempCopy(SYNCHESTRA.root, 'specplan-cli-cache-dry-', (src) => !src.includes(`${path.sep}.git`));
  chmodSync(fresh, 0o755);
  try {
    const env = { SPECPLAN_CACHE: '1', SPECPLAN_TODAY: '2026-03-02' };
    expect((await runWhatsNextCli(['--root', fresh, '--provider', 'none', '--full', '--dry-run'], env)).code).toBe(0);
    await runWhatsNextCli(['--root', fresh, '--check'], env);
    expect(existsSync(path.join(fresh, '.specscore'))).toBe(false);
    await runCli(['lint', '--root', fresh], env);
    expect(existsSync(path.join(fresh, CACHE))).toBe(true);
  } finally {
    removeRepo(fresh);
  }
});
