import type { Diagnostic } from '../model/common.js';
import { RepoError } from './errors.js';
import { FEATURES_DIR, PLANS_DIR, PLANS_INDEX, WHATS_NEXT, type SpecRepo } from './types.js';

/** Loader findings that mean a file was there but was not read. */
const NOT_READ = new Set(['repo/unreadable', 'repo/not-regular', 'repo/too-large', 'repo/binary', 'repo/symlink-outside', 'repo/broken-link']);

/** A feature README the loader reads as a feature (not a proposal, not below a `_` folder). */
function isFeatureReadme(file: string): boolean {
  return file.startsWith(`${FEATURES_DIR}/`) && file.endsWith('/README.md') && !/\/proposals\/[^/]+\/README\.md$/.test(file) && !/\/_[^/]*\//.test(file);
}

/** Whether an unread file is one the plans index or a feature's Plans table is built from. */
function feedsIndex(f: Diagnostic): boolean {
  if (f.file === PLANS_DIR || f.file === FEATURES_DIR || f.file === PLANS_INDEX) return true;
  if (f.file === WHATS_NEXT) return false;
  if (f.file.startsWith(`${PLANS_DIR}/`)) return f.file.endsWith('/README.md') || f.rule !== 'repo/broken-link';
  return isFeatureReadme(f.file);
}

/**
 * The documents the plans index and the features' Plans tables are computed from that could not
 * be read (plan READMEs, the index itself, feature READMEs, links out of the root below
 * spec/plans/): regenerating without them would silently drop their rows. Pure.
 */
export function unreadIndexInputs(repo: SpecRepo): Diagnostic[] {
  return repo.findings.filter((f) => NOT_READ.has(f.rule) && f.severity !== 'info' && feedsIndex(f));
}

/**
 * Throw when any input of the index could not be read: one error naming each file and why
 * (exit 2, the repository cannot be read as it is), before anything is written.
 */
export function assertIndexInputsRead(repo: SpecRepo): void {
  const unread = unreadIndexInputs(repo);
  if (unread.length === 0) return;
  const n = unread.length;
  const list = unread.map((f) => `  ${f.file}: ${f.message}`).join('\n');
  throw new RepoError(
    `cannot rebuild the plans index: ${n} file${n === 1 ? '' : 's'} it is built from cannot be read, and ${n === 1 ? 'its rows' : 'their rows'} would be lost; nothing was written\n${list}`,
    'fix or remove these files, then run specplan index again',
  );
}
