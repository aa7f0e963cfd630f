import path from 'node:path';
import type { WorkItem } from '../model/execution.js';
import type { Diagnostic } from '../model/common.js';
import type { SpecRepo } from '../model/repository.js';
import { loadExecution } from '../repo/execution.js';
import { loadRepoLazily } from '../repo/load.js';
import { resolveRoot } from './root.js';

/** Where a use-case runs: an explicit root, or the working directory to discover it from. */
export interface WorkspaceOptions {
  /** `--root` (or the MCP server's root); discovered from `cwd` when absent. */
  root?: string | undefined;
  cwd?: string;
  /** A dry run or a check: the document cache is read but never written. */
  dryRun?: boolean | undefined;
}

export { resolveRoot };

/**
 * Discover the root and read the whole repository into the model. The YAML reader and the
 * configuration schema are loaded only when the repository has a configuration file. A dry run
 * writes nothing, not even the document cache.
 */
export async function openRepo(opts: WorkspaceOptions = {}): Promise<SpecRepo> {
  return readRootRepo(resolveRoot(opts), opts);
}

function readRootRepo(root: string, opts: WorkspaceOptions): Promise<SpecRepo> {
  return loadRepoLazily(root, { cache: opts.dryRun ? 'read' : 'write' });
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
  const root = resolveRoot(opts);
  // git reads the trailers while the documents are read.
  const reading = loadExecution(path.resolve(root));
  reading.catch(() => undefined); // awaited below; a failed read of the documents must not leave it unhandled
  const repo = await readRootRepo(root, opts);
  const execution = await reading;
  return { repo, items: execution.items, ledgerFindings: execution.findings, git: execution.git };
}
