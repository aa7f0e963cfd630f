import { checkSpecPath } from '../model/paths.js';
import { planSnapshot, type SnapshotRequest, type SnapshotResult } from '../lifecycle/snapshot-op.js';
import { headCommit } from '../repo/git-baseline.js';
import { runOperation, type OperationOptions, type OperationOutcome } from './unit-of-work.js';

/** `specplan snapshot`: a row of a current-format plan's `## Snapshots` table at the HEAD commit. */
export function recordSnapshot(root: string, req: SnapshotRequest, opts: OperationOptions): Promise<OperationOutcome<SnapshotResult>> {
  return runOperation(
    root,
    async (ctx) => {
      const entry = ctx.repo.plans.get(checkSpecPath('plan', req.plan));
      return planSnapshot(ctx, req, entry?.parsed.specscore ? await headCommit(ctx.root, entry.file) : null);
    },
    opts,
  );
}
