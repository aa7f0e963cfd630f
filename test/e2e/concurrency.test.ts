import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseFeature } from '../../src/parse/feature.js';
import { parsePlansIndex } from '../../src/parse/plans-index.js';
import { buildCli, commitAll, health, makeRepo, read, removeRepo, runCliAsync, runInProcess } from '../support/lifecycle-helpers.js';

let cli: ReturnType<typeof buildCli>;
const roots: string[] = [];
const repo = () => {
  const r = makeRepo();
  roots.push(r);
  return r;
};

beforeAll(() => {
  cli = buildCli();
});
afterAll(() => {
  cli?.cleanup();
  roots.forEach(removeRepo);
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('two specplan processes writing the same repository', () => {
  it('never lose an update: every concurrently created plan is in the index and the feature table', async () => {
    const root = repo();
    const slugs = ['alpha', 'bravo', 'charlie', 'delta'];
    const results = await Promise.all(slugs.map((s) => runCliAsync(cli.script, root, ['new', s, '--title', s, '--author', '@a', '--feature', 'cli'])));
    for (const r of results) expect([r.code, r.stderr]).toEqual([0, '']);
    const index = parsePlansIndex(read(root, 'spec/plans/README.md'));
    expect(index.rows.map((r) => r.plan.text).sort()).toEqual(slugs);
    const feature = parseFeature(read(root, 'spec/features/cli/README.md')).feature;
    expect(feature.plans?.map((r) => r.plan.text).sort()).toEqual(slugs);
    expect(await health(root)).toEqual({ problems: [], drift: [] });
  });

  it('never lose an update when two children of one roadmap change status at once', async () => {
    const root = repo();
    for (const args of [
      ['new', 'road', '--title', 'Road', '--author', '@a', '--feature', 'chat'],
      ['new', 'one', '--parent', 'road', '--title', 'One', '--author', '@a', '--feature', 'chat'],
      ['new', 'two', '--parent', 'road', '--title', 'Two', '--author', '@a', '--feature', 'chat'],
    ])
      expect((await runInProcess(root, args)).code).toBe(0);
    commitAll(root, 'roadmap');
    const [a, b] = await Promise.all([runCliAsync(cli.script, root, ['submit', 'road/one']), runCliAsync(cli.script, root, ['submit', 'road/two'])]);
    expect([a.code, a.stderr, b.code, b.stderr]).toEqual([0, '', 0, '']);
    // Both edited the same roadmap file (its Child Plans rows) and the same index.
    const roadmap = read(root, 'spec/plans/road/README.md');
    expect(roadmap).toContain('| 1 | [one](one/) | in_review |');
    expect(roadmap).toContain('| 2 | [two](two/) | in_review |');
    expect(read(root, 'spec/plans/README.md')).toContain('| [road](road/) | in_review |');
    expect(await health(root)).toEqual({ problems: [], drift: [] });
  });
});

describe('an interrupted write', () => {
  it('leaves every file old or new, and the next command finishes the operation', async () => {
    const root = repo();
    expect((await runInProcess(root, ['new', 'p', '--title', 'P', '--author', '@a', '--feature', 'cli', 'api'])).code).toBe(0);
    commitAll(root, 'p');
    const file = 'spec/plans/p/README.md';
    const draft = read(root, file);
    const inReview = draft.replace('**Status:** draft', '**Status:** in_review');
    const out = path.dirname(path.dirname(path.dirname(cli.script)));
    const loop = path.join(root, 'kill-loop.mjs'); // removed with the repository
    writeFileSync(
      loop,
      `import { transitionPlan } from ${JSON.stringify(path.join(out, 'src/app/transition.js'))};
let action = 'submit';
let said = false;
for (;;) {
  try {
    await transitionPlan(process.argv[2], { plan: 'p', action }, { today: '2026-03-14' });
    if (!said) process.stdout.write('looping\\n');
    said = true;
  } catch (e) {
    if (!String(e.message).startsWith('cannot ')) throw e; // the other transition is the allowed one
  }
  action = action === 'submit' ? 'revise' : 'submit';
}
`,
    );
    let journaled = 0;
    for (const delay of [137, 311, 523]) {
      const child = spawn(process.execPath, [loop, root], { stdio: ['ignore', 'pipe', 'inherit'] });
      await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
      await sleep(delay);
      child.kill('SIGKILL');
      await new Promise((r) => child.once('close', r));
      const journalFile = path.join(root, '.specscore/journal.json');
      const journal = existsSync(journalFile) ? (JSON.parse(readFileSync(journalFile, 'utf8')) as { changes: Array<{ file: string; content: string }> }) : null;
      if (journal) journaled++;
      // Each file is whole: the old or the new version, never a mix.
      const now = read(root, file);
      expect([draft, inReview]).toContain(now);
      for (const f of ['spec/plans/README.md', 'spec/features/cli/README.md', 'spec/features/api/README.md']) {
        const rows = f.endsWith('plans/README.md') ? parsePlansIndex(read(root, f)).rows : (parseFeature(read(root, f)).feature.plans ?? []);
        expect(rows).toHaveLength(1);
        expect(['draft', 'in_review']).toContain(rows[0]!.status);
      }
      // No temp file of an atomic write is left in the plan folder as a half-written README.
      expect(readdirSync(path.join(root, 'spec/plans/p')).filter((n) => n !== 'README.md' && n !== 'reports' && !/^README\.md\.[0-9a-f]+$/.test(n))).toEqual(
        [],
      );
      // The next writing command takes over the killed process's lock at once (its owner no longer
      // runs), saying so, then completes what the killed one started (journal), then runs.
      const next = await runInProcess(root, ['report', 'p', '--date', '2026-03-14']);
      expect(next.code).toBe(0);
      expect(next.stderr).toMatch(
        new RegExp(`^(|specplan: took over a stale lock left by pid ${child.pid} on .+ since .+; that process is no longer running\\n)$`),
      );
      const target = journal?.changes.find((c) => c.file === file)?.content;
      if (target) expect(read(root, file)).toBe(target);
      else expect(read(root, file)).toBe(now);
      expect(await health(root)).toEqual({ problems: [], drift: [] });
    }
    process.stderr.write(`interrupted-write test: killed 3 times, ${journaled} kill(s) landed inside a multi-file write\n`);
  });
});
