import type { RepoFormat } from '../model/plan-format.js';
import type { Diagnostic } from '../model/common.js';
import { act, UsageError } from '../model/errors.js';
import { checkSpecPath } from '../model/paths.js';
import { statusViews } from '../analysis/status.js';
import type { PlanStatusView } from '../model/plan-state.js';
import { openState, type WorkspaceOptions } from './workspace.js';

// What `specplan status` shows: the plans' derived state, and the ledger's problems.
interface StatusReport {
  views: PlanStatusView[];
  /** Problems of the ledger: progress ignores what they name. */
  ledgerFindings: Diagnostic[];
  /** The repository's plan format and where that was decided. */
  format: RepoFormat;
}

/**
 * `specplan status [PLAN]`: derived status, progress `N/M steps`, blockers and completion of every
 * plan, or of one plan and its children (a roadmap rolls them up).
 */
export async function planStatus(opts: WorkspaceOptions & { plan?: string | undefined }): Promise<StatusReport> {
  const state = await openState(opts);
  const only = opts.plan === undefined ? undefined : checkSpecPath('plan', opts.plan);
  if (only && !state.repo.plans.has(only)) throw new UsageError(`plan ${only} does not exist`, ['list the plans with ', act({ do: 'status' })]);
  return {
    views: statusViews(state.repo, state.items, only),
    ledgerFindings: state.ledgerFindings,
    format: state.repo.format ?? { format: 'seed', source: 'default' },
  };
}
