import { existsSync } from 'node:fs';
import type { WorkItem } from '../model/execution.js';
import { gitOutput, outsideGit } from './git-run.js';

const TRAILER = /^Plan-Step:\s*([a-z0-9][a-z0-9-]*(?:\/[a-z0-9][a-z0-9-]*)?)#(\d+(?:\.\d+)?)\s*$/i;

const LOG_ARGS = ['log', '--no-color', '--format=%H%x1f%cs%x1f%(trailers:key=Plan-Step,valueonly=false,unfold)%x1e', '-E', '--grep=^Plan-Step:', 'HEAD'];

/** The trailers read the careful way: is git usable here at all (no: `git: false`), then the log (failing: no commits yet). */
async function trailerLogChecked(root: string): Promise<{ out: string | null; git: boolean }> {
  const { gitFor } = await import('./git.js');
  let git: Awaited<ReturnType<typeof gitFor>>;
  try {
    git = await gitFor(root);
  } catch {
    return { out: null, git: false }; // progress is read without trailers; check-frozen reports the git error
  }
  if (!git) return { out: null, git: false };
  try {
    return { out: await git.raw(LOG_ARGS), git: true };
  } catch {
    return { out: null, git: true }; // no commits yet
  }
}

/**
 * Work items from `Plan-Step: plan/path#2` trailers on commits reachable from HEAD (any commit:
 * the one completing a step usually touches code, not the spec), each marking that step done
 * at the commit's date. Returns `git: false` when git cannot be used here. In a repository with
 * commits this is one `git log`; only when that fails is git asked what is wrong.
 */
export async function gitTrailerItems(root: string): Promise<{ items: WorkItem[]; git: boolean }> {
  // Outside any repository neither git nor the git library is loaded or started.
  if (!existsSync(root) || outsideGit(root)) return { items: [], git: false };
  const direct = process.env.GIT_DIR ? null : await gitOutput(root, LOG_ARGS);
  const { out, git } = direct !== null ? { out: direct, git: true } : await trailerLogChecked(root);
  const items: WorkItem[] = [];
  for (const record of (out ?? '').split('\x1e')) {
    const [hash, date, trailers] = record.trim().split('\x1f');
    if (!hash || !trailers) continue;
    for (const line of trailers.split('\n')) {
      const m = TRAILER.exec(line.trim());
      if (m) items.push({ id: `git:${hash.slice(0, 12)}`, plan: m[1]!, step: m[2]!, status: 'done', updated: date ?? null, source: 'trailer' });
    }
  }
  return { items, git };
}
