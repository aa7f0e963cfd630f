import { act, RepoError } from '../model/errors.js';
import type { FileChange } from '../model/file-change.js';
import { FEATURES_DIR, PLANS_DIR, WHATS_NEXT, type SpecRepo } from '../model/repository.js';
import { planFormatOf } from '../parse/repo-format.js';

/**
 * Refuse (RepoError, nothing written) any change this tool cannot make correctly in the current
 * SpecScore format: a current-format plan document, and in a repository of that format any
 * document under spec/plans/ (plans, the plans index) or spec/features/ (the Plans
 * back-references). WHATS-NEXT.md and the files under .specscore/ are the same in both formats.
 */
export function guardFormat(repo: SpecRepo, changes: readonly FileChange[]): void {
  const later = new Set([...repo.plans.values()].filter((e) => planFormatOf(e) === 'specscore').map((e) => e.file));
  const repoIsLater = repo.format?.format === 'specscore';
  for (const c of changes) {
    const inSpec = c.file !== WHATS_NEXT && (c.file.startsWith(`${PLANS_DIR}/`) || c.file.startsWith(`${FEATURES_DIR}/`));
    if (!later.has(c.file) && !(repoIsLater && inSpec)) continue;
    throw new RepoError(
      `${c.file} is in the current SpecScore plan format (${later.has(c.file) ? 'the plan declares it' : 'the repository uses it'}), which this tool reads and lints but does not write yet; nothing was written`,
      ['edit the document by hand, then check it with ', act({ do: 'lint', path: c.file })],
    );
  }
}

/**
 * Refuse to regenerate the plans index and the features' Plans tables of a repository in the
 * current SpecScore format (its index layout is checked by lint, not written here).
 */
export function refuseSpecscoreIndex(repo: SpecRepo): void {
  if (repo.format?.format !== 'specscore') return;
  const why =
    repo.format.source === 'config' ? 'planning.format says so' : repo.format.source === 'index' ? 'its plans index declares it' : 'most of its plans are';
  throw new RepoError(
    `this repository uses the current SpecScore plan format (${why}); its plans index and the features' Plans tables are not written by this tool yet, and nothing was written`,
    ['update spec/plans/README.md by hand; ', act({ do: 'lint' }), ' lists the plans it is missing'],
  );
}
