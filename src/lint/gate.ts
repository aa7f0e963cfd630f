import { lintRepo } from './index.js';
import { formatDiagnostic, inlineProblems } from './problem-wording.js';
import { ProblemError } from '../model/errors.js';
import type { SpecRepo } from '../model/repository.js';

/**
 * Refuse an operation when `file` (a plan README) would have lint errors in the repository as it
 * will be: used for new plans and as the review gate of submit and approve. Index drift is not
 * counted (the operation regenerates the index itself).
 */
export function requireLintClean(next: SpecRepo, file: string, doing: string): void {
  const errors = lintRepo(next, { paths: [file] }).diagnostics.filter((d) => d.severity === 'error' && d.file === file && !d.rule.startsWith('index/'));
  if (!errors.length) return;
  throw new ProblemError(
    `cannot ${doing}: ${file} has ${errors.length} lint error${errors.length > 1 ? 's' : ''}: ${inlineProblems(errors.map(formatDiagnostic))}`,
    [`fix ${errors.length > 1 ? 'them' : 'it'} (see `, { do: 'lint', path: file }, ') and run the command again; nothing was written'],
  );
}
