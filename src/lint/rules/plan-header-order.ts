import { defineRule } from '../rule.js';

/** Canonical order of the header fields the format defines (seed "Header fields", then Superseded by). */
const HEADER_ORDER = [
  ['status', 'Status'],
  ['features', 'Features'],
  ['sourceType', 'Source type'],
  ['source', 'Source'],
  ['author', 'Author'],
  ['approver', 'Approver'],
  ['created', 'Created'],
  ['approved', 'Approved'],
  ['effort', 'Effort'],
  ['impact', 'Impact'],
  ['supersededBy', 'Superseded by'],
] as const;

/** The known header fields appear in the seed's order. */
export default defineRule({
  id: 'plan/header-order',
  scope: 'document',
  description: 'Header fields appear in the order Status, Features, Source type, Source, Author, Approver, Created, Approved, Effort, Impact, Superseded by.',
  defaultSeverity: 'warning',
  fix: 'Reorder the header lines: Status, Features, Source type, Source, Author, Approver, Created, Approved, Effort, Impact, Superseded by (other fields after Impact).',
  check({ repo, report }) {
    for (const entry of repo.plans.values()) {
      const present = HEADER_ORDER.map(([key, name], rank) => ({ name, rank, at: entry.parsed.positions.get(`header.${key}`) }))
        .filter((f): f is { name: (typeof HEADER_ORDER)[number][1]; rank: number; at: { line: number; column: number } } => f.at !== undefined)
        .sort((a, b) => a.at.line - b.at.line);
      let last: (typeof present)[number] | null = null;
      for (const f of present) {
        if (last && f.rank < last.rank) {
          report(
            entry.file,
            f.at,
            `header field "${f.name}" comes after "${last.name}"; expected "${f.name}" before "${last.name}" (order: ${HEADER_ORDER.map(([, n]) => n).join(', ')})`,
          );
          continue;
        }
        last = f;
      }
    }
  },
});
