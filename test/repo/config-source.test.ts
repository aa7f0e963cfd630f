import { execFileSync } from 'node:child_process';
import { symlinkSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/repo/config.js';
import { loadConfigLazily } from '../../src/repo/config-source.js';
import { readRepo } from '../../src/repo/load.js';
import { loadRepo } from '../../src/repo/load-repo.js';
import { outcome } from '../support/outcome.js';
import { removeRepo, tempDir, write } from '../support/repo.js';

const roots: string[] = [];
afterEach(() => {
  for (const r of roots.splice(0)) removeRepo(r);
});

function repo(files: Record<string, string>, setup?: (root: string) => void): string {
  const root = tempDir('specplan-config-source-');
  roots.push(root);
  write(root, 'spec/plans/README.md', '# Plans\n');
  for (const [rel, text] of Object.entries(files)) write(root, rel, text);
  setup?.(root);
  return root;
}

const CASES: Array<[string, Record<string, string>, ((root: string) => void)?]> = [
  ['no configuration file', {}],
  ['a valid file with settings', { 'specscore.yaml': 'planning:\n  enforce_freeze: reject\n  llm:\n    max_attempts: 5\n' }],
  ['a file with an unknown setting', { 'specscore.yaml': 'planning:\n  enforce_frezee: reject\n' }],
  ['a file whose YAML does not parse', { 'specscore.yaml': 'planning: [\n' }],
  ['a file with a value out of range', { 'specscore.yaml': 'planning:\n  recently_closed: -1\n' }],
  ['an empty file', { 'specscore.yaml': '' }],
  ['a link to nowhere', {}, (root) => symlinkSync(path.join(root, 'missing.yaml'), path.join(root, 'specscore.yaml'))],
  ['a link out of the root', {}, (root) => symlinkSync('/etc/hostname', path.join(root, 'specscore.yaml'))],
  ['a named pipe', {}, (root) => execFileSync('mkfifo', [path.join(root, 'specscore.yaml')])],
];

describe('the configuration read when the caller can wait', () => {
  it.each(CASES)('is what loadConfig reads, errors included: %s', async (_name, files, setup) => {
    const root = repo(files, setup);
    const lazily = await outcome(() => loadConfigLazily(root));
    expect(lazily).toEqual(await outcome(() => loadConfig(root)));
  });

  it('gives readRepo the same repository as loadRepo', async () => {
    const root = repo({ 'specscore.yaml': 'planning:\n  whats_next: full\n  enforce_frezee: reject\n' });
    const viaLazy = readRepo(root, await loadConfigLazily(root), { cache: 'off' });
    const viaSync = loadRepo(root, { cache: 'off' });
    expect(viaLazy.config).toEqual(viaSync.config);
    expect(viaLazy.configFile).toBe('specscore.yaml');
    expect(viaLazy.findings).toEqual(viaSync.findings);
    expect(viaLazy.findings.map((f) => f.rule)).toEqual(['config/unknown-key']);
  });
});
