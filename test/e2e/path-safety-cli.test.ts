/**
 * Path safety on every `specplan` command that takes a plan, feature, proposal, slug or file:
 * each hostile vector is refused with a clear error (exit 1 or 2, no stack trace), nothing in
 * the repository changes and nothing outside it is created or modified.
 *
 * The full matrix runs in this process through the binary's own dispatch (`runSpecplan` of
 * src/cli/main.ts), which also lets a NUL byte through (the OS cannot put one in argv). Every
 * command position is also run as a real process against the built CLI with the vectors an argv
 * can carry.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pLimit from 'p-limit';
import { runSpecplan } from '../../src/cli/main.js';
import { buildAll, diffSnapshots, isCleanError, makeArena, run, snapshot, type Arena, type Built, type RunResult } from '../support/hardening-helpers.js';
import { FILE_VECTORS, NAME_VECTORS, type Vector } from './vectors.js';

/** A command with one argument position the vector goes into. */
interface Position {
  name: string;
  argv: (v: string) => string[];
  vectors: readonly Vector[];
}

const IMPORT = 'import-source.md';
const POSITIONS: readonly Position[] = [
  { name: 'lint PATH', argv: (v) => ['lint', v], vectors: FILE_VECTORS },
  { name: 'new SLUG', argv: (v) => ['new', v, '--title', 'T', '--author', '@a', '--feature', 'cli'], vectors: NAME_VECTORS },
  { name: 'new --feature', argv: (v) => ['new', 'fresh-plan', '--title', 'T', '--author', '@a', '--feature', v], vectors: NAME_VECTORS },
  { name: 'new --proposal', argv: (v) => ['new', 'fresh-plan', '--title', 'T', '--author', '@a', '--proposal', `cli/${v}`], vectors: NAME_VECTORS },
  { name: 'new --parent', argv: (v) => ['new', 'fresh-plan', '--title', 'T', '--author', '@a', '--feature', 'cli', '--parent', v], vectors: NAME_VECTORS },
  { name: 'submit PLAN', argv: (v) => ['submit', v], vectors: NAME_VECTORS },
  { name: 'approve PLAN', argv: (v) => ['approve', v, '--approver', '@j', '--date', '2026-04-01'], vectors: NAME_VECTORS },
  { name: 'revise PLAN', argv: (v) => ['revise', v], vectors: NAME_VECTORS },
  { name: 'supersede PLAN', argv: (v) => ['supersede', v, '--by', 'user-auth'], vectors: NAME_VECTORS },
  { name: 'supersede --by', argv: (v) => ['supersede', 'in-review', '--by', v], vectors: NAME_VECTORS },
  { name: 'status PLAN', argv: (v) => ['status', v], vectors: NAME_VECTORS },
  { name: 'graph PLAN', argv: (v) => ['graph', v], vectors: NAME_VECTORS },
  { name: 'suggest PLAN --apply', argv: (v) => ['suggest', v, '--apply', '--provider', 'none'], vectors: NAME_VECTORS },
  { name: 'report PLAN', argv: (v) => ['report', v, '--date', '2026-04-01'], vectors: NAME_VECTORS },
  { name: 'export PLAN', argv: (v) => ['export', v, '--to', 'work-items'], vectors: NAME_VECTORS },
  { name: 'export --out', argv: (v) => ['export', 'user-auth', '--to', 'work-items', '--out', v], vectors: FILE_VECTORS },
  { name: 'draft --feature', argv: (v) => ['draft', '--feature', v, '--provider', 'none', '--date', '2026-04-01'], vectors: NAME_VECTORS },
  { name: 'draft --proposal', argv: (v) => ['draft', '--proposal', `cli/${v}`, '--provider', 'none', '--date', '2026-04-01'], vectors: NAME_VECTORS },
  { name: 'draft --slug', argv: (v) => ['draft', '--feature', 'api', '--slug', v, '--provider', 'none', '--date', '2026-04-01'], vectors: NAME_VECTORS },
  { name: 'draft --parent', argv: (v) => ['draft', '--feature', 'api', '--parent', v, '--provider', 'none', '--date', '2026-04-01'], vectors: NAME_VECTORS },
  {
    name: 'import --slug',
    argv: (v) => ['import', IMPORT, '--from', 'execplan', '--feature', 'cli', '--slug', v, '--date', '2026-04-01'],
    vectors: NAME_VECTORS,
  },
  {
    name: 'import --feature',
    argv: (v) => ['import', IMPORT, '--from', 'execplan', '--feature', v, '--slug', 'imported', '--date', '2026-04-01'],
    vectors: NAME_VECTORS,
  },
  {
    name: 'import --parent',
    argv: (v) => ['import', IMPORT, '--from', 'execplan', '--feature', 'cli', '--slug', 'imported', '--parent', v, '--date', '2026-04-01'],
    vectors: NAME_VECTORS,
  },
];

/** Run `specplan ARGV --root ROOT` in this process with the binary's dispatch; output captured. */
async function inProcess(root: string, argv: string[]): Promise<RunResult> {
  const out: string[] = [];
  const err: string[] = [];
  const so = process.stdout.write.bind(process.stdout);
  const se = process.stderr.write.bind(process.stderr);
  const cwd = process.cwd();
  process.stdout.write = ((c: string | Uint8Array) => (out.push(String(c)), true)) as typeof process.stdout.write;
  process.stderr.write = ((c: string | Uint8Array) => (err.push(String(c)), true)) as typeof process.stderr.write;
  process.exitCode = undefined;
  process.chdir(root); // `import FILE` reads relative to the working directory
  try {
    const code = await runSpecplan([...argv, '--root', root]);
    return { code, stdout: out.join(''), stderr: err.join('') };
  } finally {
    process.chdir(cwd);
    process.stdout.write = so;
    process.stderr.write = se;
    process.exitCode = undefined;
  }
}

let arena: Arena;
let base0: Map<string, string>;

beforeAll(() => {
  arena = makeArena({ git: false });
  base0 = snapshot(arena.base);
});
afterAll(() => arena?.cleanup());

/** Assert the refusal and that no file anywhere under the arena (root and outside) changed. */
function expectRefused(label: string, r: RunResult, before: Map<string, string>): void {
  const changed = diffSnapshots(before, snapshot(arena.base));
  expect(changed, `${label}: files changed`).toEqual([]);
  expect([1, 2], `${label}: exit ${r.code}\nstdout: ${r.stdout}\nstderr: ${r.stderr}`).toContain(r.code);
  expect(isCleanError(r), `${label}: not a clean error:\n${r.stderr}`).toBe(true);
  expect(r.stdout, `${label}: nothing from outside the root is printed`).not.toMatch(/Outside plan|Outside feature|do not read or write me/);
}

describe('every CLI command refuses every hostile path (in-process matrix, same dispatch as the binary)', () => {
  for (const pos of POSITIONS) {
    describe(pos.name, () => {
      for (const v of pos.vectors) {
        it(`refuses ${v.name}`, async () => {
          const before = snapshot(arena.base);
          const r = await inProcess(arena.root, pos.argv(v.value(arena)));
          expectRefused(`${pos.name} ${JSON.stringify(v.value(arena))}`, r, before);
        });
      }
    });
  }

  it('a trailing slash names the same plan inside the root (normalized, not an escape)', async () => {
    const r = await inProcess(arena.root, ['graph', 'user-auth/', '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('Do the thing');
  });

  it('the arena is unchanged after the whole matrix', () => {
    expect(diffSnapshots(base0, snapshot(arena.base))).toEqual([]);
  });
});

describe('the same refusals from the built CLI as a real process', () => {
  let built: Built;
  beforeAll(() => {
    built = buildAll();
  }, 120_000);

  it('every writing command refuses ../ or a symlink out of the root; nothing changes in or beside the root', async () => {
    // A real process costs ~0.4-0.9 s here (two cores); the full matrix runs in-process above
    // through the same dispatch, so the real process covers one position of each command that
    // writes, alternating the two vectors that reach the filesystem.
    const SPAWNED = [
      'lint PATH',
      'new SLUG',
      'new --parent',
      'submit PLAN',
      'approve PLAN',
      'supersede --by',
      'suggest PLAN --apply',
      'report PLAN',
      'export --out',
      'draft --feature',
      'import --slug',
    ];
    const cases = POSITIONS.filter((p) => SPAWNED.includes(p.name)).map((pos, i) => ({
      pos,
      v: pos.vectors.find((v) => (i % 2 ? /^symlink/ : /^parent traversal/).test(v.name))!,
    }));
    // Two processes at a time: the machine has two cores.
    const limit = pLimit(2);
    const before = snapshot(arena.base);
    const results = await Promise.all(
      cases.map(({ pos, v }) =>
        limit(async () => ({
          label: `${pos.name} ${JSON.stringify(v.value(arena))}`,
          r: await run(built.specplan, [...pos.argv(v.value(arena)), '--root', arena.root], { cwd: arena.root }),
        })),
      ),
    );
    const bad = results
      .filter(({ r }) => ![1, 2].includes(r.code) || !isCleanError(r) || /Outside plan|do not read or write me/.test(r.stdout))
      .map(({ label, r }) => `${label}: exit ${r.code} ${r.stderr.slice(0, 300)}`);
    expect(bad).toEqual([]);
    expect(diffSnapshots(before, snapshot(arena.base))).toEqual([]);
    expect(results.length).toBe(SPAWNED.length);
  }, 120_000);

  it('a valid command still works in the same arena (the refusals are not blanket failures)', async () => {
    const r = await run(built.specplan, ['graph', 'user-auth', '--json', '--root', arena.root]);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toBeTruthy();
  }, 30_000);
});
