import type { WorkItem } from '../model/execution.js';
import type { RecordedApprovals } from '../model/approvals.js';
import type { OperationContext, PlannedOperation } from '../model/operation.js';
import { loadExecution } from '../repo/execution.js';
import { loadRepoLazily } from '../repo/load.js';
import { computeIndexChanges } from '../edit/index-sync.js';
import type { SpecRepo } from '../model/repository.js';
import { withRepoLock } from '../repo/write.js';
import type { FileChange } from '../model/file-change.js';
import { guardFrozen } from '../lifecycle/guard.js';
import { noRecordedApprovals } from '../lifecycle/approval-record.js';
import { readApprovalsText } from '../repo/approvals-file.js';
import { commitChanges, recoverJournal } from '../repo/journal.js';
import { mergeChanges, withChanges } from '../parse/with-changes.js';
import { planPathOfFile } from '../model/plan-files.js';
import { guardFormat } from './format-guard.js';
import { assertIndexRowsAccounted } from '../analysis/index-inputs.js';
import { WHATS_NEXT } from '../model/repository.js';
import { today as clockToday } from './clock.js';

export type { OperationContext, PlannedOperation } from '../model/operation.js';

/** How a unit of work runs. */
export interface OperationOptions {
  /** Today's date YYYY-MM-DD; the clock's when absent. */
  today?: string;
  /** Compute and return the changes without writing (no lock taken, no recovery). */
  dryRun?: boolean;
  /** Where the one-line notice of a stale lock taken over goes (default: stderr). */
  notify?: (message: string) => void;
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

/** What a writer that reads the repository itself wants written. */
export interface PlannedWrite<T> {
  changes: FileChange[];
  result: T;
  /** The one change is a file the user named (`export --out`): anywhere in the root but .git/. */
  named?: boolean;
}

/** Index and feature back-reference changes for a repository, with roadmap statuses derived. */
export function indexChangesFor(repo: SpecRepo, items: readonly WorkItem[], closedOn?: ReadonlyMap<string, string>): FileChange[] {
  return computeIndexChanges(repo, { items, ...(closedOn ? { closedOn } : {}) });
}

/**
 * The recorded approvals of the root, parsed on first use. The file is read now, so that its
 * schema is loaded only when it is there; a file that cannot be read is refused on first use,
 * as before, not here.
 */
async function approvalsOf(root: string): Promise<() => RecordedApprovals> {
  let text: string | null;
  try {
    text = readApprovalsText(root);
  } catch (e) {
    return () => {
      throw e;
    };
  }
  if (text === null) return noRecordedApprovals;
  const { recordedApprovals } = await import('../lifecycle/approvals.js');
  let recorded: RecordedApprovals | null = null;
  return () => (recorded ??= recordedApprovals(text));
}

// The freeze guard on the repository as it is on disk, loaded only when a change touches a plan.
function guardOnDisk(root: string, approvalsNow: () => Promise<() => RecordedApprovals>): (changes: readonly FileChange[]) => Promise<void> {
  return async (changes) => {
    if (!changes.some((c) => planPathOfFile(c.file) !== null)) return;
    const repo = await loadRepoLazily(root);
    const approvals = await approvalsNow();
    guardFrozen(repo, changes, (plan) => approvals().approvals.plans.get(plan));
  };
}

/**
 * The unit of work: under the repository lock, finish any interrupted operation (a journal that
 * git tracks, names a path outside spec/ and .specscore/ or fails the freeze guard stops the
 * command instead, exit 2), let `compute` say what to write (it applies the freeze guard), then
 * write it as one journaled operation. A refusal writes nothing.
 */
async function unitOfWork<T>(
  root: string,
  opts: OperationOptions,
  compute: (approvals: () => RecordedApprovals) => Promise<PlannedWrite<T>>,
): Promise<OperationOutcome<T>> {
  const body = async (): Promise<OperationOutcome<T>> => {
    const recovery = opts.dryRun
      ? { written: [], skipped: [] }
      : await recoverJournal(
          root,
          guardOnDisk(root, () => approvalsOf(root)),
        );
    // Read after the recovery, which may have written them.
    const planned = await compute(await approvalsOf(root));
    const changes = mergeChanges(planned.changes);
    const outcome = { result: planned.result, changes, written: [] as string[], recovered: recovery.written, recoverySkipped: recovery.skipped };
    if (opts.dryRun) return outcome;
    return { ...outcome, written: await commitChanges(root, changes, planned.named ? 'named' : 'state') };
  };
  return opts.dryRun ? body() : withRepoLock(root, body, opts.notify ? { notify: opts.notify } : {});
}

/**
 * Run a writing operation through the unit of work: load the repository fresh (under the lock),
 * let `plan` compute its changes, add the index and back-reference changes (unless it asks not
 * to), refuse any change to an approved plan beyond its lifecycle fields, run its check on the
 * repository as it will be, then write everything as one journaled operation. A refusal (thrown
 * by `plan`, `check`, the freeze guard or the write primitive's path checks) writes nothing.
 */
export function runOperation<T>(
  root: string,
  plan: (ctx: OperationContext) => PlannedOperation<T> | Promise<PlannedOperation<T>>,
  opts: OperationOptions = {},
): Promise<OperationOutcome<T>> {
  return unitOfWork(root, opts, async (approvals) => {
    // git reads the trailers while the documents are read (a failed read of the documents still comes first).
    const reading = loadExecution(root);
    reading.catch(() => undefined);
    // A dry run writes nothing, not even the document cache.
    const repo = await loadRepoLazily(root, { cache: opts.dryRun ? 'read' : 'write' });
    const execution = await reading;
    const ctx: OperationContext = {
      root: repo.root,
      repo,
      items: execution.items,
      ledgerFindings: execution.findings,
      // Read only by the operations that date what they write.
      get today() {
        return opts.today ?? clockToday();
      },
      approvals,
    };
    const planned = await plan(ctx);
    let changes = mergeChanges(planned.changes);
    if (planned.format !== 'specscore') guardFormat(repo, changes);
    let next = withChanges(repo, changes);
    // The index and back-references of the current format are not written by this tool: no automatic sync there.
    if (planned.sync !== false && repo.format?.format !== 'specscore') {
      assertIndexRowsAccounted(repo);
      changes = mergeChanges(changes, indexChangesFor(next, execution.items, planned.closedOn));
      next = withChanges(repo, changes);
    }
    guardFrozen(repo, changes, (p) => approvals().approvals.plans.get(p));
    planned.check?.(next);
    return { changes, result: planned.result };
  });
}

/**
 * Run a write whose caller reads what it needs itself (What's Next, an export to a named file)
 * through the same unit of work: lock, recovery of an interrupted operation, the freeze guard,
 * one journaled write. No index is regenerated.
 */
export function runWrite<T>(
  root: string,
  produce: () => PlannedWrite<T> | Promise<PlannedWrite<T>>,
  opts: OperationOptions = {},
): Promise<OperationOutcome<T>> {
  return unitOfWork(root, opts, async (approvals) => {
    const planned = await produce();
    if (!planned.named && planned.changes.some((c) => c.file.startsWith('spec/') && c.file !== WHATS_NEXT))
      guardFormat(await loadRepoLazily(root), planned.changes);
    await guardOnDisk(root, async () => approvals)(planned.changes);
    return planned;
  });
}
