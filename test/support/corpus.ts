import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'vitest';
import { PROJECT } from './project.js';

/** The read-only conformance corpora that live beside the checkout, in `../shared/corpora/`. */
export type CorpusName = 'synchestra-spec' | 'specscore-spec';

/** A conformance corpus: where it is, whether it is there, and the tests that need it. */
export interface Corpus {
  /** Absolute path of the corpus root (`../shared/corpora/<name>` from the checkout). */
  root: string;
  present: boolean;
  /** `describe` that runs only when the corpus is present; otherwise skipped, saying why. */
  describe: typeof describe;
  /** `it` that runs only when the corpus is present; otherwise skipped, saying why. */
  it: typeof it;
}

/**
 * Locate a corpus relative to the checkout (`checkout` is this one unless a test of the locator
 * says otherwise). When it is absent the tests that need it are skipped with the reason in their
 * title, except under CI (the variable `CI` set), which always has the corpora: there a missing
 * corpus is an error, so the test file fails.
 */
export function corpus(name: CorpusName, checkout = PROJECT): Corpus {
  const root = path.resolve(checkout, '../shared/corpora', name);
  const present = existsSync(path.join(root, 'spec'));
  const where = path.relative(checkout, root);
  if (!present && process.env.CI) throw new Error(`the conformance corpus ${where} is missing: CI always has the corpora, so this is a failure, not a skip`);
  const why = ` [skipped: ${where} is absent; clone the corpora beside the checkout to run it]`;
  const gate = <T extends typeof describe | typeof it>(fn: T): T => {
    if (present) return fn;
    const skipped = (title: string, ...rest: unknown[]) => (fn.skip as (...a: unknown[]) => unknown)(`${title}${why}`, ...rest);
    skipped.each =
      (table: unknown) =>
      (title: string, ...rest: unknown[]) =>
        (fn.skip.each as (t: unknown) => (...a: unknown[]) => unknown)(table)(`${title}${why}`, ...rest);
    return skipped as unknown as T;
  };
  return { root, present, describe: gate(describe), it: gate(it) };
}

/** Every markdown file below `dir` of `root`, root-relative with `/`, sorted. */
export function markdownFiles(root: string, dir = 'spec'): string[] {
  const out: string[] = [];
  const walk = (rel: string): void => {
    for (const e of readdirSync(path.join(root, rel), { withFileTypes: true })) {
      const child = `${rel}/${e.name}`;
      if (e.isDirectory()) walk(child);
      else if (e.isFile() && e.name.endsWith('.md')) out.push(child);
    }
  };
  walk(dir);
  return out.sort();
}
