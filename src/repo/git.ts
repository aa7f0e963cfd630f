import { existsSync } from 'node:fs';
import path from 'node:path';
import { simpleGit, type SimpleGit } from 'simple-git';
import type { WorkItem } from '../model/execution.js';

/** A simple-git client for the root, or null when git is missing or the root is not in a repository. */
export async function gitFor(root: string): Promise<SimpleGit | null> {
  try {
    const git = simpleGit({ baseDir: root, maxConcurrentProcesses: 4, trimmed: false });
    const inside = await git.checkIsRepo();
    return inside ? git : null;
  } catch {
    return null;
  }
}

const TRAILER = /^Plan-Step:\s*([a-z0-9][a-z0-9-]*(?:\/[a-z0-9][a-z0-9-]*)?)#(\d+(?:\.\d+)?)\s*$/i;

/**
 * Work items from `Plan-Step: plan/path#2` trailers on commits reachable from HEAD (any commit:
 * the one completing a step usually touches code, not the spec), each marking that step done
 * at the commit's date. Returns `git: false` when git cannot be used here.
 */
export async function gitTrailerItems(root: string): Promise<{ items: WorkItem[]; git: boolean }> {
  if (!existsSync(root)) return { items: [], git: false };
  const git = await gitFor(root);
  if (!git) return { items: [], git: false };
  let out: string;
  try {
    out = await git.raw(['log', '--no-color', '--format=%H%x1f%cs%x1f%(trailers:key=Plan-Step,valueonly=false,unfold)%x1e', '-E', '--grep=^Plan-Step:', 'HEAD']);
  } catch {
    return { items: [], git: true }; // no commits yet
  }
  const items: WorkItem[] = [];
  for (const record of out.split('\x1e')) {
    const [hash, date, trailers] = record.trim().split('\x1f');
    if (!hash || !trailers) continue;
    for (const line of trailers.split('\n')) {
      const m = TRAILER.exec(line.trim());
      if (m) items.push({ id: `git:${hash.slice(0, 12)}`, plan: m[1]!, step: m[2]!, status: 'done', updated: date ?? null, source: 'trailer' });
    }
  }
  return { items, git: true };
}

/** True when `rel` (root-relative) is inside the git work tree of root. */
export function gitTopLevelRelative(root: string, top: string, rel: string): string {
  return path.relative(top, path.join(root, rel)).split(path.sep).join('/');
}
