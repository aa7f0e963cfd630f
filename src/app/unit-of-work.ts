import type { WorkItem } from '../model/execution.js';
import { loadExecution } from '../repo/execution.js';
import { loadRepo } from '../repo/load.js';
import { computeIndexChanges } from '../edit/index-sync.js';
import type { SpecRepo } from '../model/repository.js';
import { withRepoLock } from '../repo/write.js';
import type { FileChange } from '../model/file-change.js';
import { guardFrozen } from '../lifecycle/guard.js';
import { commitChanges, recoverJournal } from '../repo/journal.js';
import { mergeChanges, withChanges } from '../parse/with-changes.js';

/** What an operation sees: the repository as loaded under the lock, execution items, the clock. */
export interface OperationContext {
  root: string;
  repo: SpecRepo;
  items: WorkItem[];
  /** Today's date YYYY-MM-DD (injected). */
  today: string;
}

/** The changes an operation wants, computed before anything is written. */
export interface PlannedOperation<T> {
  changes: FileChange[];
  result: T;
  /** Also regenerate the index and feature Plans tables (default true). */
  sync?: boolean;
  /** Validate the repository as it will be; throw to refuse (nothing is written then). */
  check?: (next: SpecRepo) => void;
}

export interface OperationOptions {
  today: string;
  /** Compute and return the changes without writing (no lock taken). */
  dryRun?: boolean;
}

export interface OperationOutcome<T> {
  result: T;
  /** Every file change, index and back-references included, sorted by file. */
  changes: FileChange[];
  /** Files actually written (empty on a dry run). */
  written: string[];
  /** Files an interrupted earlier operation left behind and this one finished first. */
  recovered: string[];
  /** Files of that interrupted operation left alone because they were changed since. */
  recoverySkipped: string[];
}

/** Index and feature back-reference changes for a repository, with roadmap statuses derived. */
export function indexChangesFor(repo: SpecRepo, items: readonly WorkItem[]): FileChange[] {
  return computeIndexChanges(repo, { items });
}

/**
 * Run a writing operation: under the repository lock, finish any interrupted operation (a journal
 * that git tracks, names a path outside spec/ and .specscore/ or fails the freeze guard stops the
 * command instead, exit 2), load the repository fresh, let `plan` compute its changes, add the
 * index and back-reference changes, refuse any change to an approved plan beyond its lifecycle
 * fields, then write everything as one journaled operation. A refusal (thrown by `plan`, `check`,
 * the freeze guard or the write primitive's path checks) writes nothing.
 */
export async function runOperation<T>(
  root: string,
  plan: (ctx: OperationContext) => PlannedOperation<T> | Promise<PlannedOperation<T>>,
  opts: OperationOptions,
): Promise<OperationOutcome<T>> {
  const body = async (): Promise<OperationOutcome<T>> => {
    const recovery = opts.dryRun ? { written: [], skipped: [] } : await recoverJournal(root);
    const recovered = recovery.written;
    const recoverySkipped = recovery.skipped;
    const repo = loadRepo(root);
    const execution = await loadExecution(root);
    const ctx: OperationContext = { root: repo.root, repo, items: execution.items, today: opts.today };
    const planned = await plan(ctx);
    let changes = mergeChanges(planned.changes);
    let next = withChanges(repo, changes);
    if (planned.sync !== false) {
      changes = mergeChanges(changes, indexChangesFor(next, execution.items));
      next = withChanges(repo, changes);
    }
    guardFrozen(repo, changes);
    planned.check?.(next);
    if (opts.dryRun) return { result: planned.result, changes, written: [], recovered, recoverySkipped };
    const written = await commitChanges(repo.root, changes);
    return { result: planned.result, changes, written, recovered, recoverySkipped };
  };
  return opts.dryRun ? body() : withRepoLock(root, body);
}
