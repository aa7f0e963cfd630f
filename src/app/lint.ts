import type { Diagnostic } from '../model/common.js';
import type { WorkItem } from '../model/execution.js';
import type { SpecRepo } from '../model/repository.js';
import { act, UsageError } from '../model/errors.js';
import { lintRepo, type LintResult } from '../lint/index.js';
import { pathScope } from '../repo/path-scope.js';
import { nearest } from './lookup.js';

/** A path given to lint that names no file, folder or plan: a usage error, with the closest plans. */
function missingPath(repo: SpecRepo, arg: string): UsageError {
  const near = nearest(arg.replace(/\/+$/, ''), repo.plans.keys());
  const guess = near.length ? `did you mean plan ${near.map((n) => `"${n}"`).join(' or ')}? ` : '';
  return new UsageError(`"${arg}" is not a file, folder or plan in this repository`, [
    `${guess}${guess ? 'See' : 'see'} the plan paths with `,
    act({ do: 'status' }),
    ', or lint everything by giving no path',
  ]);
}

/**
 * `specplan lint [PATH…]` and the `lint_plans` tool: every finding of the repository, limited to
 * `paths` (relative to `cwd` when given, else to the root, else plan paths). A path that names
 * nothing is a usage error (a misspelt path in CI must not pass as clean). With the execution
 * items, lint checks everything `specplan index --check` checks; the ledger's own problems are
 * reported as findings in `.specscore/work-items.yaml`.
 */
export function lintPlans(
  repo: SpecRepo,
  paths: readonly string[],
  opts: { cwd?: string; items?: readonly WorkItem[]; ledgerFindings?: readonly Diagnostic[] } = {},
): LintResult {
  const filters: string[] = [];
  for (const arg of paths) {
    const scope = pathScope(repo.root, arg, opts.cwd);
    if (!scope.exists) throw missingPath(repo, arg);
    if (scope.path !== '') filters.push(scope.path);
  }
  // A file under spec/plans/ that is not read as a plan would lint clean: say so instead.
  for (const f of filters) {
    const unread = repo.findings.find((d) => d.rule === 'plan/unread-file' && d.file === f);
    if (unread)
      throw new UsageError(
        `${f} is not a document specplan reads: ${unread.message}`,
        'rename or move it to where a plan is read, or lint the repository as a whole',
      );
  }
  return lintRepo(repo, { paths: filters, ...(opts.items ? { items: opts.items } : {}), ...(opts.ledgerFindings ? { findings: opts.ledgerFindings } : {}) });
}
