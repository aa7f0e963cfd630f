import { existsSync } from 'node:fs';
import path from 'node:path';
import type { ExecutionState } from '../src/repo/execution.js';
import { loadRepo } from '../src/repo/load.js';
import type { SpecRepo } from '../src/model/repository.js';
import { executionStamp } from './execution-stamp.js';
import { today } from '../src/app/clock.js';

/** Log lines go to stderr only: stdout of the MCP server carries the protocol alone. */
export interface Logger {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

const LEVELS = { debug: 0, info: 1, warn: 2, error: 3, silent: 4 } as const;
type Level = keyof typeof LEVELS;

/** A logger writing `specplan-mcp <level>: message` lines to stderr at or above `level`. */
export function stderrLogger(level: Level = (process.env.SPECPLAN_LOG as Level | undefined) ?? 'info'): Logger {
  const min = LEVELS[level] ?? LEVELS.info;
  const at = (l: Exclude<Level, 'silent'>) => (message: string) => {
    if (LEVELS[l] >= min) process.stderr.write(`specplan-mcp ${l}: ${message}\n`);
  };
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

/** What changed on disk: root-relative files, and whether the set of plans/features changed. */
export interface ChangeEvent {
  files: string[];
  listChanged: boolean;
}

export interface ToolContextOptions {
  /** Absolute spec repository root (the folder holding spec/). */
  root: string;
  logger?: Logger;
  /** The machine clock (tests pass a fixed one); `SPECPLAN_TODAY=YYYY-MM-DD` pins the date. */
  now?: () => Date;
}

/**
 * State shared by every tool, resource and prompt of one server process (and every HTTP
 * session): the root, a cached repository model invalidated on file change, cached execution
 * state, the clock and the logger.
 */
export class ToolContext {
  readonly root: string;
  readonly log: Logger;
  private readonly clock: () => Date;
  private cachedRepo: SpecRepo | null = null;
  private cachedExecution: { stamp: string; state: Promise<ExecutionState> } | null = null;
  private readonly listeners = new Set<(e: ChangeEvent) => void>();
  /** Increments on every invalidation. */
  version = 0;

  constructor(opts: ToolContextOptions) {
    this.root = path.resolve(opts.root);
    this.log = opts.logger ?? stderrLogger();
    this.clock = opts.now ?? (() => new Date());
  }

  now(): Date {
    return this.clock();
  }

  /** Today as YYYY-MM-DD: the one clock of the CLI too (`SPECPLAN_TODAY`, else the local date). */
  today(): string {
    return today(process.env, this.clock());
  }

  /** The repository model, loaded once and kept until a file changes. */
  repo(): SpecRepo {
    if (!this.cachedRepo) {
      const t0 = performance.now();
      this.cachedRepo = loadRepo(this.root);
      this.log.debug(`loaded ${this.cachedRepo.plans.size} plans, ${this.cachedRepo.features.size} features in ${(performance.now() - t0).toFixed(0)} ms`);
    }
    return this.cachedRepo;
  }

  /** Ledger items and git trailers, cached until the ledger or the git HEAD changes. */
  execution(): Promise<ExecutionState> {
    const stamp = executionStamp(this.root);
    if (!this.cachedExecution || this.cachedExecution.stamp !== stamp) {
      const state = import('../src/repo/execution.js').then(({ loadExecution }) => loadExecution(this.root));
      this.cachedExecution = { stamp, state };
      state.catch(() => {
        if (this.cachedExecution?.state === state) this.cachedExecution = null;
      });
    }
    return this.cachedExecution.state;
  }

  /** Drop cached state so the next read sees the files on disk. */
  invalidate(): void {
    this.cachedRepo = null;
    this.cachedExecution = null;
    this.version++;
  }

  /**
   * Files changed on disk (from the watcher or our own writes): drop the cache (the next read
   * reloads) and tell every listener (each connected server) what changed. The list of plans or
   * features changed when a README appeared or disappeared.
   */
  changed(files: string[]): void {
    const before = this.cachedRepo;
    this.invalidate();
    const unique = [...new Set(files)].sort();
    const listChanged = before === null || unique.some((f) => isListed(f) && known(before, f) !== existsSync(path.join(this.root, f)));
    const event: ChangeEvent = { files: unique, listChanged };
    for (const l of this.listeners) {
      try {
        l(event);
      } catch (e) {
        this.log.warn(`change listener failed: ${(e as Error).message}`);
      }
    }
  }

  /** Subscribe to change events; returns the unsubscribe function. */
  onChange(listener: (e: ChangeEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Run a write under the repository lock with a freshly loaded repository; afterwards the
   * cache is invalidated and listeners hear about the written files.
   */
  async write<T>(fn: (repo: SpecRepo) => Promise<{ result: T; written: string[] }>): Promise<T> {
    const { withRepoLock } = await import('../src/repo/write.js');
    const out = await withRepoLock(
      this.root,
      async () => {
        this.invalidate();
        return fn(this.repo());
      },
      { notify: (m) => this.log.warn(m) },
    );
    if (out.written.length) this.changed(out.written);
    return out.result;
  }
}

/** A README that is a listed resource (plan, feature, proposal) or the What's Next report. */
function isListed(file: string): boolean {
  return /^spec\/(plans|features)\/.+\/README\.md$/.test(file) || file === 'spec/plans/WHATS-NEXT.md';
}

/** Whether the repository model had this file. */
function known(repo: SpecRepo, file: string): boolean {
  if (file === repo.whatsNext?.file) return true;
  for (const m of [repo.plans, repo.features, repo.proposals] as Array<Map<string, { file: string }>>) for (const e of m.values()) if (e.file === file) return true;
  return false;
}
