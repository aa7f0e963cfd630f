/**
 * The commands that write (`new`, the status transitions, `report`, `index`, `hooks`) run from a
 * bundle of their own (writing.js): the built bin prints what the full CLI prints, errors and help
 * included, and writes the same files.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAll, runBuilt, runCli, type Built } from '../support/cli.js';
import { makeRepo } from '../support/lifecycle-helpers.js';
import { snapshot } from '../support/index-helpers.js';
import { removeRepo, tempCopy } from '../support/repo.js';

let built: Built;
let template = '';
const roots: string[] = [];
beforeAll(() => {
  built = buildAll();
  template = makeRepo({ git: false });
  roots.push(template);
}, 120_000);
afterAll(() => roots.forEach(removeRepo));

const TODAY = '2026-03-02';

/** A copy of the template repository, removed after the run. */
function copy(): string {
  const root = tempCopy(template, 'specplan-writing-');
  roots.push(root);
  return root;
}

/** The files of a repository as text, by path. */
const files = (root: string) => Object.fromEntries([...snapshot(root)].map(([f, b]) => [f, b.toString('utf8')]));

describe('the built writing commands', () => {
  // Each sequence runs on two copies of one repository: spawned from the built bin, and through the full CLI's dispatch in this process.
  const sequences: string[][][] = [
    [
      ['new', 'road', '--title', 'Road', '--author', '@a', '--feature', 'chat', '--json'],
      ['new', 'leg', '--parent', 'road', '--title', 'Leg', '--author', '@a', '--feature', 'chat'],
      ['submit', 'leg'],
      ['approve', 'leg', '--approver', '@j'],
      ['report', 'leg'],
      ['index', '--check'],
    ],
    [['new'], ['new', '--help'], ['revise', 'no-such-plan'], ['approve', 'x', '--no-such-flag'], ['index', '--format', 'xml'], ['hooks', 'install']],
  ];
  it.each(sequences.map((s) => [s.map((a) => a.join(' ')).join('; '), s] as const))('%s: what the full CLI prints and writes', async (_name, sequence) => {
    const [spawnedRoot, directRoot] = [copy(), copy()];
    for (const args of sequence) {
      const bin = await runBuilt(built.specplan, [...args, '--root', spawnedRoot], {
        cwd: spawnedRoot,
        env: { ...process.env, SPECPLAN_TODAY: TODAY },
        timeoutMs: 30_000,
      });
      const direct = await runCli([...args, '--root', directRoot], { SPECPLAN_TODAY: TODAY }, directRoot);
      const same = (r: { code: number; stdout: string; stderr: string }, root: string) => ({
        args,
        code: r.code,
        stdout: r.stdout.split(root).join('ROOT'),
        stderr: r.stderr.split(root).join('ROOT'),
      });
      expect(same(bin, spawnedRoot)).toEqual(same(direct, directRoot));
    }
    expect(files(spawnedRoot)).toEqual(files(directRoot));
  });
});
