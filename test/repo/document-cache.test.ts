import {
  chmodSync,
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  unlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import v8 from 'node:v8';
import { expect, it, vi } from 'vitest';
import { lintRepo } from '../../src/lint/index.js';
import type { SpecRepo } from '../../src/model/repository.js';
import { contentHash } from '../../src/repo/document-cache.js';
import { loadRepo } from '../../src/repo/load-repo.js';
import { corpus } from '../support/corpus.js';
import { cacheSuite, read, tempDir, write } from '../support/repo.js';

/**
 * The document cache is invisible: whatever state `.specscore/cache/` is in, a load gives the
 * same repository and the same findings as a load without it, and a change to a file is always
 * seen. Runs on a copy of the synchestra corpus (the corpus itself is never written).
 */
const SYNCHESTRA = corpus('synchestra-spec');
const CACHE = '.specscore/cache';
const PLAN = 'spec/plans/chat-feature/chat-infrastructure/README.md';

const { copyCorpus, removeAfter } = cacheSuite('specplan-cache-');

/** A fresh, writable copy of the corpus (no cache in it). */
function copy(): string {
  return copyCorpus(SYNCHESTRA.root);
}

/** Everything a load produces and lint reports, as comparable JSON. */
function outcome(repo: SpecRepo): string {
  const { root: _root, exists: _exists, ...rest } = repo;
  return JSON.stringify({
    ...rest,
    features: [...repo.features],
    proposals: [...repo.proposals],
    plans: [...repo.plans],
    lint: lintRepo(repo),
  });
}

const shards = (root: string) => (existsSync(path.join(root, CACHE)) ? readdirSync(path.join(root, CACHE)).filter((n) => n.endsWith('.bin')) : []);
const uncached = (root: string) => outcome(loadRepo(root, { cache: 'off' }));
const cached = (root: string) => outcome(loadRepo(root));
/**
 * Files written within the racy margin are always read: let the clock the cache reads move past
 * it. The cache compares the files' stat times with `Date.now()`, so the test moves that clock
 * 2.1 s ahead of the real time (and holds it there) rather than sleeping.
 */
const settle = async () => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(vi.getRealSystemTime() + 2100);
};

/** Give `rel` an mtime of whole seconds (this second), so that it can be put back exactly. */
function wholeSecond(root: string, rel: string): void {
  const s = Math.floor(Date.now() / 1000);
  utimesSync(path.join(root, rel), s, s);
}

/** Rewrite `rel` with other content of the same size, then put its mtime back. */
function sameSizeChange(root: string, rel: string): string {
  const abs = path.join(root, rel);
  const before = statSync(abs);
  const text = read(root, rel);
  const i = text.indexOf('a');
  const changed = `${text.slice(0, i)}${text[i] === 'a' ? 'b' : 'a'}${text.slice(i + 1)}`;
  writeFileSync(abs, changed);
  utimesSync(abs, before.mtimeMs / 1000, before.mtimeMs / 1000);
  expect(statSync(abs).size).toBe(before.size);
  expect(statSync(abs).mtimeMs).toBe(before.mtimeMs);
  return changed;
}

SYNCHESTRA.it.each([
  ['read directly', '0'],
  ['walked by the helper thread', '1'],
])('cold, warm and without a cache the load and the findings are identical (%s); the cache is ignored by git', async (_how, prefetch) => {
  vi.stubEnv('SPECPLAN_PREFETCH', prefetch);
  const root = copy();
  const expected = uncached(root);
  expect(shards(root)).toEqual([]);
  expect(cached(root)).toBe(expected);
  expect(shards(root).length).toBeGreaterThan(0);
  expect(read(root, `${CACHE}/.gitignore`)).toBe('*\n');
  await settle();
  expect(cached(root)).toBe(expected);
  expect(cached(root)).toBe(expected);
});

SYNCHESTRA.it('a warm load takes unchanged documents from the cache without reading them', async () => {
  const root = copy();
  loadRepo(root);
  await settle();
  loadRepo(root); // the files are now older than the cache: it is rewritten once, trusting their stat
  // Proof that the stat key alone decides: an entry edited in place (its key left as it is, its
  // content hash no longer the file's, so a load that read the file would not take it) is what
  // the next load returns for that file.
  const name = shards(root).find((n) => readFileSync(path.join(root, CACHE, n)).includes(PLAN))!;
  const bytes = readFileSync(path.join(root, CACHE, name));
  const nl = bytes.indexOf(10);
  const [keys, tuples] = v8.deserialize(bytes.subarray(nl + 1)) as [string[], unknown[][]];
  const entry = tuples.find((t) => t[0] === PLAN)!;
  entry[8] = `${entry[8] as string}\nA line that is not in the file.\n`;
  entry[7] = '0'.repeat(String(entry[7]).length);
  writeFileSync(path.join(root, CACHE, name), Buffer.concat([bytes.subarray(0, nl + 1), v8.serialize([keys, tuples])]));
  expect(loadRepo(root).plans.get('chat-feature/chat-infrastructure')!.text).toContain('A line that is not in the file.');
  // ...which is why a change to the file itself changes its ctime, and the key.
  write(root, PLAN, read(root, PLAN));
  expect(loadRepo(root).plans.get('chat-feature/chat-infrastructure')!.text).not.toContain('A line that is not in the file.');
});

SYNCHESTRA.it('a change that keeps the size and the mtime is seen, trusted stat or not (same second)', async () => {
  const root = copy();
  wholeSecond(root, PLAN);
  loadRepo(root);
  // Within the same second as the cache: the racy rule reads the file and compares its hash.
  const first = sameSizeChange(root, PLAN);
  expect(loadRepo(root).plans.get('chat-feature/chat-infrastructure')!.text).toBe(first);
  expect(cached(root)).toBe(uncached(root));
  await settle();
  loadRepo(root);
  // Later: the ctime differs from the cached key.
  const second = sameSizeChange(root, PLAN);
  expect(loadRepo(root).plans.get('chat-feature/chat-infrastructure')!.text).toBe(second);
  expect(cached(root)).toBe(uncached(root));
});

SYNCHESTRA.it('a deleted document disappears, and an added one appears', async () => {
  const root = copy();
  loadRepo(root);
  await settle();
  loadRepo(root);
  rmSync(path.join(root, 'spec/plans/chat-feature/chat-infrastructure'), { recursive: true });
  write(root, 'spec/features/chat/proposals/new-one/README.md', '# Proposal: New one\n\n**Status:** draft\n');
  const after = loadRepo(root);
  expect(after.plans.has('chat-feature/chat-infrastructure')).toBe(false);
  expect(after.proposals.has('chat/new-one')).toBe(true);
  expect(cached(root)).toBe(uncached(root));
  expect(cached(root)).toBe(uncached(root));
});

/** Every shard file of the cache rewritten by `damage`. */
function damageAll(root: string, damage: (bytes: Buffer) => Buffer): void {
  for (const n of shards(root)) writeFileSync(path.join(root, CACHE, n), damage(readFileSync(path.join(root, CACHE, n))));
}
/** The shard's payload with its position key list emptied: every packed key is out of range. */
const outOfRange = (bytes: Buffer): unknown => {
  const [, tuples] = v8.deserialize(bytes.subarray(bytes.indexOf(10) + 1)) as [string[], unknown[]];
  return [[], tuples];
};
const headerTo = (bytes: Buffer, edit: (words: string[]) => void): Buffer => {
  const nl = bytes.indexOf(10);
  const words = bytes.subarray(0, nl).toString('utf8').split(' ');
  edit(words);
  return Buffer.concat([Buffer.from(words.join(' ')), bytes.subarray(nl)]);
};

SYNCHESTRA.it.each([
  ['truncated', (b: Buffer) => b.subarray(0, Math.floor(b.length / 2))],
  ['garbage', (b: Buffer) => Buffer.from(b.map((x, i) => (i % 7 === 0 ? x ^ 0x5a : x)))],
  ['empty', () => Buffer.alloc(0)],
  ['of the wrong shape', (b: Buffer) => Buffer.concat([b.subarray(0, b.indexOf(10) + 1), v8.serialize([[], [['spec/x.md', 'plan', 'not a number']]])])],
  ['with a position key out of range', (b: Buffer) => Buffer.concat([b.subarray(0, b.indexOf(10) + 1), v8.serialize(outOfRange(b))])],
  ['entries of another type', (b: Buffer) => Buffer.concat([b.subarray(0, b.indexOf(10) + 1), v8.serialize({ entries: 1 })])],
  ['of another cache layout', (b: Buffer) => headerTo(b, (w) => (w[1] = '999'))],
  ['of another package version', (b: Buffer) => headerTo(b, (w) => (w[2] = '0.0.0-other'))],
  ['of another build', (b: Buffer) => headerTo(b, (w) => (w[3] = '1.2'))],
])('a cache file %s changes nothing and is replaced', async (_what, damage) => {
  const root = copy();
  const expected = uncached(root);
  loadRepo(root);
  await settle();
  loadRepo(root);
  expect(shards(root).length).toBeGreaterThan(0);
  damageAll(root, damage);
  expect(cached(root)).toBe(expected);
  // Replaced: the next load trusts a valid cache again.
  for (const n of shards(root))
    expect(
      readFileSync(path.join(root, CACHE, n))
        .subarray(0, 23)
        .toString(),
    ).toBe('specplan-document-cache');
  expect(cached(root)).toBe(expected);
});

SYNCHESTRA.it('a planted cache (copied from another checkout, entries claiming other contents) is never used', async () => {
  const a = copy();
  // Repository A: the same file, other content of the same size and the same mtime.
  wholeSecond(a, PLAN);
  const forged = sameSizeChange(a, PLAN);
  const st = statSync(path.join(a, PLAN));
  await settle();
  loadRepo(a);
  loadRepo(a);
  expect(loadRepo(a).plans.get('chat-feature/chat-infrastructure')!.text).toBe(forged);
  // Repository B (the real content) receives A's cache, as a commit or a copy would bring it.
  const b = copy();
  const expected = uncached(b);
  utimesSync(path.join(b, PLAN), st.mtimeMs / 1000, st.mtimeMs / 1000);
  expect(statSync(path.join(b, PLAN)).size).toBe(st.size);
  cpSync(path.join(a, CACHE), path.join(b, CACHE), { recursive: true });
  expect(cached(b)).toBe(expected);
  expect(loadRepo(b).plans.get('chat-feature/chat-infrastructure')!.text).not.toBe(forged);
});

SYNCHESTRA.it.each([['.specscore'], ['.specscore/cache']])('a symbolic link at %s is never written through; the load is unchanged', (link) => {
  const root = copy();
  const outside = tempDir('specplan-cache-outside-');
  removeAfter(outside);
  mkdirSync(path.join(root, path.dirname(link)), { recursive: true });
  symlinkSync(outside, path.join(root, link));
  const expected = uncached(root);
  expect(cached(root)).toBe(expected);
  expect(cached(root)).toBe(expected);
  expect(readdirSync(outside)).toEqual([]);
  expect(lstatSync(path.join(root, link)).isSymbolicLink()).toBe(true);
});

SYNCHESTRA.it('a checkout whose root nobody may write to keeps no cache, whoever runs the command', () => {
  const root = copy();
  const cold = outcome(loadRepo(root, { cache: 'off' }));
  chmodSync(root, 0o555);
  try {
    expect(outcome(loadRepo(root))).toBe(cold);
    expect(existsSync(path.join(root, '.specscore'))).toBe(false);
  } finally {
    chmodSync(root, 0o755);
  }
  loadRepo(root);
  expect(existsSync(path.join(root, CACHE))).toBe(true);
});

SYNCHESTRA.it('read use, SPECPLAN_CACHE=0 and planning.cache: false write no cache', () => {
  const root = copy();
  loadRepo(root, { cache: 'read' });
  expect(existsSync(path.join(root, '.specscore/cache'))).toBe(false);
  vi.stubEnv('SPECPLAN_CACHE', '0');
  loadRepo(root);
  expect(existsSync(path.join(root, '.specscore/cache'))).toBe(false);
  vi.stubEnv('SPECPLAN_CACHE', '1');
  const config = path.join(root, 'specscore.yaml');
  const had = existsSync(config) ? readFileSync(config, 'utf8') : null;
  writeFileSync(config, `${had ?? ''}${had && !had.includes('planning:') ? '\nplanning:\n' : had ? '' : 'planning:\n'}  cache: false\n`);
  const repo = loadRepo(root);
  expect(repo.config.cache).toBe(false);
  expect(existsSync(path.join(root, '.specscore/cache'))).toBe(false);
  if (had === null) unlinkSync(config);
});

it('hashes a text as its UTF-8 bytes, with SHA-1', () => {
  expect(contentHash('abc')).toBe('a9993e364706816aba3e25717850c26c9cd0d89d');
  const text = 'Plan — étape 1\n';
  expect(contentHash(text)).toBe(contentHash(Buffer.from(text, 'utf8')));
  expect(contentHash(new Uint8Array(0))).toBe('da39a3ee5e6b4b0d3255bfef95601890afd80709');
});
