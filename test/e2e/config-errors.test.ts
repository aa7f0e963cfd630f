/**
 * A configuration or ledger that cannot be used (YAML alias bomb, bad syntax, a value out of its
 * enum) ends every command of both bins with one sentence naming the file and what to do, exit
 * 2: never a stack trace, never "unexpected error".
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAll, makeArena, type Arena, type Built } from '../support/hardening-helpers.js';
import { expectOneSentence, finish, mcpSession, toolText } from '../support/security-support.js';

let built: Built;
const arenas: Arena[] = [];
beforeAll(() => {
  built = buildAll();
}, 180_000);
afterAll(() => arenas.forEach((a) => a.cleanup()));

function arena(): Arena {
  const a = makeArena({ git: false, symlinks: false });
  arenas.push(a);
  return a;
}

/** Billion laughs: nine levels of nine aliases each. */
const BOMB = [
  'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
  ...'bcdefghi'.split('').map((k, i) => `${k}: &${k} [${Array(9).fill(`*${'abcdefghi'[i]}`).join(',')}]`),
].join('\n');

const specplan = (a: Arena, args: string[]) => finish(built.specplan, [...args, '--root', a.root], { cwd: a.root });
const whatsNext = (a: Arena, args: string[]) => finish(built.whatsNext, [...args, '--provider', 'none', '--root', a.root], { cwd: a.root });

describe('specscore.yaml', () => {
  it('an alias bomb is one sentence naming the file, exit 2, for every command', async () => {
    const a = arena();
    writeFileSync(path.join(a.root, 'specscore.yaml'), `${BOMB}\nplanning:\n  llm:\n    provider: none\n`);
    for (const args of [
      ['lint'],
      ['status'],
      ['index'],
      ['new', 'fresh', '--title', 'Fresh', '--author', '@a', '--feature', 'cli'],
      ['check-frozen'],
      ['mcp'],
    ]) {
      const r = await specplan(a, args);
      expectOneSentence(r, 2, /specscore\.yaml.*alias/);
    }
    expectOneSentence(await whatsNext(a, ['--full', '--dry-run']), 2, /specscore\.yaml.*alias/);
    expectOneSentence(await whatsNext(a, []), 2, /specscore\.yaml.*alias/);
  }, 120_000);

  it('whats-next: a bad value and bad YAML syntax are one sentence, exit 2, no stack trace', async () => {
    const a = arena();
    writeFileSync(path.join(a.root, 'specscore.yaml'), 'planning:\n  enforce_freeze: sometimes\n');
    for (const args of [['--full', '--dry-run'], ['--incremental'], ['--check'], []]) {
      expectOneSentence(await whatsNext(a, args), 2, /specscore\.yaml.*enforce_freeze/);
    }
    writeFileSync(path.join(a.root, 'specscore.yaml'), 'planning: [\n  whats_next: full\n');
    const syntax = await whatsNext(a, ['--full', '--dry-run']);
    expectOneSentence(syntax, 2, /specscore\.yaml:\d+/);
    expect(syntax.stderr).not.toMatch(/:\n/);
    expectOneSentence(await specplan(a, ['status']), 2, /specscore\.yaml:\d+/);
  }, 90_000);
});

describe('the ledger', () => {
  it('an alias bomb: whats-next stops with exit 2 naming the ledger, status goes on without it', async () => {
    const a = arena();
    writeFileSync(path.join(a.root, '.specscore/work-items.yaml'), `${BOMB}\nitems: []\n`);
    expectOneSentence(await whatsNext(a, ['--full', '--dry-run']), 2, /\.specscore\/work-items\.yaml.*alias/);
    const status = await specplan(a, ['status']);
    expect(status.code, status.stderr).toBe(0);
    expect(status.stderr).toMatch(/\.specscore\/work-items\.yaml.*alias/);
    expect(status.stderr).not.toMatch(/unexpected error/);
    const s = await mcpSession(built, a.root);
    try {
      const r = await s.call('plan_status', { plan: 'user-auth' });
      expect(toolText(r)).not.toMatch(/unexpected|bug/);
    } finally {
      await s.close();
    }
  }, 90_000);
});
