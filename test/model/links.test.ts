import fc from 'fast-check';
import { expect, test } from 'vitest';
import { hrefToFolder, resolveHref } from '../../src/model/paths.js';
import { folderHref, linkFolder } from '../../src/model/links.js';

const segment = fc.constantFrom('spec', 'plans', 'features', 'chat', 'a', 'b-c', 'README.md', 'readme.md', 'x.md');
const file = fc.array(segment, { minLength: 1, maxLength: 5 }).map((s) => s.join('/'));
const hrefPart = fc.constantFrom('..', '.', '', 'spec', 'plans', 'chat', 'README.md', 'a b', '%20x', 'q?x=1', '#frag', 'http:', 'x#y');

test('linkFolder gives the same folder as resolveHref without README.md', () => {
  fc.assert(
    fc.property(file, fc.array(hrefPart, { minLength: 1, maxLength: 6 }), fc.boolean(), (from, parts, lead) => {
      const href = `${lead ? '/' : ''}${parts.join('/')}`;
      const slow = resolveHref(from, href);
      expect(linkFolder(from, href)).toBe(slow === null ? null : slow.replace(/\/README\.md$/i, ''));
    }),
    { numRuns: 3000 },
  );
});

test('folderHref matches hrefToFolder for normalized root-relative paths', () => {
  fc.assert(
    fc.property(file, fc.array(segment, { minLength: 1, maxLength: 5 }), (from, to) => {
      expect(folderHref(from, to.join('/'))).toBe(hrefToFolder(from, to.join('/')));
    }),
    { numRuns: 3000 },
  );
});
