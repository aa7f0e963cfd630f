import type { Link } from '../model/common.js';
import { CHILD_PLANS_COLUMNS, type Plan } from '../model/plan.js';
import { firstLink } from '../markdown/blocks.js';
import { normalizeTitle, parsePlan } from '../parse/plan.js';
import { parseProposal } from '../parse/proposal.js';
import { scanOutline } from '../markdown/outline-fast.js';
import { ProblemError } from '../model/errors.js';
import { PLACEHOLDER_STEP } from '../model/placeholder-step.js';
import { withCell, withFieldValue } from '../markdown/header-fields.js';
import { joinLines, replaceLines, splitLines } from '../markdown/text-lines.js';
import { tableLines, tableRow } from '../markdown/writer.js';

/**
 * Set a proposal's forward reference to its plan: replace the value of its `| Plan |` row, or
 * insert `| Plan | [slug](href) |` after the last metadata row (bold-field proposals get a
 * `**Plan:**` line after Status). Only that line changes. Throws when there is no metadata.
 */
export function setProposalPlanLink(text: string, file: string, link: Link): string {
  const doc = splitLines(text);
  const { proposal } = parseProposal(text);
  const value = `[${link.text}](${link.href})`;
  const planRow = proposal.fields.find((f) => f.name.toLowerCase() === 'plan');
  if (proposal.tableEndLine !== null) {
    if (planRow) {
      doc.lines[planRow.line - 1] = withCell(doc.lines[planRow.line - 1]!, 1, value);
    } else {
      const sample = proposal.fields[0] ? doc.lines[proposal.fields[0].line - 1]! : '';
      const bold = /^\s*\|\s*\*\*/.test(sample);
      return joinLines(replaceLines(doc, proposal.tableEndLine + 1, proposal.tableEndLine, [tableRow([bold ? '**Plan**' : 'Plan', value])]));
    }
    return joinLines(doc);
  }
  if (planRow) {
    doc.lines[planRow.line - 1] = withFieldValue(doc.lines[planRow.line - 1]!, value);
    return joinLines(doc);
  }
  const status = proposal.fields.find((f) => f.name.toLowerCase() === 'status');
  if (!status) throw new ProblemError(`${file} has no metadata to hold the plan link`, 'add a "| Field | Value |" table with a Status row to the proposal');
  return joinLines(replaceLines(doc, status.line + 1, status.line, [`**Plan:** ${value}`]));
}

/** The Child Plans table of a roadmap document: its lines and columns. */
function childTable(lines: readonly string[], text: string) {
  const parsed = parsePlan(text);
  const section = parsed.sections['child plans'];
  if (!section) return null;
  const table = scanOutline(lines).tables.find((t) => t.line > section.line && t.line <= section.endLine);
  if (!table) return null;
  return { table, cols: table.header.map(normalizeTitle), plan: parsed.plan };
}

/** The child slug a Child Plans row links to (`child/` → `child`). */
function rowSlug(cell: string): string {
  const link = firstLink(cell.replace(/&ensp;|&emsp;|&nbsp;/g, ''));
  const href = (link?.href ?? '')
    .split('#')[0]!
    .replace(/^\.\//, '')
    .replace(/\/?README\.md$/i, '')
    .replace(/\/+$/, '');
  return href || (link?.text ?? cell).trim();
}

// A new Child Plans row.
interface ChildRow {
  slug: string;
  status: string;
  effort?: string | null;
  impact?: string | null;
}

/**
 * Append a row for a new child to the roadmap's Child Plans table, ordered after the existing
 * rows (Order = highest numeric order + 1); with a Depends on column, it depends on nothing.
 * Returns null when the document has no Child Plans table.
 */
export function addChildPlanRow(text: string, row: ChildRow): string | null {
  const doc = splitLines(text);
  const found = childTable(doc.lines, text);
  if (!found) return null;
  const { table, cols } = found;
  const allCells = table.rows.flatMap((r) => r.cells);
  const dash = allCells.some((c) => c.trim() === '-') ? '-' : '—';
  const orders = table.rows.map((r) => Number.parseFloat(r.cells[cols.indexOf('order')] ?? '')).filter((n) => Number.isFinite(n));
  const order = String(orders.length ? Math.floor(Math.max(...orders)) + 1 : table.rows.length + 1);
  const cells = cols.map((c) => {
    if (c === 'order') return order;
    if (c === 'plan') return `[${row.slug}](${row.slug}/)`;
    if (c === 'status') return row.status;
    if (c === 'effort') return row.effort || dash;
    if (c === 'impact') return row.impact || dash;
    return dash;
  });
  return joinLines(replaceLines(doc, table.endLine + 1, table.endLine, [tableRow(cells)]));
}

/**
 * Set the Status cell of the child's row in a roadmap's Child Plans table; only that cell changes.
 * Returns the text unchanged when the roadmap lists no such child or has no Status column.
 */
export function setChildPlanStatus(text: string, slug: string, status: string): string {
  const doc = splitLines(text);
  const found = childTable(doc.lines, text);
  if (!found) return text;
  const k = found.cols.indexOf('status');
  const p = found.cols.indexOf('plan');
  if (k < 0 || p < 0) return text;
  for (const r of found.table.rows) {
    if (rowSlug(r.cells[p] ?? '') !== slug) continue;
    if ((r.cells[k] ?? '').replace(/`/g, '').trim() === status) continue;
    doc.lines[r.line - 1] = withCell(doc.lines[r.line - 1]!, k, status);
  }
  return joinLines(doc);
}

/** True when the roadmap's Child Plans table has a row for `slug`. */
export function hasChildPlanRow(text: string, slug: string): boolean {
  const found = childTable(splitLines(text).lines, text);
  if (!found) return false;
  const p = found.cols.indexOf('plan');
  return found.table.rows.some((r) => rowSlug(r.cells[p] ?? '') === slug);
}

/** True when a plan's Steps are only the untouched scaffold step (so it may become a roadmap). */
export function hasOnlyPlaceholderSteps(plan: Plan): boolean {
  if (plan.steps === null) return true;
  if (plan.steps.length !== 1 || plan.stepsPreamble.trim() !== '') return false;
  const s = plan.steps[0]!;
  return (
    s.subSteps.length === 0 &&
    s.title === PLACEHOLDER_STEP.title &&
    s.body === PLACEHOLDER_STEP.body &&
    s.produces.length === 0 &&
    s.extraFields.length === 0 &&
    JSON.stringify(s.acceptanceCriteria) === JSON.stringify(PLACEHOLDER_STEP.acceptanceCriteria)
  );
}

/**
 * Turn a fresh plan into a roadmap with its first child: its placeholder `## Steps` section is
 * replaced by a `## Child Plans` table (or the table is added before the closing sections when it
 * has no Steps). Other lines are untouched.
 */
export function makeRoadmap(text: string, row: ChildRow): string {
  const doc = splitLines(text);
  const parsed = parsePlan(text);
  const section = [
    '## Child Plans',
    '',
    ...tableLines(CHILD_PLANS_COLUMNS, [['1', `[${row.slug}](${row.slug}/)`, row.status, row.effort || '—', row.impact || '—']], 'seed'),
  ];
  const steps = parsed.sections.steps;
  if (steps) {
    // Heading line is steps.line (1-based); body runs to endLine; keep one blank line before the next section.
    let end = steps.endLine;
    while (end > steps.line && (doc.lines[end - 1] ?? '').trim() === '') end--;
    return joinLines(replaceLines(doc, steps.line, end, section));
  }
  const before = ['dependency graph', 'risks and open decisions', 'outstanding questions']
    .map((k) => parsed.sections[k])
    .filter((s): s is { line: number; endLine: number } => !!s)
    .map((s) => s.line)
    .sort((a, b) => a - b)[0];
  if (before !== undefined) return joinLines(replaceLines(doc, before, before - 1, [...section, '']));
  let last = doc.lines.length;
  while (last > 0 && doc.lines[last - 1]!.trim() === '') last--;
  const out = replaceLines(doc, last + 1, doc.lines.length, ['', ...section]);
  out.endings[out.endings.length - 1] = out.eol;
  return joinLines(out);
}
