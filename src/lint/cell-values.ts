import { normalizeCell } from '../edit/plans-index.js';
import { EFFORTS, IMPACTS, PLAN_STATUSES } from '../model/plan.js';

const VALID: Record<string, readonly string[]> = { status: [...PLAN_STATUSES, 'in_progress'], effort: EFFORTS, impact: IMPACTS };

/**
 * Whether an expected index/back-reference cell holds a value the format allows. When it does not,
 * the plan's own value is wrong and the plan rules report it; the tables are not blamed twice.
 */
export function isValidValue(field: string, value: string): boolean {
  const allowed = VALID[field];
  return !allowed || value === '—' || allowed.includes(value);
}

/**
 * A comma-separated cell (an index row's Features) normalized for comparison: items trimmed,
 * empty ones dropped, joined with ", ", then as `normalizeCell`.
 */
export function normalizeListCell(cell: string): string {
  if (isJoinedList(cell)) return normalizeCell(cell);
  return normalizeCell(
    cell
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean)
      .join(', '),
  );
}

/** Printable ASCII other than a space or a comma. */
function isWord(c: number): boolean {
  return c > 32 && c < 127 && c !== 44;
}

/**
 * Whether the items of a cell are already joined as `normalizeListCell` joins them (each comma
 * right after a word, then one space and a word), so that only the ends of the cell differ,
 * which `normalizeCell` trims anyway. Decided without allocating.
 */
function isJoinedList(cell: string): boolean {
  for (let i = cell.indexOf(','); i >= 0; i = cell.indexOf(',', i + 1)) {
    if (i === 0 || !isWord(cell.charCodeAt(i - 1)) || cell.charCodeAt(i + 1) !== 32 || !isWord(cell.charCodeAt(i + 2))) return false;
  }
  return true;
}
