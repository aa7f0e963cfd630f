import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { health, makeRepo, removeRepo, runInProcess } from '../support/lifecycle-helpers.js';

/** Every file under the root (except the lock folder) with its content: what a refused command must leave as it was. */
function snapshot(root: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (rel: string): void => {
    for (const name of readdirSync(path.join(root, rel))) {
      const r = rel ? `${rel}/${name}` : name;
      if (r === '.specscore/write.lock') continue;
      if (statSync(path.join(root, r)).isDirectory()) walk(r);
      else out.set(r, readFileSync(path.join(root, r), 'utf8'));
    }
  };
  walk('');
  return out;
}

const SLUGS = ['alpha', 'bravo', 'road', 'road/kid-a', 'road/kid-b', 'charlie'] as const;

/** A command with abstract choices; `argv` turns it into arguments against the plans created so far. */
interface Cmd {
  kind: 'new' | 'submit' | 'revise' | 'approve' | 'supersede' | 'report';
  pick: number;
  by: number;
  feature: string;
}
const command: fc.Arbitrary<Cmd> = fc.record({
  kind: fc.constantFrom<Cmd['kind']>('new', 'new', 'new', 'submit', 'submit', 'submit', 'approve', 'approve', 'supersede', 'revise', 'report'),
  pick: fc.nat(99),
  by: fc.nat(99),
  feature: fc.constantFrom('cli', 'api', 'chat'),
});

function argv(cmd: Cmd, created: readonly string[]): string[] {
  const c: Cmd = created.length ? cmd : { ...cmd, kind: 'new' }; // nothing to act on yet: create
  const fresh = SLUGS.filter((x) => !created.includes(x));
  const any = created.length ? created : ['alpha'];
  const slug = c.kind === 'new' ? (fresh[c.pick % Math.max(1, fresh.length)] ?? 'alpha') : any[c.pick % any.length]!;
  switch (c.kind) {
    case 'new':
      return ['new', slug, '--title', `Plan ${slug}`, '--author', '@alex', '--feature', c.feature, '--date', '2026-03-14'];
    case 'approve':
      return ['approve', slug, '--approver', '@jordan', '--date', '2026-03-15'];
    case 'supersede':
      return ['supersede', slug, '--by', any[c.by % any.length]!];
    case 'report':
      return ['report', slug, '--date', '2026-03-20'];
    default:
      return [c.kind, slug];
  }
}

describe('any sequence of lifecycle commands', () => {
  it('keeps lint, index --check and check-frozen clean, and a refused command changes no file', async () => {
    let ran = 0;
    let refused = 0;
    const done = new Set<string>();
    await fc.assert(
      fc.asyncProperty(fc.array(command, { minLength: 8, maxLength: 16 }), async (cmds) => {
        const root = makeRepo({ git: false });
        const created: string[] = [];
        try {
          for (const c of cmds) {
            const before = snapshot(root);
            const args = argv(c, created);
            const r = await runInProcess(root, args);
            ran++;
            if (r.code === 0 && args[0] === 'new') created.push(args[1]!);
            if (r.code === 0) done.add(args[0]!);
            expect(r.stderr).not.toMatch(/unexpected error/);
            if (r.code !== 0) {
              refused++;
              if (process.env.SEQ_DEBUG) process.stderr.write(`REFUSED ${args.join(' ')}: ${r.stderr.split('\n')[0]}\n`);
              expect([1, 2]).toContain(r.code);
              expect(snapshot(root)).toEqual(before);
            }
            const h = await health(root);
            expect({ after: args, ...h }).toEqual({ after: args, problems: [], drift: [] });
          }
          // Our own commands never change an approved plan's content.
          const frozen = JSON.parse((await runInProcess(root, ['check-frozen', '--json'])).stdout);
          expect([frozen.violations, frozen.unchecked]).toEqual([[], []]);
        } finally {
          removeRepo(root);
        }
      }),
      { numRuns: 8, seed: 20260314 },
    );
    process.stderr.write(`command sequences: ${ran} commands run, ${refused} refused; succeeded at least once: ${[...done].sort().join(', ')}\n`);
    expect([...done].sort()).toEqual(['approve', 'new', 'report', 'revise', 'submit', 'supersede']);
    expect(ran).toBeGreaterThan(30);
    expect(refused).toBeGreaterThan(0);
    expect(ran - refused).toBeGreaterThan(30);
  }, 120_000); // eight sequences of 8-16 commands, each followed by a lint and an index check
});
