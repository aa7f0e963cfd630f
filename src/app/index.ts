import type { Diagnostic } from '../model/common.js';
import { assertIndexInputsRead, assertIndexRowsAccounted } from '../analysis/index-inputs.js';
import { missingIndexFeatures } from '../analysis/index-features.js';
import { specscoreIndexChanges } from '../edit/specscore-index.js';
import { specscoreFeaturePlansChanges } from '../edit/specscore-feature-plans.js';
import { runOperation, type OperationOptions, type OperationOutcome } from './unit-of-work.js';

// How to run `specplan index` and the `update_index` tool.
interface IndexOptions extends Pick<OperationOptions, 'notify'> {
  /** Only compute what differs; write nothing. */
  check?: boolean;
}

/**
 * Regenerate the plans index and every feature's Plans table from the plans (in a repository of
 * the current SpecScore format: add the Contents rows of the plans the index misses, rewrite
 * stale Status cells, and bring the Plans tables that features already keep up to date; no
 * Plans section is created), as one journaled write (a kill part-way is finished by the next command), or with `check` only say which files
 * differ. Refuses (exit 2, nothing written) while any document they are built from cannot be
 * read. The result is the ledger's problems (progress ignores what they name) and, with `check`,
 * the index rows naming features that do not exist (rule `index/features`).
 */
export function updateIndex(root: string, opts: IndexOptions = {}): Promise<OperationOutcome<Diagnostic[]>> {
  return runOperation(
    root,
    (ctx) => {
      // A plan that cannot be read would lose its row: refuse, naming it, before anything is written.
      assertIndexInputsRead(ctx.repo);
      assertIndexRowsAccounted(ctx.repo);
      // The current format: the index's missing Contents rows and stale Status cells, and the Plans tables features already keep.
      if (ctx.repo.format?.format === 'specscore')
        return {
          changes: [...specscoreIndexChanges(ctx.repo), ...specscoreFeaturePlansChanges(ctx.repo)],
          result: ctx.ledgerFindings,
          sync: false,
          format: 'specscore',
        };
      // A check also names rows that point at features which do not exist (regenerating keeps them while a plan names them).
      const missing: Diagnostic[] = opts.check
        ? missingIndexFeatures(ctx.repo).map((m) => ({
            file: m.file,
            line: m.line,
            column: 1,
            severity: 'error',
            rule: 'index/features',
            message: `index row for ${m.plan} names feature "${m.feature}", which does not exist under spec/features/`,
          }))
        : [];
      return { changes: [], result: [...ctx.ledgerFindings, ...missing] };
    },
    { dryRun: opts.check === true, ...(opts.notify ? { notify: opts.notify } : {}) },
  );
}
