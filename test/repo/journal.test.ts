import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { commitChanges, JOURNAL_FILE, recoverJournal } from '../../src/repo/journal.js';

/** These tests are about the journal's own checks; the freeze guard is the unit of work's. */
const acceptAll = () => undefined;

let root = '';
afterEach(() => rmSync(root, { recursive: true, force: true }));
const put = (rel: string, text: string) => {
  mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
  writeFileSync(path.join(root, rel), text);
};
const get = (rel: string) => (existsSync(path.join(root, rel)) ? readFileSync(path.join(root, rel), 'utf8') : null);

describe('journaled multi-file writes', () => {
  it('commitChanges writes every file and removes the journal', async () => {
    root = mkdtempSync(path.join(os.tmpdir(), 'specplan-journal-'));
    put('spec/a.md', 'old a');
    const written = await commitChanges(root, [
      { file: 'spec/a.md', before: 'old a', content: 'new a' },
      { file: 'spec/dir/b.md', before: null, content: 'new b' },
    ]);
    expect(written).toEqual(['spec/a.md', 'spec/dir/b.md']);
    expect([get('spec/a.md'), get('spec/dir/b.md'), get(JOURNAL_FILE)]).toEqual(['new a', 'new b', null]);
  });

  it('recoverJournal finishes an interrupted operation and leaves files changed since alone', async () => {
    root = mkdtempSync(path.join(os.tmpdir(), 'specplan-journal-'));
    // The killed process had written a.md only; c.md was edited by hand afterwards.
    put('spec/a.md', 'new a');
    put('spec/b.md', 'old b');
    put('spec/c.md', 'hand edit');
    put(
      JOURNAL_FILE,
      JSON.stringify({
        version: 1,
        changes: [
          { file: 'spec/a.md', before: 'old a', content: 'new a' },
          { file: 'spec/b.md', before: 'old b', content: 'new b' },
          { file: 'spec/c.md', before: 'old c', content: 'new c' },
          { file: 'spec/d.md', before: null, content: 'new d' },
        ],
      }),
    );
    const r = await recoverJournal(root, acceptAll);
    expect(r).toEqual({ written: ['spec/b.md', 'spec/d.md'], skipped: ['spec/c.md'] });
    expect([get('spec/a.md'), get('spec/b.md'), get('spec/c.md'), get('spec/d.md'), get(JOURNAL_FILE)]).toEqual(['new a', 'new b', 'hand edit', 'new d', null]);
    expect(await recoverJournal(root, acceptAll)).toEqual({ written: [], skipped: [] });
  });

  it('a journal cut short (never completed) is discarded: nothing was written after it', async () => {
    root = mkdtempSync(path.join(os.tmpdir(), 'specplan-journal-'));
    put('spec/a.md', 'old a');
    put(JOURNAL_FILE, '{"version":1,"changes":[{"file":"spec/a.md","bef');
    expect(await recoverJournal(root, acceptAll)).toEqual({ written: [], skipped: [] });
    expect([get('spec/a.md'), get(JOURNAL_FILE)]).toEqual(['old a', null]);
  });
});
