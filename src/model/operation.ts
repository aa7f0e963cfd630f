import type { Diagnostic } from './common.js';
import type { WorkItem } from './execution.js';
import type { FileChange } from './file-change.js';
import type { RecordedApprovals } from './approvals.js';
import type { SpecRepo } from './repository.js';

/** What a planned operation sees: the repository as loaded under the lock, execution items, the clock. */
export interface OperationContext {
  /** Absolute root folder (the one holding spec/). */
  root: string;
  repo: SpecRepo;
  items: WorkItem[];
  /** Problems of the work-items ledger (it is read anyway, item by item). */
  ledgerFindings: Diagnostic[];
  /** Today's date YYYY-MM-DD (injected). */
  today: string;
  /** The recorded approvals, read on first use and then kept for the operation. */
  approvals: () => RecordedApprovals;
}

/** The changes an operation wants, computed before anything is written. */
export interface PlannedOperation<T> {
  changes: FileChange[];
  result: T;
  /** Also regenerate the index and feature Plans tables (default true). */
  sync?: boolean;
  /** Set by a writer of the current SpecScore format: its changes are written in that format. */
  format?: 'specscore';
  /** Validate the repository as it will be; throw to refuse (nothing is written then). */
  check?: (next: SpecRepo) => void;
  /** Plans this operation closes (supersedes), with the date the index records for them. */
  closedOn?: ReadonlyMap<string, string>;
}
