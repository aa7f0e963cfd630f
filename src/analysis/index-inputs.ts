import type { Diagnostic } from '../model/common.js';
import { act, RepoError } from '../model/errors.js';
import { PLANS_DIR, PLANS_INDEX, WHATS_NEXT, type SpecRepo } from '../model/repository.js';
import { resolveHref } from '../model/paths.js';

/** Loader findings that mean a file was there but was not read. */
const NOT_READ = new Set(['repo/unreadable', 'repo/not-regular', 'repo/too-large', 'repo/binary', 'repo/symlink-outside', 'repo/broken-link']);

/**
 * Whether an unread file is one the index rows are built from: the plans folder, the index
 * itself, a plan README, or a link out of the root below spec/plans/ (a plan folder, perhaps).
 */
function feedsIndex(f: Diagnostic): boolean {
  if (f.file === PLANS_DIR || f.file === PLANS_INDEX) return true;
  if (f.file === WHATS_NEXT || !f.file.startsWith(`${PLANS_DIR}/`)) return false;
  return f.file.endsWith('/README.md') || f.rule !== 'repo/broken-link';
}

/**
 * The documents the plans index is computed from that could not be read: regenerating without
 * them would silently drop their rows. (A feature that cannot be read loses no row: its Plans
 * table is simply not written.) Pure.
 */
function unreadIndexInputs(repo: SpecRepo): Diagnostic[] {
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
    ['fix or remove these files, then run ', act({ do: 'index' }), ' again'],
  );
}

/**
 * Throw when a row of the plans index links to no plan that was read (a plan folder that is
 * gone or unreadable, a file the loader does not read, a typo): regenerating would delete the
 * row. One error naming each such row; nothing is written.
 */
export function assertIndexRowsAccounted(repo: SpecRepo): void {
  if (!repo.index) return;
  const known = new Set<string>();
  for (const e of repo.plans.values()) {
    known.add(e.file);
    if (e.file.endsWith('/README.md')) known.add(e.file.slice(0, -'/README.md'.length));
  }
  const lost = repo.index.parsed.rows.filter((r) => {
    const target = r.plan.href ? resolveHref(PLANS_INDEX, r.plan.href) : null;
    return target === null || !known.has(target);
  });
  if (lost.length === 0) return;
  const list = lost.map((r) => `  ${PLANS_INDEX}:${r.line}: [${r.plan.text}](${r.plan.href})`).join('\n');
  throw new RepoError(
    `cannot rebuild the plans index: ${lost.length === 1 ? 'a row links' : `${lost.length} rows link`} to no plan that was read, and regenerating would delete ${lost.length === 1 ? 'it' : 'them'}; nothing was written\n${list}`,
    ['restore the plan, or delete the row by hand if the plan is gone for good, then run ', act({ do: 'index' }), ' again'],
  );
}
