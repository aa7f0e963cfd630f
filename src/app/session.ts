import path from 'node:path';
import type { PlanningConfig } from '../model/config.js';
import type { SpecRepo } from '../model/repository.js';
import { loadConfig } from '../repo/config.js';
import type { ExecutionState } from '../repo/execution.js';
import { executionStamp } from '../repo/execution-stamp.js';
import { loadRepo } from '../repo/load-repo.js';
import { existingFiles, fileStamps, isAtomicTemp, watchSpec } from '../repo/spec-changes.js';
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
  private rootDir: string;
  readonly log: Logger;
  private readonly clock: () => Date;
  private cachedRepo: SpecRepo | null = null;
  private cachedExecution: { stamp: string; state: Promise<ExecutionState> } | null = null;
  private readonly listeners = new Set<(e: ChangeEvent) => void>();
  /** The listed files (plans, features, proposals, the report) of the last repository loaded. */
  private listed: Set<string> | null = null;
  /** Files this process wrote, as they were right after: the watcher's report of them is not news. */
  private readonly ownWrites = new Map<string, string>();

  constructor(opts: SessionOptions) {
    this.rootDir = path.resolve(opts.root);
    this.log = opts.logger;
    this.clock = opts.now ?? (() => new Date());
  }

  /** The spec repository root served now. */
  get root(): string {
    return this.rootDir;
  }

  /**
   * Serve another repository from now on (the client's roots changed): the caches are dropped
   * and every listener hears that the list of resources changed. False when it is the same root.
   */
  retarget(root: string): boolean {
    const next = path.resolve(root);
    if (next === this.rootDir) return false;
    this.rootDir = next;
    this.listed = null;
    this.ownWrites.clear();
    this.invalidate();
    for (const l of this.listeners) l({ files: [], listChanged: true });
    return true;
  }

  /** Today as YYYY-MM-DD from the one clock (`SPECPLAN_TODAY`, else the local date). */
  today(): string {
    return today(process.env, this.clock());
  }

  /** The repository model, loaded once and kept until a file changes. */
  repo(): SpecRepo {
    if (!this.cachedRepo) {
      const t0 = performance.now();
      // The server reads the cache but leaves writing it to the commands: its read tools write nothing.
      this.cachedRepo = loadRepo(this.root, { cache: 'read' });
      this.listed = listedFiles(this.cachedRepo);
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
   * Files this process wrote (or changed on disk, seen by the watcher): drop the cache (the next
   * read reloads) and tell every listener once what changed. The list of plans or features
   * changed when a listed README appeared or disappeared.
   */
  changed(files: string[]): void {
    for (const [f, stamp] of fileStamps(this.root, files)) this.ownWrites.set(f, stamp);
    this.notify(files);
  }

  private notify(files: string[]): void {
    this.invalidate();
    const unique = [...new Set(files)].sort();
    const present = existingFiles(this.root, unique.filter(isListed));
    const listed = this.listed;
    const listChanged = unique.some((f) => isListed(f) && (listed === null || listed.has(f) !== present.has(f)));
    if (listed) for (const f of unique.filter(isListed)) present.has(f) ? listed.add(f) : listed.delete(f);
    const event: ChangeEvent = { files: unique, listChanged };
    for (const l of this.listeners) {
      try {
        l(event);
      } catch (e) {
        this.log.warn(`change listener failed: ${(e as Error).message}`);
      }
    }
  }

  /**
   * What the watcher saw: the atomic writes' temporary files are left out, and so are the files
   * this process wrote itself and already reported, unless they changed again since.
   */
  private seenOnDisk(files: string[]): void {
    const candidates = files.filter((f) => !isAtomicTemp(f));
    const now = fileStamps(this.root, candidates);
    const news = candidates.filter((f) => {
      const own = this.ownWrites.get(f);
      if (own === undefined) return true;
      this.ownWrites.delete(f);
      return own !== now.get(f);
    });
    if (news.length) this.notify(news);
  }

  /** Subscribe to change events; returns the unsubscribe function. */
  onChange(listener: (e: ChangeEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Watch spec/ for edits made elsewhere and report them as changes; returns the function that stops watching. */
  watch(debounceMs?: number): () => void {
    return watchSpec(this.root, { changed: (files) => this.seenOnDisk(files), warn: (m) => this.log.warn(m), debug: (m) => this.log.debug(m) }, debounceMs);
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

/** The listed files of a repository model. */
function listedFiles(repo: SpecRepo): Set<string> {
  const out = new Set<string>();
  if (repo.whatsNext) out.add(repo.whatsNext.file);
  for (const m of [repo.plans, repo.features, repo.proposals] as Array<Map<string, { file: string }>>) for (const e of m.values()) out.add(e.file);
  return out;
}

/**
 * A session over a repository whose configuration is read first (the server's own settings are
 * in it): a broken specscore.yaml stops here with its file and line, before anything is served.
 */
export function openSession(opts: SessionOptions): { session: Session; config: PlanningConfig } {
  const session = new Session(opts);
  return { session, config: loadConfig(session.root).config };
}
