import type { ClosedRow, IndexRow, PlansIndex } from '../model/plans-index.js';
import { firstLink, scalar } from '../markdown/blocks.js';
import type { Outline } from '../markdown/outline.js';
import { documentLines } from '../markdown/text-lines.js';
import { scanOutline } from '../markdown/outline-fast.js';
import { normalizeTitle } from './plan.js';

const INDENT = /^(?:&ensp;|&emsp;|&nbsp;|\u2002|\u2003|\s)+/;

/** Parse `spec/plans/README.md`: the plans table (child rows indented with &ensp;) and Recently Closed. */
export function parsePlansIndex(text: string, outline?: Outline): PlansIndex {
  const lines = documentLines(text);
  const ol = outline ?? scanOutline(lines);
  const closedHeading = ol.headings.find((h) => normalizeTitle(h.text) === 'recently closed');
  const index: PlansIndex = {
    rows: [],
    columns: [],
    recentlyClosed: null,
    hasOutstandingQuestions: ol.headings.some((h) => normalizeTitle(h.text) === 'outstanding questions'),
  };
  const main = ol.tables.find((t) => normalizeTitle(t.header[0] ?? '') === 'plan' && t.header.some((c) => normalizeTitle(c) === 'features'));
  if (main) {
    index.columns = main.header;
    const cols = main.header.map(normalizeTitle);
    for (const row of main.rows) {
      const cell = (n: string) => (cols.indexOf(n) >= 0 ? (row.cells[cols.indexOf(n)] ?? '').trim() : null);
      const raw = cell('plan') ?? '';
      const depth = INDENT.test(raw) ? 1 : 0;
      const planCell = raw.replace(INDENT, '');
      index.rows.push({
        depth,
        plan: firstLink(planCell) ?? { text: planCell, href: '' },
        status: scalar(cell('status') ?? ''),
        progress: cell('progress'),
        features: cell('features') ?? '',
        effort: cell('effort') ?? '',
        impact: cell('impact') ?? '',
        author: cell('author') ?? '',
        approved: cell('approved') ?? '',
        line: row.line,
      } satisfies IndexRow);
    }
  }
  if (closedHeading) {
    const t = ol.tables.find((x) => x.line > closedHeading.line);
    const nextHeading = ol.headings.find((h) => h.line > closedHeading.line);
    index.recentlyClosed = [];
    if (t && (!nextHeading || t.line < nextHeading.line)) {
      const cols = t.header.map(normalizeTitle);
      for (const row of t.rows) {
        const cell = (n: string) => (cols.indexOf(n) >= 0 ? (row.cells[cols.indexOf(n)] ?? '').trim() : '');
        index.recentlyClosed.push({
          plan: firstLink(cell('plan')) ?? { text: cell('plan'), href: '' },
          status: scalar(cell('status')),
          completed: cell('completed'),
          line: row.line,
        } satisfies ClosedRow);
      }
    }
  }
  return index;
}
