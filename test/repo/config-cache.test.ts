import { execFileSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CONFIG_CACHE_FILE } from '../../src/repo/config-cache.js';
import { loadConfig } from '../../src/repo/config.js';
import { loadConfigLazily } from '../../src/repo/config-source.js';
import { outcome } from '../support/outcome.js';
import { removeRepo, tempDir, write } from '../support/repo.js';

const dirs: string[] = [];
// The suite runs with the caches off (vitest.config.ts); these tests are about one of them.
beforeEach(() => {
  vi.stubEnv('SPECPLAN_CACHE', '1');
});
afterEach(() => {
  vi.unstubAllEnvs();
  for (const d of dirs.splice(0)) {
    chmodSync(d, 0o755);
    removeRepo(d);
  }
});

function repo(config: string): string {
  const root = tempDir('specplan-config-cache-');
  dirs.push(root);
  write(root, 'spec/plans/README.md', '# Plans\n');
  write(root, 'specscore.yaml', config);
  return root;
}

const kept = (root: string) => path.join(root, CONFIG_CACHE_FILE);

/** Rewrite the kept value's `recently_closed` to 99: a run that parsed the file would not see it. */
function markKept(root: string): void {
  const file = JSON.parse(readFileSync(kept(root), 'utf8'));
  file.loaded.config.recently_closed = 99;
  writeFileSync(kept(root), JSON.stringify(file));
}

const VALID: Array<[string, string]> = [
  ['settings', 'planning:\n  enforce_freeze: reject\n  recently_closed: 2\n  llm:\n    provider: anthropic\n    max_attempts: 5\n'],
  ['an unknown setting (a finding)', 'planning:\n  enforce_frezee: reject\n  llm:\n    temprature: 1\n'],
  ['per-rule severities', 'planning:\n  lint:\n    rules:\n      plan/unknown-feature: "off"\n      index/missing-row: error\n'],
  ['no planning block', 'project:\n  title: Elsewhere\n'],
  ['an empty file', ''],
];

describe('the kept configuration', () => {
  it.each(VALID)('is invisible: a cold run, a warm run and loadConfig agree (%s)', async (_name, text) => {
    const root = repo(text);
    const expected = loadConfig(root);
    expect(existsSync(kept(root))).toBe(false);
    expect(await loadConfigLazily(root, 'write')).toStrictEqual(expected);
    expect(existsSync(kept(root))).toBe(true);
    expect(await loadConfigLazily(root, 'write')).toStrictEqual(expected);
  });

  it('is what a run takes while the file is unchanged, without parsing it again', async () => {
    const root = repo('planning:\n  recently_closed: 2\n');
    await loadConfigLazily(root, 'write');
    markKept(root);
    expect((await loadConfigLazily(root, 'write')).config.recently_closed).toBe(99);
  });

  it('is not used once the file changed, even with its size and times kept', async () => {
    const root = repo('planning:\n  recently_closed: 2\n');
    await loadConfigLazily(root, 'write');
    const abs = path.join(root, 'specscore.yaml');
    const before = statSync(abs);
    writeFileSync(abs, 'planning:\n  recently_closed: 7\n');
    utimesSync(abs, before.atime, before.mtime);
    expect(statSync(abs).size).toBe(before.size);
    expect((await loadConfigLazily(root, 'write')).config.recently_closed).toBe(7);
    expect(JSON.parse(readFileSync(kept(root), 'utf8')).loaded.config.recently_closed).toBe(7);
  });

  it('is not used when the text changed under the same stat key (two writes within one tick of the clock)', async () => {
    const root = repo('planning:\n  recently_closed: 2\n');
    await loadConfigLazily(root, 'write');
    const abs = path.join(root, 'specscore.yaml');
    writeFileSync(abs, 'planning:\n  recently_closed: 7\n');
    // The tie: the kept file names the file's stat key as it is now, with the hash of the old text.
    const st = statSync(abs);
    const file = JSON.parse(readFileSync(kept(root), 'utf8'));
    file.key = [st.size, st.mtimeMs, st.ctimeMs, st.ino, st.dev];
    writeFileSync(kept(root), JSON.stringify(file));
    expect((await loadConfigLazily(root, 'write')).config.recently_closed).toBe(7);
  });

  it('is not used in another checkout it was copied into, nor after the file was rewritten with the same text', async () => {
    const root = repo('planning:\n  recently_closed: 2\n');
    await loadConfigLazily(root, 'write');
    markKept(root);
    // A copy: the same bytes everywhere, other inodes and ctimes.
    const copy = tempDir('specplan-config-cache-copy-');
    dirs.push(copy);
    cpSync(root, copy, { recursive: true, preserveTimestamps: true });
    expect((await loadConfigLazily(copy, 'write')).config.recently_closed).toBe(2);
    // The same text written again: a new ctime.
    writeFileSync(path.join(root, 'specscore.yaml'), 'planning:\n  recently_closed: 2\n');
    expect((await loadConfigLazily(root, 'write')).config.recently_closed).toBe(2);
  });

  it.each([
    ['truncated', (t: string) => t.slice(0, t.length / 2)],
    ['not JSON', () => '\u0000\u0001garbage'],
    ['of another build', (t: string) => t.replace(/"build":"[^"]*"/, '"build":"2 0.0.1 build other"')],
    ['of another layout', (t: string) => t.replace('"specplan-config"', '"specplan-config-0"')],
    ['for another file name', (t: string) => t.replace('"name":"specscore.yaml"', '"name":"specplan.yaml"')],
    ['with a value of the wrong shape', (t: string) => t.replace(/"findings":\[\]/, '"findings":{}')],
  ])('is ignored when %s, and the file parsed again', async (_name, damage) => {
    const root = repo('planning:\n  enforce_freeze: off\n');
    const expected = loadConfig(root);
    await loadConfigLazily(root, 'write');
    writeFileSync(kept(root), damage(readFileSync(kept(root), 'utf8')));
    expect(await loadConfigLazily(root, 'write')).toEqual(expected);
  });

  it.each([
    ['a named pipe', (file: string) => execFileSync('mkfifo', [file])],
    ['a folder', (file: string) => mkdirSync(file)],
    ['a link out of the root to a kept value that would be used', (file: string, forged: string) => symlinkSync(forged, file)],
  ])('is never read when the kept file is %s', async (_name, plant) => {
    const root = repo('planning:\n  recently_closed: 2\n');
    await loadConfigLazily(root, 'write');
    markKept(root);
    // Outside the root: the same bytes, which a read through the link would take.
    const outside = tempDir('specplan-config-cache-outside-');
    dirs.push(outside);
    const forged = path.join(outside, 'config');
    writeFileSync(forged, readFileSync(kept(root)));
    rmSync(kept(root));
    plant(kept(root), forged);
    expect((await loadConfigLazily(root, 'read')).config.recently_closed).toBe(2);
  });

  it('is never kept for a file that does not load: every run reports it', async () => {
    for (const text of ['planning: [\n', 'planning:\n  recently_closed: -1\n']) {
      const root = repo(text);
      const first = await outcome(() => loadConfigLazily(root, 'write'));
      expect(first).toHaveProperty('error', 'RepoError');
      expect(existsSync(kept(root))).toBe(false);
      expect(await outcome(() => loadConfigLazily(root, 'write'))).toEqual(first);
    }
  });

  it('is not written with SPECPLAN_CACHE=0, with planning.cache: false or in a checkout nobody may write to', async () => {
    vi.stubEnv('SPECPLAN_CACHE', '0');
    const off = repo('planning:\n  recently_closed: 2\n');
    expect((await loadConfigLazily(off, 'write')).config.recently_closed).toBe(2);
    expect(existsSync(kept(off))).toBe(false);
    vi.stubEnv('SPECPLAN_CACHE', '1');

    const disabled = repo('planning:\n  cache: false\n');
    expect((await loadConfigLazily(disabled, 'write')).config.cache).toBe(false);
    expect(existsSync(path.join(disabled, '.specscore'))).toBe(false);

    const readOnly = repo('planning:\n  recently_closed: 2\n');
    chmodSync(readOnly, 0o555);
    expect((await loadConfigLazily(readOnly, 'write')).config.recently_closed).toBe(2);
    expect(existsSync(path.join(readOnly, '.specscore'))).toBe(false);
  });

  it('is read but never written by a dry run or a check (read), neither read nor written with the caches off (off)', async () => {
    const root = repo('planning:\n  recently_closed: 2\n');
    expect((await loadConfigLazily(root)).config.recently_closed).toBe(2);
    expect((await loadConfigLazily(root, 'off')).config.recently_closed).toBe(2);
    expect(existsSync(path.join(root, '.specscore'))).toBe(false);
    await loadConfigLazily(root, 'write');
    markKept(root);
    expect((await loadConfigLazily(root, 'read')).config.recently_closed).toBe(99);
    expect((await loadConfigLazily(root, 'off')).config.recently_closed).toBe(2);
  });

  it('with SPECPLAN_CACHE=0 a kept value is not read either', async () => {
    const root = repo('planning:\n  recently_closed: 2\n');
    await loadConfigLazily(root, 'write');
    markKept(root);
    vi.stubEnv('SPECPLAN_CACHE', '0');
    expect((await loadConfigLazily(root, 'write')).config.recently_closed).toBe(2);
  });

  it('is never written through a linked cache folder', async () => {
    const root = repo('planning:\n  recently_closed: 2\n');
    const elsewhere = tempDir('specplan-config-cache-elsewhere-');
    dirs.push(elsewhere);
    mkdirSync(path.join(root, '.specscore'));
    symlinkSync(elsewhere, path.join(root, '.specscore/cache'));
    expect((await loadConfigLazily(root, 'write')).config.recently_closed).toBe(2);
    expect(readdirSync(elsewhere)).toEqual([]);
  });
});
