import type { Position } from '../../model/common.js';
import { splitLines } from '../../markdown/text-lines.js';
import { scanOutline } from '../../markdown/outline-fast.js';
import { normalizeTitle } from '../../parse/plan.js';
import { INDEX_COLUMNS, normalizeCell, recentlyClosedChanges, renderPlansIndex, type ClosedTableRow } from '../../edit/plans-index.js';
import { PLANS_INDEX, planFile } from '../../model/repository.js';
import { isValidValue, normalizeListCell } from '../cell-values.js';
import { expectedPlaces } from '../expected-rows.js';
import { defineRule } from '../rule.js';

type Field = 'status' | 'features' | 'effort' | 'impact' | 'author' | 'approved';
const FIELDS: ReadonlyArray<[Field, string]> = [
  ['status', 'Status'],
  ['features', 'Features'],
  ['effort', 'Effort'],
  ['impact', 'Impact'],
  ['author', 'Author'],
  ['approved', 'Approved'],
];

const TABLE_DIFFERS = 'plans table differs from the table regenerating the index writes; expected it regenerated';

function closedList(rows: readonly ClosedTableRow[]): string {
  return rows.length ? rows.map((r) => `${r.text} (${r.status} ${r.completed})`).join(', ') : '"(none)"';
}

/**
 * `spec/plans/README.md` lists every plan once, with the status, features, effort, impact, author
 * and approval date its document states, children indented below their roadmap. With the
 * execution items (as `specplan lint` has them) also the Progress column and Recently Closed, and
 * anything else regenerating the index would change: lint then reports the drift `specplan
 * index --check` finds.
 */
export default defineRule({
  id: 'index/rows',
  description:
    'The plans index lists every plan once with the values its document states (status, features, effort, impact, author, approved; with execution items also progress and Recently Closed) and children indented under their roadmap.',
  defaultSeverity: 'error',
  reportsInPlans: false,
  fix: 'Regenerate the index with the `index` command (MCP: `update_index`): it rewrites the rows from the plan documents, keeping the order of existing rows and every other byte.',
  check({ repo, facts, report: reportAt }) {
    const index = repo.index;
    if (!index) {
      if (repo.plans.size)
        reportAt(PLANS_INDEX, null, `plans index ${PLANS_INDEX} is missing; expected a table listing all ${repo.plans.size} plans (regenerate the index)`);
      return;
    }
    let reported = false;
    const report = (at: Position | null, message: string) => {
      reported = true;
      reportAt(PLANS_INDEX, at, message);
    };
    const doc = splitLines(index.text);
    const outline = scanOutline(doc.lines);
    const table = outline.tables.find((t) => normalizeTitle(t.header[0] ?? '') === 'plan' && t.header.some((c) => normalizeTitle(c) === 'features'));
    if (!table) {
      report(null, `plans index has no plans table; expected "| ${INDEX_COLUMNS.join(' | ')} |" listing every plan (regenerate the index)`);
      return;
    }
    const execution = facts.states.execution;
    const tableAt = { line: table.line, column: 1 };
    const columns = table.header.map(normalizeTitle);
    const full = INDEX_COLUMNS.map((c) => c.toLowerCase());
    const seedLayout = full.filter((c) => c !== 'progress'); // the seed's example has no Progress column
    if (columns.join('|') !== full.join('|') && (execution || columns.join('|') !== seedLayout.join('|'))) {
      report(
        tableAt,
        `plans table columns are "${table.header.join(' | ')}"; expected "${INDEX_COLUMNS.join(' | ')}"${execution ? '' : ' (Progress may be left out)'}`,
      );
    }
    const expectedIndex = facts.expectedIndex;
    const expected = expectedIndex.rows;
    const placeOf = expectedPlaces(expected, (r) => r.path);
    const seen = new Uint8Array(expected.length);
    let currentTop: string | null = null;
    for (const [i, row] of index.parsed.rows.entries()) {
      const at = { line: row.line, column: 1 };
      const path = facts.planOfLink(PLANS_INDEX, row.plan.href);
      const place = path === null ? -1 : placeOf(path, i);
      const want = expected[place];
      if (path === null || !want) {
        report(
          at,
          `index row links "${row.plan.href || row.plan.text}", which is not a plan folder; expected a link such as [slug](slug/) to a plan below spec/plans/`,
        );
        continue;
      }
      if (row.depth === 0) currentTop = path;
      if (seen[place]) {
        report(at, `plan ${path} is listed twice; expected one row per plan`);
        continue;
      }
      seen[place] = 1;
      const entry = repo.plans.get(path)!;
      if (want.depth === 1 && row.depth === 0)
        report(at, `child plan ${path} is not indented; expected "&ensp;" before its link, below roadmap ${entry.parent}`);
      else if (want.depth === 0 && row.depth === 1) report(at, `plan ${path} is indented as a child but has no roadmap; expected no "&ensp;" indent`);
      else if (want.depth === 1 && currentTop !== entry.parent)
        report(at, `child plan ${path} is not listed below its roadmap ${entry.parent}; expected its row right after the roadmap's row`);
      for (const [field, name] of FIELDS) {
        if (!columns.includes(field)) continue;
        const have = field === 'features' ? normalizeListCell(row.features) : normalizeCell(row[field]);
        const need = field === 'features' ? normalizeListCell(want.features) : want[field];
        if (have === need) continue;
        if (field === 'status' && facts.statusAccepted(path, have)) continue;
        if (!isValidValue(field, need)) continue; // the plan's own value is wrong: reported on the plan
        report(at, `index row for ${path} has ${name} "${have}"; expected "${need}" as ${planFile(path)} states`);
      }
      if (execution && row.progress !== null && normalizeCell(row.progress) !== want.progress) {
        report(at, `index row for ${path} has Progress "${normalizeCell(row.progress)}"; expected "${want.progress}" from the work items`);
      }
    }
    for (const [k, r] of expected.entries()) {
      if (!seen[k])
        report(
          tableAt,
          `plan ${r.path} is missing from the plans table; expected a row "| ${r.depth ? '&ensp;' : ''}[${r.text}](${r.path}/) | ${r.status} | … |" (regenerate the index)`,
        );
    }
    // Recently Closed, and whatever else regenerating would change: compared through the writer itself.
    if (!execution) return;
    if (!recentlyClosedChanges(doc, expectedIndex.closed, outline)) {
      // Only the plans table can differ: a difference the rows above did not show is reported as such.
      if (!reported && renderPlansIndex(index.text, expectedIndex) !== index.text) report(tableAt, TABLE_DIFFERS);
      return;
    }
    const regenerated = renderPlansIndex(index.text, expectedIndex);
    if (regenerated === index.text) return;
    if (regenerated !== renderPlansIndex(index.text, { rows: expectedIndex.rows, closed: null })) {
      const heading = outline.headings.find((h) => h.depth === 2 && normalizeTitle(h.text) === 'recently closed');
      report(
        heading ? { line: heading.line, column: 1 } : null,
        `Recently Closed does not list the plans closed most recently; expected ${closedList(expectedIndex.closed ?? [])} (regenerate the index)`,
      );
    } else if (!reported) {
      report(tableAt, TABLE_DIFFERS);
    }
  },
});
