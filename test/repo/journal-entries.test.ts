/**
 * Recovery checks every entry of a journal before it writes anything: a journal with one bad
 * entry (a path outside spec/ and .specscore/, `..`, an absolute path, a `.git` folder, a link,
 * the journal itself, a duplicate, an unknown field, an oversized text) is refused as a whole and
 * left in place, and the good entries before the bad one are not applied either.
 */
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { JOURNAL_FILE, recoverJournal } from '../../src/repo/journal.js';
import { RepoError } from '../../src/model/errors.js';
import { READ_LIMITS } from '../../src/repo/safe-read.js';
import { makeArena, type Arena } from '../support/hardening-helpers.js';

/** These tests are about the journal's own checks; the freeze guard is the unit of work's. */
const acceptAll = () => undefined;

let arena: Arena | null = null;
afterEach(() => {
  arena?.cleanup();
  arena = null;
});

const DRAFT = 'spec/plans/user-auth/README.md';

/** Recover a journal whose first entry is a good edit of a draft plan, followed by `bad`. */
async function recoverWith(bad: Record<string, unknown>, prepare?: (root: string) => void): Promise<{ err: unknown; root: string; draft: string }> {
  arena = makeArena({ git: false, symlinks: false });
  const { root } = arena;
  prepare?.(root);
  const draft = readFileSync(path.join(root, DRAFT), 'utf8');
  const good = { file: DRAFT, before: draft, content: draft.replace('User auth exists', 'User auth was finished') };
  writeFileSync(path.join(root, JOURNAL_FILE), JSON.stringify({ version: 1, changes: [good, bad] }));
  const err = await recoverJournal(root, acceptAll).then(
    () => null,
    (e: unknown) => e,
  );
  return { err, root, draft };
}

const CASES: Array<[string, Record<string, unknown>, RegExp, ((root: string) => void)?]> = [
  ['a file at the root', { file: 'specscore.yaml', before: null, content: 'x' }, /specscore\.yaml, outside spec\/ and \.specscore\//],
  ['a parent folder step', { file: 'spec/../../outside/secret.txt', before: null, content: 'x' }, /"\.\." part/],
  ['an absolute path', { file: '/tmp/specplan-journal-victim', before: null, content: 'x' }, /outside spec\/ and \.specscore\//],
  ['a NUL byte', { file: 'spec/a\0b.md', before: null, content: 'x' }, /NUL/],
  ['a .git folder inside spec/', { file: 'spec/.git/config', before: null, content: 'x' }, /inside \.git\//],
  ['the journal itself', { file: JOURNAL_FILE, before: null, content: 'x' }, /own journal or lock/],
  ['the lock', { file: '.specscore/write.lock/owner.json', before: null, content: 'x' }, /own journal or lock/],
  ['the same file twice', { file: DRAFT, before: 'a', content: 'b' }, /a second time/],
  ['an unknown field', { file: 'spec/x.md', before: null, content: 'x', mode: 493 }, /changes\.1: Unrecognized key/],
  ['a text over the document limit', { file: 'spec/x.md', before: null, content: 'x'.repeat(READ_LIMITS.document + 1) }, /over 8 MB/],
  [
    'a file behind a symbolic link inside the root',
    { file: 'spec/plans/dup/README.md', before: 'x', content: 'y' },
    /spec\/plans\/dup\/README\.md: it is a symbolic link/,
    (root) => {
      mkdirSync(path.join(root, 'spec/plans/dup'));
      symlinkSync('../frozen/README.md', path.join(root, 'spec/plans/dup/README.md'));
    },
  ],
  [
    'a folder on the way that is a symbolic link',
    { file: 'spec/linked/README.md', before: null, content: 'y' },
    /spec\/linked is a symbolic link/,
    (root) => symlinkSync('plans/frozen', path.join(root, 'spec/linked')),
  ],
];

describe('a journal with one bad entry', () => {
  it.each(CASES)('naming %s is refused as a whole and kept', async (_name, bad, why, prepare) => {
    const { err, root, draft } = await recoverWith(bad, prepare);
    expect(err).toBeInstanceOf(RepoError);
    expect((err as Error).message).toMatch(/^refusing to finish the interrupted write recorded in \.specscore\/journal\.json: /);
    expect((err as Error).message).toMatch(why);
    expect(readFileSync(path.join(root, DRAFT), 'utf8')).toBe(draft);
    expect(readFileSync(path.join(root, JOURNAL_FILE), 'utf8')).toContain('"version":1');
    expect(readFileSync(path.join(arena!.outside, 'secret.txt'), 'utf8')).toBe('do not read or write me\n');
  });

  it('a journal that is a symbolic link is refused and kept', async () => {
    arena = makeArena({ git: false, symlinks: false });
    const { root } = arena;
    writeFileSync(path.join(root, '.specscore/other.json'), JSON.stringify({ version: 1, changes: [] }));
    symlinkSync('other.json', path.join(root, JOURNAL_FILE));
    const err = await recoverJournal(root, acceptAll).then(
      () => null,
      (e: unknown) => e,
    );
    expect((err as Error).message).toMatch(/journal\.json: it is a symbolic link; a journal is always a regular file/);
  });
});
