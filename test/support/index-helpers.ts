import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { commitAll, gitInit as init } from './git.js';
import { PROJECT } from './project.js';
import { tempCopy as copy, tempDir as dir } from './repo.js';

export { runCli } from './cli.js';

/** Rule fixtures (small spec repositories). */
export const RULE_FIXTURES = path.join(PROJECT, 'test/lint/fixtures/rules');

/** A fresh temp copy of `src` (the corpus and fixtures are never written). */
export const tempCopy = (src: string, prefix = 'specplan-index-') => copy(src, prefix);

/** An empty temp directory. */
export const tempDir = (prefix = 'specplan-index-') => dir(prefix);

/** Every file below `root` with its bytes, root-relative, for before/after comparisons. */
export function snapshot(root: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const walk = (rel: string) => {
    for (const e of readdirSync(path.join(root, rel), { withFileTypes: true })) {
      const child = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(child);
      else if (e.isFile()) out.set(child, readFileSync(path.join(root, child)));
    }
  };
  walk('');
  return out;
}

/** Files whose bytes differ between two snapshots (added, removed or changed), sorted. */
export function changedFiles(a: Map<string, Buffer>, b: Map<string, Buffer>): string[] {
  const keys = new Set([...a.keys(), ...b.keys()]);
  return [...keys].filter((k) => !(a.has(k) && b.has(k) && a.get(k)!.equals(b.get(k)!))).sort();
}

/** `git init` with a local identity; nothing committed yet. */
export function gitInit(root: string): void {
  init(root, { commit: false });
}

/** Stage everything and commit with a message (may hold trailers); `date` sets both dates. */
export function gitCommit(root: string, message: string, date = '2026-03-20T12:00:00Z'): void {
  commitAll(root, message, { date, allowEmpty: true });
}
