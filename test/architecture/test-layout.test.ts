import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { corpus } from '../support/corpus.js';
import { PURE_LAYERS } from '../support/layers.js';
import { PROJECT } from '../support/project.js';
import { removeRepo, tempDir, write } from '../support/repo.js';

/** Every file below `dir` (root-relative), skipping fixtures: they are data, not code. */
function files(dir: string): string[] {
  const out: string[] = [];
  const walk = (rel: string): void => {
    for (const e of readdirSync(path.join(PROJECT, rel), { withFileTypes: true })) {
      const child = `${rel}/${e.name}`;
      if (e.isDirectory() && e.name !== 'fixtures' && e.name !== 'recordings') walk(child);
      else if (e.isFile()) out.push(child);
    }
  };
  walk(dir);
  return out.sort();
}

const LAYERS = readdirSync(path.join(PROJECT, 'src'), { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .map((e) => e.name);

describe('the test tree mirrors the source', () => {
  it('every test file sits in the folder of a source layer, test/mcp (tools/), test/e2e or test/architecture', () => {
    const allowed = new Set([...LAYERS, 'mcp', 'e2e', 'architecture']);
    const tests = files('test').filter((f) => f.endsWith('.test.ts'));
    expect(tests.length).toBeGreaterThan(50);
    const misplaced = tests.filter((f) => {
      const parts = f.split('/');
      return parts.length < 3 || !allowed.has(parts[1]!);
    });
    expect(misplaced).toEqual([]);
  });

  it('suites of the pure layers build models from strings and committed files: no temporary folder, CLI run, process or git', () => {
    // What \`npm run test:unit\` must not pay for: the helpers that make folders, run the CLI or git.
    const io =
      /\b(runCli|runWhatsNextCli|runBuilt|runBuiltSync|tempCopy|tempDir|makeSpecRepo|mkdtempSync|execFileSync|spawn|spawnSync|gitInit|commitAll|git)\(/;
    const suites = PURE_LAYERS.filter((layer) => existsSync(path.join(PROJECT, `test/${layer}`)))
      .flatMap((layer) => files(`test/${layer}`))
      .filter((f) => f.endsWith('.ts'));
    expect(suites.length).toBeGreaterThan(20);
    expect(suites.filter((f) => io.test(readFileSync(path.join(PROJECT, f), 'utf8')))).toEqual([]);
  });

  it('only the corpus locator knows where the corpora are, and no test names an absolute path of a machine', () => {
    // This file is left out: it tests the locator, so it names the corpora itself.
    const code = files('test').filter((f) => /\.(ts|mjs)$/.test(f) && f !== 'test/architecture/test-layout.test.ts');
    const locators = code.filter((f) => /['"][^'"\n]*shared\/corpora/.test(readFileSync(path.join(PROJECT, f), 'utf8')));
    expect(locators).toEqual(['test/support/corpus.ts']);
    const absolute = code.filter((f) => /['"`]\/(work|home|Users|root)\//.test(readFileSync(path.join(PROJECT, f), 'utf8')));
    expect(absolute).toEqual([]);
  });
});

describe('the corpus locator', () => {
  const saved = process.env.CI;
  const made: string[] = [];
  afterEach(() => {
    if (saved === undefined) delete process.env.CI;
    else process.env.CI = saved;
    for (const d of made.splice(0)) removeRepo(d);
  });

  it('finds a corpus beside the checkout; skips its tests when it is absent; fails under CI', () => {
    const base = tempDir('specplan-checkout-');
    made.push(base);
    const checkout = path.join(base, 'checkout');
    delete process.env.CI;
    const absent = corpus('synchestra-spec', checkout);
    expect(absent.root).toBe(path.join(base, 'shared/corpora/synchestra-spec'));
    expect(absent.present).toBe(false);
    expect(absent.describe).not.toBe(describe);
    expect(absent.it).not.toBe(it);

    process.env.CI = 'true';
    expect(() => corpus('synchestra-spec', checkout)).toThrow('the conformance corpus ../shared/corpora/synchestra-spec is missing: CI always has the corpora');

    write(base, 'shared/corpora/synchestra-spec/spec/plans/README.md', '# Plans\n');
    const present = corpus('synchestra-spec', checkout);
    expect(present.present).toBe(true);
    expect(present.describe).toBe(describe);
    expect(present.it).toBe(it);
  });
});
