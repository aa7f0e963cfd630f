import type { WorkItem } from '../model/execution.js';
import { UsageError } from '../model/errors.js';
import type { SpecRepo } from '../model/repository.js';
import { lintRepo, type LintResult } from '../lint/index.js';
import { pathScope } from '../repo/path-scope.js';

/**
 * `specplan lint [PATH…]` and the `lint_plans` tool: every finding of the repository, limited to
 * `paths` (relative to `cwd` when given, else to the root, else plan paths). With the execution
 * items, lint checks everything `specplan index --check` checks.
 */
export function lintPlans(repo: SpecRepo, paths: readonly string[], opts: { cwd?: string; items?: readonly WorkItem[] } = {}): LintResult {
  const filters = paths.map((p) => pathScope(repo.root, p, opts.cwd)).filter((p) => p !== '');
  // A file under spec/plans/ that is not read as a plan would lint clean: say so instead.
  for (const f of filters) {
    const unread = repo.findings.find((d) => d.rule === 'plan/unread-file' && d.file === f);
    if (unread)
      throw new UsageError(
        `${f} is not a document specplan reads: ${unread.message}`,
        'rename or move it to where a plan is read, or lint the repository as a whole',
      );
  }
  return lintRepo(repo, { paths: filters, ...(opts.items ? { items: opts.items } : {}) });
}
