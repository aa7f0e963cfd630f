import { describe, expect, test } from 'vitest';
import { editSpecscorePlan } from '../../src/edit/specscore-plan-status.js';
import { specscoreIndexRowChange } from '../../src/edit/specscore-index-row.js';
import { parsePlansIndex } from '../../src/parse/plans-index.js';
import { parseSpecscorePlan } from '../../src/parse/specscore-plan.js';
import type { PlanEntry, SpecRepo } from '../../src/model/repository.js';

const FOOTER = '*This document follows the https://specscore.md/plan-specification*';
const PLAN = [
  '---',
  'format: https://specscore.md/plan-specification',
  "status: 'In Review'",
  '---',
  '',
  '# Plan: Batch mode',
  '',
  '**Status:** In Review',
  '**Source Feature:** cli',
  '**Date:** 2026-03-14',
  '**Owner:** @alex',
  '**Supersedes:** —',
  '',
  '## Summary',
  '',
  'Batch mode.',
  '',
  '## Open Questions',
  '',
  'None at this time.',
  '',
  '---',
  FOOTER,
  '',
].join('\n');
const SNAP = { date: '2026-04-02', hash: 'abc1234', action: 'approved', comment: 'Approved by @jo | team' };

/** Lines removed and added, in order (a naive line diff: the edits never move lines). */
function changed(before: string, after: string): { removed: string[]; added: string[] } {
  const a = before.split('\n');
  const b = after.split('\n');
  return { removed: a.filter((l) => !b.includes(l)), added: b.filter((l) => !a.includes(l)) };
}

describe('editSpecscorePlan', () => {
  test('Status and its front matter copy change together, keeping the copy’s quotes', () => {
    const out = editSpecscorePlan(PLAN, { status: 'Approved' });
    expect(changed(PLAN, out)).toEqual({ removed: ["status: 'In Review'", '**Status:** In Review'], added: ["status: 'Approved'", '**Status:** Approved'] });
  });

  test('a document without front matter gets none', () => {
    const plain = PLAN.split('---\n\n').slice(1).join('---\n\n');
    expect(plain.startsWith('# Plan:')).toBe(true);
    const out = editSpecscorePlan(plain, { status: 'Approved' });
    expect(changed(plain, out)).toEqual({ removed: ['**Status:** In Review'], added: ['**Status:** Approved'] });
  });

  test('a new Snapshots section goes after the last section, before the --- and footer, which stay last; cells are escaped', () => {
    const out = editSpecscorePlan(PLAN, { snapshot: SNAP });
    expect(
      out.endsWith(
        'None at this time.\n\n## Snapshots\n\n| Date | Git Hash | Action | Comment |\n|---|---|---|---|\n| 2026-04-02 | `abc1234` | approved | Approved by @jo \\| team |\n\n---\n' +
          FOOTER +
          '\n',
      ),
    ).toBe(true);
    expect(parseSpecscorePlan(out, 'spec/plans/b.md').specscore?.snapshots).toMatchObject([
      { date: SNAP.date, hash: SNAP.hash, action: SNAP.action, line: 26 },
    ]);
  });

  test('an existing table gets the row after its last row; a placeholder is replaced by the table', () => {
    const once = editSpecscorePlan(PLAN, { snapshot: SNAP });
    const twice = editSpecscorePlan(once, { snapshot: { ...SNAP, hash: 'def5678', action: 'checkpoint', comment: 'Tasks added' } });
    expect(changed(once, twice)).toEqual({ removed: [], added: ['| 2026-04-02 | `def5678` | checkpoint | Tasks added |'] });
    expect(twice.indexOf('def5678')).toBeGreaterThan(twice.indexOf('abc1234'));
    const placeholder = PLAN.replace(`\n---\n${FOOTER}`, `\n## Snapshots\n\nNone yet.\n\n---\n${FOOTER}`);
    const filled = editSpecscorePlan(placeholder, { snapshot: SNAP });
    expect(filled).toContain('## Snapshots\n\n| Date | Git Hash | Action | Comment |\n|---|---|---|---|\n| 2026-04-02 |');
    expect(filled).not.toContain('None yet.');
  });

  test('without a footer the section is appended at the end', () => {
    const bare = PLAN.replace(`\n---\n${FOOTER}\n`, '');
    expect(
      editSpecscorePlan(bare, { snapshot: SNAP }).endsWith(
        'None at this time.\n\n## Snapshots\n\n| Date | Git Hash | Action | Comment |\n|---|---|---|---|\n| 2026-04-02 | `abc1234` | approved | Approved by @jo \\| team |\n',
      ),
    ).toBe(true);
  });

  test('a header field is replaced in place or added as the last header field', () => {
    const out = editSpecscorePlan(PLAN, { fields: [{ name: 'Superseded By', value: 'batch-v2' }] });
    expect(out).toContain('**Supersedes:** —\n**Superseded By:** batch-v2\n\n## Summary');
    expect(editSpecscorePlan(PLAN, { fields: [{ name: 'Supersedes', value: 'old' }] })).toContain('**Owner:** @alex\n**Supersedes:** old\n\n');
  });
});

function repoWith(index: string, recentlyClosed = 5): { repo: SpecRepo; entry: PlanEntry } {
  const entry = { path: 'batch', file: 'spec/plans/batch.md', text: PLAN, parsed: parseSpecscorePlan(PLAN, 'spec/plans/batch.md') } as PlanEntry;
  const repo = {
    index: { file: 'spec/plans/README.md', text: index, parsed: parsePlansIndex(index) },
    config: { recently_closed: recentlyClosed },
    plans: new Map([['batch', entry]]),
  } as unknown as SpecRepo;
  return { repo, entry };
}

const INDEX = (closed: string, status = 'in_review') =>
  [
    '# Plans',
    '',
    '## Contents',
    '',
    '| Plan | Status | Features | Effort | Impact | Author | Approved |',
    '|---|---|---|---|---|---|---|',
    '| [other](other.md) | approved | cli | - | - | @alex | 2026-01-01 |',
    `| [batch](batch.md) | ${status} | cli | - | - | @alex | - |`,
    '',
    '## Recently Closed',
    '',
    closed,
    '',
    '## Open Questions',
    '',
    'None at this time.',
    '',
  ].join('\n');

describe('specscoreIndexRowChange', () => {
  test('the Status cell in the index’s lower-case spelling, the Approved date; no other line', () => {
    const { repo, entry } = repoWith(INDEX('None at this time.'));
    const [change] = specscoreIndexRowChange(repo, entry, { status: 'approved', approved: '2026-04-02' }).changes;
    expect(changed(repo.index!.text, change!.content)).toEqual({
      removed: ['| [batch](batch.md) | in_review | cli | - | - | @alex | - |'],
      added: ['| [batch](batch.md) | approved  | cli | - | - | @alex | 2026-04-02 |'],
    });
  });

  test('capitalised when the index writes statuses as the plans do', () => {
    const { repo, entry } = repoWith(INDEX('None at this time.', 'In Review').replace('| approved |', '| Approved |'));
    const [change] = specscoreIndexRowChange(repo, entry, { status: 'withdrawn', closedOn: '2026-04-02' }).changes;
    expect(change!.content).toContain('| [batch](batch.md) | Withdrawn | cli |');
    expect(change!.content).toContain('## Recently Closed\n\n- [batch](batch.md) — Withdrawn — 2026-04-02\n\n## Open Questions');
  });

  test('Recently Closed: the new entry on top, at most planning.recently_closed entries', () => {
    const list = ['- [a](a.md) — withdrawn — 2026-03-03', '- [b](b.md) — superseded — 2026-03-02', '- [c](c.md) — implemented — 2026-03-01'].join('\n');
    const { repo, entry } = repoWith(INDEX(list), 3);
    const [change] = specscoreIndexRowChange(repo, entry, { status: 'rejected', closedOn: '2026-04-02' }).changes;
    expect(change!.content).toContain(
      '## Recently Closed\n\n- [batch](batch.md) — rejected — 2026-04-02\n- [a](a.md) — withdrawn — 2026-03-03\n- [b](b.md) — superseded — 2026-03-02\n\n## Open',
    );
  });

  test('a plan the index does not list, and a Recently Closed that is not a list, are left alone with a note', () => {
    const { repo, entry } = repoWith(INDEX('None at this time.').replace('| [batch](batch.md) | in_review | cli | - | - | @alex | - |\n', ''));
    expect(specscoreIndexRowChange(repo, entry, { status: 'approved' })).toEqual({
      changes: [],
      notes: ['spec/plans/README.md does not list batch; updating the plans index adds its row'],
    });
    const table = repoWith(INDEX('| Plan | Status | Closed |\n|---|---|---|\n| [a](a.md) | withdrawn | 2026-03-03 |'));
    const out = specscoreIndexRowChange(table.repo, table.entry, { status: 'withdrawn', closedOn: '2026-04-02' });
    expect(out.notes).toEqual(['spec/plans/README.md has no "## Recently Closed" list to add batch to; add it by hand']);
    expect(out.changes[0]!.content).toContain('| [a](a.md) | withdrawn | 2026-03-03 |\n\n## Open');
  });
});
