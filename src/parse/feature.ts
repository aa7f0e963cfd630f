import type { Feature, FeaturePlanRow } from '../model/feature.js';
import { codeLineSet, extractLinks, firstLink, joinTrimmed, ListReader, matchField, scalar } from '../markdown/blocks.js';
import type { Finding, ParsedFeature } from '../model/parsed.js';
import type { Outline } from '../markdown/outline.js';
import { documentLines } from '../markdown/text-lines.js';
import { scanOutline } from '../markdown/outline-fast.js';
import { normalizeTitle } from './plan.js';

/** The list reader of the Acceptance criteria section, kept from feature to feature. */
const LIST = new ListReader();

/** Parse a feature README. Never throws. */
export function parseFeature(text: string, outline?: Outline): ParsedFeature {
  const lines = documentLines(text);
  const ol = outline ?? scanOutline(lines);
  const code = codeLineSet(ol);
  const findings: Finding[] = [];
  const title = ol.headings.find((h) => h.depth === 1);
  const feature: Feature = {
    title: '',
    status: null,
    summary: null,
    sections: ol.headings.filter((h) => !title || h.line > title.line).map((h) => ({ title: h.text, depth: h.depth, line: h.line })),
    plans: null,
    plansSection: null,
    proposals: [],
    acceptanceCriteria: [],
  };
  let statusLine: number | null = null;
  if (!title) findings.push({ line: 1, column: 1, severity: 'error', rule: 'feature/title', message: 'no "# Feature: <title>" heading found' });
  else feature.title = title.text.replace(/^Feature:\s*/i, '').trim();
  const h2 = ol.headings.filter((h) => h.depth === 2);
  const firstH2 = h2[0]?.line ?? lines.length + 1;
  for (let i = title ? title.line : 0; i < firstH2 - 1; i++) {
    if (code.has(i + 1)) continue;
    const f = matchField(lines[i] ?? '');
    if (f && f[0].toLowerCase() === 'status') {
      feature.status = scalar(f[1]);
      statusLine = i + 1;
      break;
    }
  }
  h2.forEach((h, idx) => {
    const from = h.line;
    const to = idx + 1 < h2.length ? h2[idx + 1]!.line - 1 : lines.length;
    const key = normalizeTitle(h.text);
    if (key === 'summary') feature.summary = joinTrimmed(lines, from, to);
    else if (key === 'plans' && feature.plans === null) {
      feature.plansSection = { startLine: h.line, endLine: trimEnd(lines, from, to) };
      const t = ol.tables.find((x) => x.line > from && x.line <= to);
      feature.plans = [];
      if (t) {
        const cols = t.header.map(normalizeTitle);
        const planAt = cols.indexOf('plan');
        const statusAt = cols.indexOf('status');
        const authorAt = cols.indexOf('author');
        const approvedAt = cols.indexOf('approved');
        // One row per table row, in an array of their exact length (see `exact`).
        feature.plans = t.rows.map((row) => {
          const plan = cellAt(row.cells, planAt);
          const link = firstLink(plan) ?? { text: plan, href: '' };
          return {
            plan: link,
            status: scalar(cellAt(row.cells, statusAt)),
            author: cellAt(row.cells, authorAt),
            approved: cellAt(row.cells, approvedAt),
          } satisfies FeaturePlanRow;
        });
      }
    } else if (key === 'proposals') {
      feature.proposals = extractLinks(lines.slice(from, to).join('\n'));
    } else if (key === 'acceptance criteria') {
      LIST.read(lines, from, to);
      feature.acceptanceCriteria = LIST.itemTexts();
    }
  });
  return { feature, findings, titleLine: title?.line ?? 1, statusLine };
}

/** The trimmed cell in column `k` of a row, '' when there is none. */
function cellAt(cells: readonly string[], k: number): string {
  return k >= 0 ? (cells[k] ?? '').trim() : '';
}

/** Last non-blank line (1-based) in lines[from..to). */
function trimEnd(lines: readonly string[], from: number, to: number): number {
  let b = to;
  while (b > from && (lines[b - 1] ?? '').trim() === '') b--;
  return b;
}
