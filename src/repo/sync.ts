import type { WorkItem } from '../model/execution.js';
import type { SpecRepo } from './types.js';
import type { FileChange } from './write.js';

export interface SyncOptions {
  /** Execution items (ledger + trailers) for the Progress column and Recently Closed. */
  items?: readonly WorkItem[];
}

/**
 * The file changes that bring `spec/plans/README.md` and every feature's `## Plans` table in
 * line with the plans (CONTRACTS.md `specplan index`). Pure: returns changes, writes nothing;
 * a feature file changes only inside its `## Plans` table. Empty when nothing drifted.
 *
 * Owned by the linter/index work (issue 4); this signature is shared with lifecycle, drafting
 * and the MCP server, which call it after every write.
 */
export function computeIndexChanges(_repo: SpecRepo, _opts: SyncOptions = {}): FileChange[] {
  return [];
}
