import { cpSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { corpus } from './corpus.js';
import { PROJECT } from './project.js';
import { makeSpecRepo, read, removeRepo, tempDir, write } from './repo.js';

export { runCli } from './cli.js';
export { read, removeRepo };
export const writeFile = write;
export const FIXTURES = path.join(PROJECT, 'test/support/fixtures/interop');

/** A fixture file's text. */
export function fixture(rel: string): string {
  return readFileSync(path.join(FIXTURES, rel), 'utf8');
}

const FEATURE = (title: string) =>
  `# Feature: ${title}\n\n**Status:** Approved\n\n## Summary\n\n${title} for the product.\n\n## Outstanding Questions\n\nNone at this time.\n`;

/** A temporary spec repository with the given features (path → title) and extra files. */
export function makeRepo(opts: { features?: Record<string, string>; files?: Record<string, string>; git?: boolean } = {}): string {
  const features = opts.features ?? { notifications: 'Notifications', auth: 'Auth', ui: 'UI', payments: 'Payments' };
  const base = Object.fromEntries(Object.entries(features).map(([p, title]) => [`spec/features/${p}/README.md`, FEATURE(title)]));
  const root = makeSpecRepo({ prefix: 'specplan-interop-', base, files: opts.files ?? {}, git: opts.git === true && 'init' });
  mkdirSync(path.join(root, 'spec/plans'), { recursive: true });
  return root;
}

/** A temporary copy of the synchestra corpus's spec/ folder (read-only original). */
export function copyCorpus(): string {
  const root = tempDir('specplan-interop-corpus-');
  cpSync(path.join(corpus('synchestra-spec').root, 'spec'), path.join(root, 'spec'), { recursive: true });
  return root;
}

/** Every file below root (root-relative, sorted) with its content: a snapshot to prove nothing changed. */
export function snapshot(root: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (rel: string) => {
    for (const e of readdirSync(path.join(root, rel), { withFileTypes: true })) {
      const child = rel ? `${rel}/${e.name}` : e.name;
      if (e.name === '.git') continue;
      if (e.isDirectory()) walk(child);
      else if (statSync(path.join(root, child)).isFile()) out[child] = readFileSync(path.join(root, child), 'utf8');
    }
  };
  walk('');
  return out;
}
