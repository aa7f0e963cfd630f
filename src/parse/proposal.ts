import type { Proposal } from '../model/proposal.js';
import { firstLink, scalar } from '../markdown/blocks.js';
import type { Finding, ParsedProposal } from '../model/parsed.js';
import type { Outline } from '../markdown/outline.js';
import { documentLines } from '../markdown/text-lines.js';
import { scanOutline } from '../markdown/outline-fast.js';
import { normalizeTitle } from './plan.js';

/** Parse a proposal README: title and the `| Field | Value |` metadata table. Never throws. */
export function parseProposal(text: string, outline?: Outline): ParsedProposal {
  const lines = documentLines(text);
  const ol = outline ?? scanOutline(lines);
  const findings: Finding[] = [];
  const title = ol.headings.find((h) => h.depth === 1);
  const proposal: Proposal = { title: '', status: null, plan: null, fields: [], tableEndLine: null };
  if (!title) findings.push({ line: 1, column: 1, severity: 'error', rule: 'proposal/title', message: 'no "# Proposal: <title>" heading found' });
  else proposal.title = title.text.replace(/^Proposal:\s*/i, '').trim();
  const table = ol.tables.find((t) => t.header.length >= 2 && normalizeTitle(t.header[0]!) === 'field');
  if (table) {
    proposal.tableEndLine = table.endLine;
    for (const row of table.rows) {
      const name = (row.cells[0] ?? '').replace(/\*/g, '').trim();
      const value = (row.cells[1] ?? '').trim();
      proposal.fields.push({ name, value, line: row.line });
      const key = name.toLowerCase();
      if (key === 'status') proposal.status = scalar(value).toLowerCase();
      if (key === 'plan') proposal.plan = firstLink(value);
    }
  } else {
    // Bold-field style header (`**Status:** approved`) is accepted too.
    for (const [i, line] of lines.entries()) {
      const m = /^\*\*(Status|Plan):\*\*\s*(.*)$/i.exec(line);
      if (!m) continue;
      proposal.fields.push({ name: m[1]!, value: m[2]!.trim(), line: i + 1 });
      if (m[1]!.toLowerCase() === 'status') proposal.status = scalar(m[2]!).toLowerCase();
      else proposal.plan = firstLink(m[2]!);
    }
  }
  if (proposal.status === null)
    findings.push({
      line: title?.line ?? 1,
      column: 1,
      severity: 'error',
      rule: 'proposal/status',
      message: 'proposal has no Status; expected a "| Status | `draft` |" metadata row',
    });
  return { proposal, findings };
}
