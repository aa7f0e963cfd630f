import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { renderFeaturePlans, type FeaturePlansRow } from '../../src/edit/feature-plans.js';
import { recentlyClosedChanges, renderPlansIndex, type IndexTableRow, type PlansIndexModel } from '../../src/edit/plans-index.js';
import { replaceLines, splitLines, joinLines } from '../../src/markdown/text-lines.js';
import { scanOutline } from '../../src/markdown/outline-fast.js';

const row = (path: string, over: Partial<IndexTableRow> = {}): IndexTableRow => ({
  path,
  depth: path.includes('/') ? 1 : 0,
  text: path.split('/').pop()!,
  status: 'draft',
  progress: '—',
  features: 'chat',
  effort: '—',
  impact: '—',
  author: '@alex',
  approved: '—',
  ...over,
});

const MODEL: PlansIndexModel = {
  rows: [
    row('chat-feature', { features: 'chat, chat/workflow', effort: 'XL', impact: 'critical' }),
    row('chat-feature/chat-infrastructure', { effort: 'L', impact: 'high' }),
    row('user-auth', { status: 'approved', progress: '2/4 steps', approved: '2026-03-15' }),
  ],
  closed: [{ path: 'old-auth', text: 'old-auth', status: 'superseded', completed: '2026-03-10' }],
};

describe('renderPlansIndex', () => {
  test('a fresh index has the seed layout: plans table with &ensp; children, Recently Closed, Outstanding Questions', () => {
    expect(renderPlansIndex(null, MODEL)).toBe(`# Plans

| Plan | Status | Progress | Features | Effort | Impact | Author | Approved |
|---|---|---|---|---|---|---|---|
| [chat-feature](chat-feature/) | draft | — | chat, chat/workflow | XL | critical | @alex | — |
| &ensp;[chat-infrastructure](chat-feature/chat-infrastructure/) | draft | — | chat | L | high | @alex | — |
| [user-auth](user-auth/) | approved | 2/4 steps | chat | — | — | @alex | 2026-03-15 |

## Recently Closed

| Plan | Status | Completed |
|---|---|---|
| [old-auth](old-auth/) | superseded | 2026-03-10 |

## Outstanding Questions

None at this time.
`);
  });

  test('only the tables change; text the user wrote above, between and below stays byte for byte (CRLF too)', () => {
    const existing = [
      '# Plans',
      '',
      'Intro written by hand.',
      '',
      '| Plan | Status | Features | Effort | Impact | Author | Approved |',
      '|------|--------|----------|--------|--------|--------|----------|',
      '| [x](x/) | draft | a | - | - | @a | - |',
      '',
      '## Recently Closed',
      '',
      '(none)',
      '',
      '## Diagram Conventions',
      '',
      'Use **mermaid**.',
      '',
      '## Outstanding Questions',
      '',
      '- Keep this?',
      '',
    ].join('\r\n');
    const out = renderPlansIndex(existing, MODEL);
    const lines = out.split('\r\n');
    expect(out.includes('\n') && !/[^\r]\n/.test(out)).toBe(true); // every newline is CRLF
    expect(lines.slice(0, 4)).toEqual(['# Plans', '', 'Intro written by hand.', '']);
    expect(lines[4]).toBe('| Plan | Status | Progress | Features | Effort | Impact | Author | Approved |');
    expect(out).toContain(
      '\r\n\r\n## Recently Closed\r\n\r\n| Plan | Status | Completed |\r\n|---|---|---|\r\n| [old-auth](old-auth/) | superseded | 2026-03-10 |\r\n\r\n## Diagram Conventions\r\n\r\nUse **mermaid**.\r\n\r\n## Outstanding Questions\r\n\r\n- Keep this?\r\n',
    );
    expect(renderPlansIndex(out, MODEL)).toBe(out);
  });

  test('a table already holding the same rows keeps its padding and dash spelling', () => {
    const padded = renderPlansIndex(null, MODEL)
      .replace('| [user-auth](user-auth/) | approved |', '| [user-auth](user-auth/)   |  approved  |')
      .replace('| [chat-feature](chat-feature/) | draft | - |', '| [chat-feature](chat-feature/) | draft | - |');
    expect(renderPlansIndex(padded, MODEL)).toBe(padded);
    const changed: PlansIndexModel = { ...MODEL, rows: MODEL.rows.map((r) => (r.path === 'user-auth' ? { ...r, status: 'superseded' } : r)) };
    expect(renderPlansIndex(padded, changed)).toContain('| [user-auth](user-auth/) | superseded |');
  });

  test('closed: null leaves Recently Closed untouched; an empty list writes "(none)"', () => {
    const doc = renderPlansIndex(null, MODEL);
    expect(renderPlansIndex(doc, { ...MODEL, closed: null })).toBe(doc);
    expect(renderPlansIndex(doc, { ...MODEL, closed: [] })).toContain('## Recently Closed\n\n(none)\n\n## Outstanding Questions');
  });

  /** Lines an index may be made of: headings, tables of both kinds, code fences, comments. */
  const INDEX_LINES = [
    '',
    'Text.',
    '# Plans',
    '## Recently Closed',
    '(none)',
    '## Outstanding Questions',
    '| Plan | Status | Completed |',
    '| Plan | Status | Features |',
    '|---|---|---|',
    '| [old-auth](old-auth/) | superseded | 2026-03-10 |',
    '| [x](x/) | draft | a |',
    '```',
    '<!--',
    '- item',
  ];
  const indexModel = fc.record({
    rows: fc.array(fc.constantFrom(...MODEL.rows), { maxLength: 3 }),
    closed: fc.option(fc.array(fc.constantFrom(...MODEL.closed!), { maxLength: 2 }), { nil: null }),
  });

  test('property: rendering an index twice gives the same bytes as once', () => {
    const line = fc.oneof(
      fc.constantFrom(...INDEX_LINES),
      fc.string({ maxLength: 10 }).map((s) => s.replace(/[\r\n]/g, ' ')),
    );
    const model = indexModel;
    fc.assert(
      fc.property(fc.array(line, { maxLength: 25 }), fc.constantFrom('\n', '\r\n'), model, (lines, eol, m) => {
        const once = renderPlansIndex(lines.join(eol) + eol, m);
        expect(renderPlansIndex(once, m)).toBe(once);
      }),
      { numRuns: 300 },
    );
  });

  test('property: when Recently Closed would not change, the index renders as with closed: null', () => {
    const line = fc.constantFrom(...INDEX_LINES);
    const model = indexModel;
    let unchanged = 0;
    fc.assert(
      fc.property(fc.array(line, { maxLength: 25 }), model, (lines, m) => {
        const text = `${lines.join('\n')}\n`;
        if (recentlyClosedChanges(splitLines(text), m.closed)) return;
        unchanged++;
        expect(renderPlansIndex(text, m)).toBe(renderPlansIndex(text, { rows: m.rows, closed: null }));
      }),
      { numRuns: 300 },
    );
    expect(unchanged).toBeGreaterThan(0);
    const doc = renderPlansIndex(null, MODEL);
    expect(recentlyClosedChanges(splitLines(doc), MODEL.closed)).toBe(false);
    expect(recentlyClosedChanges(splitLines(doc), [])).toBe(true);
    expect(recentlyClosedChanges(splitLines(doc), [{ ...MODEL.closed![0]!, completed: '2026-03-11' }])).toBe(true);
  });

  test('missing sections are added: Recently Closed before Outstanding Questions, the table after the title', () => {
    const out = renderPlansIndex('# Plans\n\n## Outstanding Questions\n\nNone at this time.\n', MODEL);
    expect(out).toMatch(
      /^# Plans\n\n\| Plan \| Status \| Progress[^\n]*\n\|---\|[\s\S]*\| \[user-auth\][^\n]*\n\n## Recently Closed\n\n\| Plan \| Status \| Completed \|[\s\S]*\n\n## Outstanding Questions\n\nNone at this time\.\n$/,
    );
    expect(renderPlansIndex(out, MODEL)).toBe(out);
  });
});

const FEATURE_ROWS: FeaturePlansRow[] = [
  { text: 'chat-feature', href: '../../plans/chat-feature/', status: 'draft', author: '@alex', approved: '—' },
  { text: 'chat-infrastructure', href: '../../plans/chat-feature/chat-infrastructure/', status: 'draft', author: '@alex', approved: '—' },
];
const TABLE = `| Plan | Status | Author | Approved |
|---|---|---|---|
| [chat-feature](../../plans/chat-feature/) | draft | @alex | — |
| [chat-infrastructure](../../plans/chat-feature/chat-infrastructure/) | draft | @alex | — |`;

describe('renderFeaturePlans', () => {
  test('replaces only the table inside ## Plans', () => {
    const before =
      '# Feature: Chat\n\n**Status:** Draft\n\n## Plans\n\nPlans touching chat:\n\n| Plan | Status | Author | Approved |\n|---|---|---|---|\n| [old](../../plans/old/) | draft | @b | — |\n\nMore notes.\n\n## Outstanding Questions\n\nNone.\n';
    expect(renderFeaturePlans(before, FEATURE_ROWS)).toBe(
      `# Feature: Chat\n\n**Status:** Draft\n\n## Plans\n\nPlans touching chat:\n\n${TABLE}\n\nMore notes.\n\n## Outstanding Questions\n\nNone.\n`,
    );
  });

  test('a Plans section without a table gets one right below its heading; its text stays', () => {
    const before = '# Feature: Chat\n\n## Plans\n\n- [Roadmap](../../plans/chat-feature/README.md) — phased plan\n\n## Outstanding Questions\n\nNone.\n';
    expect(renderFeaturePlans(before, FEATURE_ROWS)).toBe(
      `# Feature: Chat\n\n## Plans\n\n${TABLE}\n\n- [Roadmap](../../plans/chat-feature/README.md) — phased plan\n\n## Outstanding Questions\n\nNone.\n`,
    );
  });

  test('a missing section is created before ## Outstanding Questions, else at the end', () => {
    expect(renderFeaturePlans('# Feature: Chat\n\nText.\n\n## Outstanding Questions\n\nNone.\n', FEATURE_ROWS)).toBe(
      `# Feature: Chat\n\nText.\n\n## Plans\n\n${TABLE}\n\n## Outstanding Questions\n\nNone.\n`,
    );
    expect(renderFeaturePlans('# Feature: Chat\n\nText.\n', FEATURE_ROWS)).toBe(`# Feature: Chat\n\nText.\n\n## Plans\n\n${TABLE}\n`);
    expect(renderFeaturePlans('# Feature: Chat\n\nText without final newline', FEATURE_ROWS)).toBe(
      `# Feature: Chat\n\nText without final newline\n\n## Plans\n\n${TABLE}`,
    );
  });

  test('a "## Plans" inside a code block is not the section', () => {
    const before = '# Feature: X\n\n```markdown\n## Plans\n\n| Plan | Status | Author | Approved |\n|---|---|---|---|\n```\n';
    expect(renderFeaturePlans(before, [])).toBe(before);
    expect(renderFeaturePlans(before, FEATURE_ROWS)).toBe(`${before}\n## Plans\n\n${TABLE}\n`);
  });

  test('no rows and no section: unchanged; same rows in another order or padding: unchanged', () => {
    expect(renderFeaturePlans('# Feature: X\n', [])).toBe('# Feature: X\n');
    const reordered = `# Feature: X\n\n## Plans\n\n| Plan | Status | Author | Approved |\n|------|--------|--------|----------|\n| [chat-infrastructure](../../plans/chat-feature/chat-infrastructure/) | draft | @alex | - |\n| [Chat roadmap](../../plans/chat-feature/README.md)  | draft  | @alex | — |\n`;
    expect(renderFeaturePlans(reordered, FEATURE_ROWS)).toBe(reordered);
  });

  test('property: only the Plans table changes, and a second run changes nothing', () => {
    const line = fc.oneof(
      fc.constantFrom('', 'Some text.', '## Notes', '- item', '```', '~~~', '| a | b |', '|---|---|', '## Plans', '## Outstanding Questions', '### Sub'),
      fc.string({ maxLength: 12 }).map((s) => s.replace(/[\r\n]/g, ' ')),
    );
    const rows = fc.array(
      fc.record({
        text: fc.constantFrom('a', 'b', 'c'),
        href: fc.constantFrom('../../plans/a/', '../../plans/b/'),
        status: fc.constantFrom('draft', 'approved'),
        author: fc.constant('@x'),
        approved: fc.constant('—'),
      }),
      { maxLength: 3 },
    );
    fc.assert(
      fc.property(fc.array(line, { maxLength: 30 }), fc.constantFrom('\n', '\r\n'), rows, (lines, eol, want) => {
        const text = `# Feature: P${eol}${eol}${lines.join(eol)}${eol}`;
        const once = renderFeaturePlans(text, want);
        expect(renderFeaturePlans(once, want)).toBe(once);
        // One contiguous edit: whatever was removed between the common prefix and suffix was a table.
        const out = once.split(eol);
        const orig = text.split(eol);
        let p = 0;
        while (p < orig.length && p < out.length && orig[p] === out[p]) p++;
        let q = 0;
        while (q < orig.length - p && q < out.length - p && orig[orig.length - 1 - q] === out[out.length - 1 - q]) q++;
        const tables = scanOutline(splitLines(text).lines).tables;
        for (let i = p; i < orig.length - q; i++)
          expect(
            tables.some((t) => i + 1 >= t.line && i + 1 <= t.endLine),
            `line ${i + 1} "${orig[i]}" is not in a table`,
          ).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

describe('text-lines', () => {
  test('replaceLines keeps terminators of untouched lines and the missing final newline', () => {
    const t = splitLines('a\r\nb\nc');
    expect(joinLines(replaceLines(t, 2, 2, ['x', 'y']))).toBe('a\r\nx\r\ny\nc');
    expect(joinLines(replaceLines(t, 4, 3, ['z']))).toBe('a\r\nb\nc\r\nz');
    expect(joinLines(replaceLines(t, 1, 0, ['first']))).toBe('first\r\na\r\nb\nc');
  });
});
