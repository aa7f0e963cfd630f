import { act, RepoError } from '../model/errors.js';
import type { FileChange } from '../model/file-change.js';
import { FEATURES_DIR, PLANS_DIR, PLANS_INDEX, WHATS_NEXT, type SpecRepo } from '../model/repository.js';
import { specscoreIndexChanges } from '../edit/specscore-index.js';
import { planFormatOf } from '../parse/repo-format.js';

/**
 * Refuse (RepoError, nothing written) any change this tool cannot make correctly in the current
 * SpecScore format: a current-format plan document, and in a repository of that format any
 * document under spec/plans/ (plans, the plans index) or spec/features/ (the Plans
 * back-references) — except the plans index with exactly the missing rows added. WHATS-NEXT.md
 * and the files under .specscore/ are the same in both formats.
 */
export function guardFormat(repo: SpecRepo, changes: readonly FileChange[]): void {
  const later = new Set([...repo.plans.values()].filter((e) => planFormatOf(e) === 'specscore').map((e) => e.file));
  const repoIsLater = repo.format?.format === 'specscore';
  // The one write of the format this tool does: the plans index with the missing rows added.
  const indexWrite = repoIsLater && changes.some((c) => c.file === PLANS_INDEX) ? specscoreIndexChanges(repo)[0] : undefined;
  for (const c of changes) {
    if (indexWrite && c.file === PLANS_INDEX && c.content === indexWrite.content) continue;
    const inSpec = c.file !== WHATS_NEXT && (c.file.startsWith(`${PLANS_DIR}/`) || c.file.startsWith(`${FEATURES_DIR}/`));
    if (!later.has(c.file) && !(repoIsLater && inSpec)) continue;
    throw new RepoError(
      `${c.file} is in the current SpecScore plan format (${later.has(c.file) ? 'the plan declares it' : 'the repository uses it'}), which this tool reads and lints but does not write yet; nothing was written`,
      ['edit the document by hand, then check it with ', act({ do: 'lint', path: c.file })],
    );
  }
}
