/**
 * Slugs that are also property names of every JavaScript object (`constructor`, `toString`,
 * `__proto__`, ...) are refused by the one slug rule, with a message saying why, so no plan,
 * feature or proposal path can collide with a key of an object used as a map.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { checkSpecPath, isSafeSlug } from '../../src/model/paths.js';
import { UsageError } from '../../src/model/errors.js';
import { buildAll, isCleanError, makeArena, run, type Arena, type Built } from '../support/hardening-helpers.js';

/** Every own property name of Object.prototype and Function.prototype, lower-cased, that looks like a slug. */
const KEYS = [
  ...new Set(
    [...Object.getOwnPropertyNames(Object.prototype), ...Object.getOwnPropertyNames(Function.prototype), 'prototype', '__proto__'].map((k) => k.toLowerCase()),
  ),
];
const SLUG_LIKE = KEYS.filter((k) => /^[a-z0-9][a-z0-9-]*$/.test(k));

let built: Built;
let arena: Arena | null = null;
beforeAll(() => {
  built = buildAll();
});
afterEach(() => {
  arena?.cleanup();
  arena = null;
});

describe('the slug rule', () => {
  it('covers the prototype keys that look like slugs', () => {
    expect(SLUG_LIKE).toEqual(expect.arrayContaining(['constructor', 'tostring', 'valueof', 'hasownproperty', 'prototype', 'call', 'bind', 'apply']));
  });

  it.each(KEYS)('refuses %s as a slug and in every kind of path, saying why', (key) => {
    expect(isSafeSlug(key)).toBe(false);
    for (const [kind, value] of [
      ['plan', key],
      ['plan', `roadmap/${key}`],
      ['feature', `cli/${key}`],
      ['proposal', `cli/${key}`],
    ] as const) {
      let err: unknown = null;
      try {
        checkSpecPath(kind, value);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(UsageError);
      if (SLUG_LIKE.includes(key)) expect((err as Error).message).toMatch(/built-in property of JavaScript objects/);
    }
  });

  it('refuses the original spelling of a key too (a feature folder may use upper case)', () => {
    expect(() => checkSpecPath('feature', 'cli/toString')).toThrow(/built-in property/);
    expect(() => checkSpecPath('feature', 'hasOwnProperty')).toThrow(/built-in property/);
  });

  it('still accepts ordinary slugs, including ones that merely contain a key', () => {
    for (const s of ['user-auth', 'constructor-api', 'to-string', 'name-service', 'call-1']) expect(isSafeSlug(s)).toBe(true);
    expect(checkSpecPath('plan', 'billing-roadmap/invoice-pdf')).toBe('billing-roadmap/invoice-pdf');
  });
});

describe('specplan new', () => {
  it.each(['constructor', 'tostring', 'prototype'])('refuses the slug %s with exit 2 and writes nothing', async (slug) => {
    arena = makeArena({ symlinks: false });
    const r = await run(built.specplan, ['new', slug, '--title', 'T', '--author', '@a', '--feature', 'cli'], { cwd: arena.root });
    expect(r.code).toBe(2);
    expect(isCleanError(r)).toBe(true);
    expect(r.stderr).toContain(`"${slug}"`);
    expect(r.stderr).toMatch(/built-in property of JavaScript objects/);
    expect(existsSync(path.join(arena.root, 'spec/plans', slug))).toBe(false);
  });
});
