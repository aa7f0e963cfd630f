import type { WorkItem } from '../model/execution.js';
import type { Diagnostic } from '../model/common.js';
import type { SpecRepo } from '../model/repository.js';
import { loadExecution } from '../repo/execution.js';
import { loadRepo } from '../repo/load.js';
import { resolveRoot } from './root.js';

/** Where a use-case runs: an explicit root, or the working directory to discover it from. */
export interface WorkspaceOptions {
  /** `--root` (or the MCP server's root); discovered from `cwd` when absent. */
  root?: string | undefined;
  cwd?: string;
}

export { resolveRoot };

/** Discover the root and read the whole repository into the model. */
export function openRepo(opts: WorkspaceOptions = {}): SpecRepo {
  return loadRepo(resolveRoot(opts));
}

/** The repository and its execution state (ledger items and `Plan-Step:` trailers). */
export interface RepoState {
  repo: SpecRepo;
  items: WorkItem[];
  /** Problems of the ledger (it is read anyway, item by item). */
  ledgerFindings: Diagnostic[];
  /** False when the root is not in a git repository. */
  git: boolean;
}

/** Read the repository and its execution state. */
export async function openState(opts: WorkspaceOptions = {}): Promise<RepoState> {
  const repo = openRepo(opts);
  const execution = await loadExecution(repo.root);
  return { repo, items: execution.items, ledgerFindings: execution.findings, git: execution.git };
}
