import path from 'node:path';
import type { PlanningConfig } from '../model/config.js';
import type { SpecRepo } from '../model/repository.js';
import { loadConfig } from '../repo/config.js';
import type { ExecutionState } from '../repo/execution.js';
import { executionStamp } from '../repo/execution-stamp.js';
import { loadRepo } from '../repo/load.js';
import { existingFiles, watchSpec } from '../repo/spec-changes.js';
import { today } from './clock.js';

/** Where a long-running session reports; a face decides where the lines go. */
export interface Logger {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

/** What changed on disk: root-relative files, and whether the set of plans/features changed. */
interface ChangeEvent {
  files: string[];
  listChanged: boolean;
}

interface SessionOptions {
  /** The spec repository root (the folder holding spec/). */
  root: string;
  logger: Logger;
  /** The machine clock (tests pass a fixed one); `SPECPLAN_TODAY=YYYY-MM-DD` still pins the date. */
  now?: () => Date;
}

/**
 * One long-running use of a repository (the MCP server process and all its clients): the root,
 * the repository model loaded once and kept until a file changes, the execution state kept until
 * the ledger or the git HEAD changes, the clock, and change notifications for the listeners.
 */
export class Session {
  readonly root: string;
  readonly log: Logger;
  private readonly clock: () => Date;
  private cachedRepo: SpecRepo | null = null;
  private cachedExecution: { stamp: string; state: Promise<ExecutionState> } | null = null;
  private readonly listeners = new Set<(e: ChangeEvent) => void>();

  constructor(opts: SessionOptions) {
    this.root = path.resolve(opts.root);
    this.log = opts.logger;
    this.clock = opts.now ?? (() => new Date());
  }

  /** Today as YYYY-MM-DD from the one clock (`SPECPLAN_TODAY`, else the local date). */
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

  /** Ledger items and git trailers, kept until the ledger or the git HEAD changes. */
  execution(): Promise<ExecutionState> {
    const stamp = executionStamp(this.root);
    if (!this.cachedExecution || this.cachedExecution.stamp !== stamp) {
      const state = import('../repo/execution.js').then(({ loadExecution }) => loadExecution(this.root));
      this.cachedExecution = { stamp, state };
      state.catch(() => {
        if (this.cachedExecution?.state === state) this.cachedExecution = null;
      });
    }
    return this.cachedExecution.state;
  }

  /**
   * Files changed on disk (seen by the watcher, or written here): drop the cache (the next read
   * reloads) and tell every listener what changed. The list of plans or features changed when a
   * README appeared or disappeared.
   */
  changed(files: string[]): void {
    const before = this.cachedRepo;
    this.invalidate();
    const unique = [...new Set(files)].sort();
    const present = existingFiles(this.root, unique.filter(isListed));
    const listChanged = before === null || unique.some((f) => isListed(f) && known(before, f) !== present.has(f));
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

  /** Watch spec/ for edits made elsewhere and report them as changes; returns the function that stops watching. */
  watch(debounceMs?: number): () => void {
    return watchSpec(this.root, { changed: (files) => this.changed(files), warn: (m) => this.log.warn(m), debug: (m) => this.log.debug(m) }, debounceMs);
  }

  /**
   * Run a write under the repository lock with a freshly loaded repository; afterwards the
   * cache is dropped and listeners hear about the written files.
   */
  async write<T>(fn: (repo: SpecRepo) => Promise<{ result: T; written: string[] }>): Promise<T> {
    const { withRepoLock } = await import('../repo/write.js');
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

  private invalidate(): void {
    this.cachedRepo = null;
    this.cachedExecution = null;
  }
}

/** A README that is a listed resource (plan, feature, proposal) or the What's Next report. */
function isListed(file: string): boolean {
  return /^spec\/(plans|features)\/.+\/README\.md$/.test(file) || file === 'spec/plans/WHATS-NEXT.md';
}

/** Whether the repository model had this file. */
function known(repo: SpecRepo, file: string): boolean {
  if (file === repo.whatsNext?.file) return true;
  for (const m of [repo.plans, repo.features, repo.proposals] as Array<Map<string, { file: string }>>)
    for (const e of m.values()) if (e.file === file) return true;
  return false;
}

/**
 * A session over a repository whose configuration is read first (the server's own settings are
 * in it): a broken specscore.yaml stops here with its file and line, before anything is served.
 */
export function openSession(opts: SessionOptions): { session: Session; config: PlanningConfig } {
  const session = new Session(opts);
  return { session, config: loadConfig(session.root).config };
}
