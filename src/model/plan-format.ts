/*
 * The two versions of the SpecScore plan format this tool reads: `seed` (plans as folders with a
 * Steps section, four lower-case statuses, a freeze on approval) and `specscore` (the current
 * format: single-file or folder plans with Tasks, eleven capitalised statuses, snapshots, front
 * matter and an adherence footer). Both read into the one plan model; these are the facts of the
 * later one that the model does not carry.
 */

/** A plan format version. */
export type PlanFormat = 'seed' | 'specscore';

/** The `format:` URL (front matter and adherence footer) of a plan in the current format. */
export const PLAN_FORMAT_URL = 'https://specscore.md/plan-specification';
/** The `format:` URL of a plans index in the current format. */
export const PLANS_INDEX_FORMAT_URL = 'https://specscore.md/plans-index-specification';

/** The eleven plan statuses of the current format, as written, keyed by their model value. */
export const SPECSCORE_PLAN_STATUSES: ReadonlyMap<string, string> = new Map([
  ['draft', 'Draft'],
  ['in_review', 'In Review'],
  ['approved', 'Approved'],
  ['executing', 'Executing'],
  ['blocked', 'Blocked'],
  ['implemented', 'Implemented'],
  ['failed', 'Failed'],
  ['rejected', 'Rejected'],
  ['withdrawn', 'Withdrawn'],
  ['superseded', 'Superseded'],
  ['deprecated', 'Deprecated'],
]);

/** Statuses after which a plan is never worked on again (nothing to recommend). */
export const CLOSED_STATUSES: ReadonlySet<string> = new Set(['implemented', 'rejected', 'withdrawn', 'superseded', 'deprecated', 'failed']);

/** The task statuses of the current format. */
export const TASK_STATUSES = ['planning', 'queued', 'in_progress', 'blocked', 'complete', 'failed', 'aborted'] as const;

/**
 * A written plan status as the model value: `In Review` → `in_review`, `Approved` → `approved`;
 * the text lower-cased with spaces as underscores when it is not one of the eleven.
 */
export function statusValue(written: string): string {
  return written
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
}

/** Where the repository's format was decided. */
type FormatSource = 'config' | 'index' | 'plans' | 'default';

/** The plan format of a repository and why. */
export interface RepoFormat {
  format: PlanFormat;
  source: FormatSource;
}

/** One row of a plan's `## Snapshots` table. */
export interface Snapshot {
  date: string;
  hash: string;
  action: string;
  comment: string;
  line: number;
}

/** One task of a current-format plan: the fields the plan model keeps as extra step fields, read. */
export interface TaskFacts {
  /** The task's number or label as written: `1`, `A1`. */
  number: string;
  line: number;
  /** `**Status:**` as written (lower case), null when absent. */
  status: string | null;
  statusLine: number | null;
  /** `**Verifies:**` references `feature#ac:slug`, as written. */
  verifies: string[];
  verifiesLine: number | null;
  /** `**Depends-On:**` task labels; null when absent. */
  dependsOn: string[] | null;
  dependsOnLine: number | null;
  /** `**Sub-Plan:**` reference as written, null when absent. */
  subPlan: string | null;
}

/** What a current-format plan document says beyond the plan model. */
export interface SpecscorePlanFacts {
  /** Front matter `key: value` pairs (first level), with the line of each; null when there is none. */
  frontMatter: { fields: Record<string, { value: string; line: number }>; endLine: number } | null;
  /** The adherence footer: its URL and line, and whether anything but blank lines follows it. */
  footer: { url: string; line: number; last: boolean } | null;
  /** The status as written in the header, and its line. */
  writtenStatus: string | null;
  statusLine: number | null;
  /** `**Source Feature:**` slug, `**Source:**` value (`idea:x`, `none`, links). */
  sourceFeature: string | null;
  sourceRef: string | null;
  parent: string | null;
  parentLine: number | null;
  supersedes: string | null;
  tasks: TaskFacts[];
  snapshots: Snapshot[] | null;
  /** Level-2 section titles (normalized) with their lines. */
  sections: Record<string, number>;
  titleLine: number | null;
}
