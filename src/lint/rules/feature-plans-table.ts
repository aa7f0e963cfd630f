import type { Position } from '../../model/common.js';
import type { FeatureEntry } from '../../model/repository.js';
import { lineRange } from '../../markdown/text-lines.js';
import { scanOutline } from '../../markdown/outline-fast.js';
import { firstLink } from '../../markdown/blocks.js';
import { tableRow } from '../../markdown/writer.js';
import { normalizeTitle } from '../../parse/plan.js';
import type { OutlineTable } from '../../markdown/outline.js';
import { FEATURE_PLANS_COLUMNS, renderFeaturePlans, sameTable, type FeaturePlansRow } from '../../edit/feature-plans.js';
import { normalizeCell } from '../../edit/plans-index.js';
import { linkFolder } from '../../model/links.js';
import { defineRule, type RuleContext } from '../rule.js';
import { isValidValue } from '../cell-values.js';
import { expectedPlaces } from '../expected-rows.js';

const FIELDS = [
  ['status', 'Status'],
  ['author', 'Author'],
  ['approved', 'Approved'],
] as const;

/** The Plans table's columns as `normalizeTitle` reads them, joined with `|`. */
const COLUMNS = FEATURE_PLANS_COLUMNS.map((c) => c.toLowerCase()).join('|');

function rowText(r: FeaturePlansRow): string {
  return tableRow([`[${r.text}](${r.href})`, r.status, r.author, r.approved]);
}

/**
 * Check one feature's Plans table against the rows the plans expect; `report` takes this
 * feature's findings. Returns the table it checked (null when there is none), its lines
 * counted from the section's heading.
 */
function checkFeature(
  { repo, facts }: RuleContext,
  feature: FeatureEntry,
  expected: readonly FeaturePlansRow[],
  report: (at: Position, message: string) => void,
): OutlineTable | null {
  const section = feature.parsed.feature.plansSection;
  const listing = () => expected.map((r) => r.text).join(', ');
  if (!section) {
    if (expected.length)
      report(
        { line: feature.parsed.titleLine, column: 1 },
        `feature is listed by plan(s) ${listing()} but has no "## Plans" section; expected a table "| Plan | Status | Author | Approved |" with a row per plan (regenerate the index)`,
      );
    return null;
  }
  // Scan the section only (it starts at a top-level heading, so it parses the same on its own):
  // the table's lines count from the section's heading, `shift` places them in the document.
  const shift = section.startLine - 1;
  const table = scanOutline(lineRange(feature.text, section.startLine, section.endLine)).tables.find((t) => t.line > 1);
  if (!table) {
    if (expected.length)
      report(
        { line: section.startLine, column: 1 },
        `"## Plans" has no table; expected "| Plan | Status | Author | Approved |" with rows for ${listing()} (regenerate the index)`,
      );
    return null;
  }
  const tableAt = { line: table.line + shift, column: 1 };
  const cols = table.header.map(normalizeTitle);
  if (cols.join('|') !== COLUMNS) {
    report(tableAt, `Plans table columns are "${table.header.join(' | ')}"; expected "${FEATURE_PLANS_COLUMNS.join(' | ')}"`);
  }
  const placeOf = expectedPlaces(expected, (r) => r.plan);
  const seen = new Uint8Array(expected.length);
  for (const [i, row] of table.rows.entries()) {
    const at = { line: row.line + shift, column: 1 };
    const link = firstLink(row.cells[0] ?? '');
    const planPath = link ? facts.planOfLink(feature.file, link.href) : null;
    const place = planPath !== null ? placeOf(planPath, i) : -1;
    const want = expected[place];
    if (!want) {
      if (planPath !== null && repo.plans.has(planPath)) {
        report(
          at,
          `row links plan ${planPath}, which does not list this feature (${feature.path}) in its Features; expected no row, or the feature added to that plan`,
        );
      } else {
        const slug = (planPath ?? link?.text ?? '').split('/').pop() ?? '';
        const guess = expected.find((r) => r.text === slug || r.text === link?.text);
        const target = link ? linkFolder(feature.file, link.href) : null;
        report(
          at,
          `row links "${link?.href ?? row.cells[0] ?? ''}" (${target ?? 'no local target'}), which is not a plan folder; expected ${guess ? `"${guess.href}"` : 'a link to a plan that lists this feature'}`,
        );
      }
      continue;
    }
    if (seen[place]) {
      report(at, `plan ${want.text} is listed twice; expected one row per plan`);
      continue;
    }
    seen[place] = 1;
    FIELDS.forEach(([field, name], k) => {
      if (!cols.includes(field)) return;
      const have = normalizeCell(row.cells[cols.indexOf(field)] ?? '');
      if (field === 'status' && planPath !== null && facts.statusAccepted(planPath, have)) return;
      if (have !== want[field] && isValidValue(field, want[field]))
        report(at, `row for plan ${planPath ?? want.text} has ${name} "${have}"; expected "${want[field]}"${k === 0 ? ' as the plan states' : ''}`);
    });
  }
  for (const [k, r] of expected.entries()) {
    if (!seen[k]) report(tableAt, `plan ${r.text} lists this feature but has no row in the Plans table; expected ${rowText(r)} (regenerate the index)`);
  }
  return table;
}

/**
 * Whether regenerating the index leaves the feature's Plans table as written. Without rendering
 * when the checked table is the one regenerating replaces (its section is the first after the
 * title, and it holds the rows the parser read there) and holds the expected rows.
 */
function regeneratesSame(feature: FeatureEntry, table: OutlineTable | null, expected: readonly FeaturePlansRow[]): boolean {
  const { feature: model, titleLine } = feature.parsed;
  const firstAfterTitle = model.plansSection !== null && titleLine < model.plansSection.startLine;
  if (table && firstAfterTitle && model.plans?.length === table.rows.length && sameTable(table, expected)) return true;
  return renderFeaturePlans(feature.text, expected) === feature.text;
}

/**
 * Each feature's `## Plans` table lists exactly the plans whose Features list it, with their
 * current values. With the execution items (as `specplan lint` has them) anything else
 * regenerating the table would change is reported too: lint then finds the drift that
 * `specplan index --check` finds.
 */
export default defineRule({
  id: 'feature/plans-table',
  description:
    'A feature listed by plans has a ## Plans table with one row per such plan (link resolving to the plan, status, author, approved) and no other rows.',
  defaultSeverity: 'error',
  reportsInPlans: false,
  fix: "Regenerate the tables with the `index` command (MCP: `update_index`): it rewrites the feature's `## Plans` table from the plans that list the feature, touching nothing else in the file.",
  check(ctx) {
    // In a repository of the current format the Plans tables are that format's (Plan | Status | Author | Approved of its plans).
    if (ctx.repo.format?.format === 'specscore') return;
    const expectedAll = ctx.facts.featureRows;
    for (const feature of ctx.repo.features.values()) {
      const expected = expectedAll.get(feature.path) ?? [];
      let reported = false;
      const table = checkFeature(ctx, feature, expected, (at, message) => {
        reported = true;
        ctx.report(feature.file, at, message);
      });
      const section = feature.parsed.feature.plansSection;
      if (reported || !ctx.facts.states.execution || (expected.length === 0 && section === null)) continue;
      if (!regeneratesSame(feature, table, expected)) {
        ctx.report(
          feature.file,
          { line: section?.startLine ?? feature.parsed.titleLine, column: 1 },
          '"## Plans" table differs from the table regenerating the index writes; expected it regenerated',
        );
      }
    }
  },
});
