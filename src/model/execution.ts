import { z } from 'zod';
import { ISO_DATE, isIsoDate } from './common.js';

const WORK_ITEM_STATUSES = ['todo', 'in_progress', 'blocked', 'done', 'cancelled'] as const;
const WorkItemStatusSchema = z.enum(WORK_ITEM_STATUSES);
export type WorkItemStatus = z.infer<typeof WorkItemStatusSchema>;

/**
 * A work item id: letters, digits and `. _ : # / -`, starting with a letter or digit, at most
 * 128 characters (`ACME-101`, `feature-x#3.1`, `git:0123456789ab`).
 */
const WORK_ITEM_ID = /^[A-Za-z0-9][A-Za-z0-9._:#/-]{0,127}$/;
/** A plan path as the ledger names it: one or two lower-case slugs (`user-auth`, `billing-roadmap/invoice-pdf`). */
const PLAN_REF = /^[a-z0-9][a-z0-9-]{0,99}(?:\/[a-z0-9][a-z0-9-]{0,99})?$/;
/** A step number: `2`, `2.1`. */
const STEP_REF = /^[0-9]{1,6}(?:\.[0-9]{1,6}){0,3}$/;

const ISO_DATE_TIME = /^(\d{4}-\d{2}-\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?)$/;

/** The `YYYY-MM-DD` date of an ISO date or date-time, or null when it is neither or not a real date. */
function isoDateOf(value: string | Date): string | null {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString().slice(0, 10);
  const date = ISO_DATE.test(value) ? value : ISO_DATE_TIME.exec(value)?.[1];
  return date !== undefined && isIsoDate(date) ? date : null;
}

/** A date `YYYY-MM-DD` that exists in the calendar. */
export const IsoDateSchema = z.string().refine(isIsoDate, 'expected a date YYYY-MM-DD');

/** A work item from the ledger `.specscore/work-items.yaml` or a `Plan-Step:` git trailer. */
const WorkItemSchema = z.object({
  id: z.string().regex(WORK_ITEM_ID).describe('Work item id in the execution system, e.g. ACME-101: letters, digits and . _ : # / -, at most 128 characters'),
  plan: z.string().describe('Plan path below spec/plans/'),
  step: z.string().regex(STEP_REF).nullable().describe('Step number ("2", "2.1"); null covers the whole plan'),
  status: WorkItemStatusSchema,
  updated: IsoDateSchema.nullable().describe('Date of the last change YYYY-MM-DD'),
  source: z.enum(['ledger', 'trailer']).describe('Where the item came from'),
});
export type WorkItem = z.infer<typeof WorkItemSchema>;

const text = z.union([z.string(), z.number()]).transform(String);

/** One ledger item as written by users (CONTRACTS.md), checked field by field. */
const LedgerItemSchema = z
  .object({
    id: text.pipe(z.string().regex(WORK_ITEM_ID)),
    plan: z
      .string()
      .transform((p) => p.replace(/\/+$/, ''))
      .pipe(z.string().regex(PLAN_REF)),
    step: text.pipe(z.string().regex(STEP_REF)).optional().nullable(),
    status: WorkItemStatusSchema,
    updated: z
      .union([z.string(), z.date()])
      .transform((v, ctx) => isoDateOf(v) ?? (ctx.addIssue({ code: 'custom', message: 'not a date' }), z.NEVER))
      .optional()
      .nullable(),
  })
  .loose();
export type LedgerItem = z.infer<typeof LedgerItemSchema>;

/** The ledger file as written by users (CONTRACTS.md); every item must be valid. */
export const LedgerFileSchema = z.object({ items: z.array(LedgerItemSchema).default([]) }).loose();

/** What each field must look like, for the finding that rejects an item. */
const EXPECTED: Record<string, string> = {
  id: 'a work item id: letters, digits and . _ : # / - (1 to 128 characters, starting with a letter or digit)',
  plan: 'a plan path below spec/plans/ of lower-case letters, digits and hyphens, e.g. user-auth or billing-roadmap/invoice-pdf',
  step: 'a step number such as "2" or "2.1", or no step for the whole plan',
  status: `one of ${WORK_ITEM_STATUSES.join(', ')}`,
  updated: 'a date YYYY-MM-DD that exists in the calendar',
};

/** A value quoted for a message: one line, control characters escaped, at most 60 characters. */
function quoteValue(value: unknown): string {
  const s =
    value === undefined ? '' : typeof value === 'string' ? value : value instanceof Date ? value.toISOString() : (JSON.stringify(value) ?? String(value));
  const cut = s.length > 60 ? `${s.slice(0, 60)}…` : s;
  return JSON.stringify(cut).replace(/[\u007f-\u009f\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** An item the ledger holds but that cannot be used: its 0-based position and why. */
export interface LedgerItemProblem {
  index: number;
  field: string;
  message: string;
}

/**
 * Check the parsed ledger (`items:` list) item by item: valid items are returned, each invalid
 * one is left out and becomes a problem saying which field is wrong and what was expected. `error` is set when
 * the file as a whole has the wrong shape (then no item is used). Pure.
 */
export function checkLedgerItems(data: unknown): { items: LedgerItem[]; problems: LedgerItemProblem[]; error: string | null } {
  const shape = 'expected items: [{id, plan, step?, status: todo|in_progress|blocked|done|cancelled, updated?}]';
  if (data === null || data === undefined) return { items: [], problems: [], error: null };
  if (typeof data !== 'object' || Array.isArray(data)) return { items: [], problems: [], error: `the ledger is not a mapping; ${shape}` };
  const list = (data as { items?: unknown }).items;
  if (list === undefined || list === null) return { items: [], problems: [], error: null };
  if (!Array.isArray(list)) return { items: [], problems: [], error: `"items" is not a list; ${shape}` };
  const items: LedgerItem[] = [];
  const problems: LedgerItemProblem[] = [];
  list.forEach((raw, index) => {
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
      problems.push({ index, field: '', message: `item ${index + 1} is not a mapping; expected {id, plan, step?, status, updated?}` });
      return;
    }
    const parsed = LedgerItemSchema.safeParse(raw);
    if (parsed.success) {
      items.push(parsed.data);
      return;
    }
    const field = String(parsed.error.issues[0]?.path[0] ?? '');
    const value = (raw as Record<string, unknown>)[field];
    const what = value === undefined ? `has no ${field}` : `has ${field} ${quoteValue(value)}`;
    problems.push({ index, field, message: `item ${index + 1} ${what}; expected ${EXPECTED[field] ?? 'a valid value'}` });
  });
  return { items, problems, error: null };
}
