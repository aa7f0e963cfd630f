import type { Diagnostic } from '../model/common.js';
import { PLANS_INDEX_FORMAT_URL, type PlanFormat, type RepoFormat } from '../model/plan-format.js';
import type { SpecRepo } from '../model/repository.js';
import { splitLines } from '../markdown/text-lines.js';
import { readFrontMatter } from './front-matter.js';

/** The format of one loaded plan: the current one when its adapter read it. */
export function planFormatOf(entry: { parsed: { specscore?: unknown } }): PlanFormat {
  return entry.parsed.specscore ? 'specscore' : 'seed';
}

/** Whether the plans index declares the current format in its front matter. */
export function indexDeclaresSpecscore(indexText: string | null): boolean {
  if (indexText === null) return false;
  return readFrontMatter(splitLines(indexText).lines)?.fields.format?.value === PLANS_INDEX_FORMAT_URL;
}

/**
 * The plan format of a repository: `planning.format` when it is not `auto`; else the plans
 * index's front matter `format:`; else the format most of its plans are written in (ties and
 * repositories without plans: seed).
 */
export function repoFormat(configured: 'auto' | PlanFormat, indexText: string | null, plans: readonly PlanFormat[]): RepoFormat {
  if (configured !== 'auto') return { format: configured, source: 'config' };
  if (indexDeclaresSpecscore(indexText)) return { format: 'specscore', source: 'index' };
  if (plans.length === 0) return { format: 'seed', source: 'default' };
  const later = plans.filter((f) => f === 'specscore').length;
  return { format: later * 2 > plans.length ? 'specscore' : 'seed', source: 'plans' };
}

const FORMAT_NAME: Record<PlanFormat, string> = { seed: 'seed (first published)', specscore: 'current SpecScore' };

/**
 * One finding for a repository whose plans are not all in its format, naming them (at most ten)
 * on the first of them; null when they all are.
 */
export function mixedFormatFinding(repo: SpecRepo, format: RepoFormat): Diagnostic | null {
  const odd = [...repo.plans.values()].filter((e) => planFormatOf(e) !== format.format).sort((a, b) => (a.file < b.file ? -1 : 1));
  if (odd.length === 0) return null;
  const other = format.format === 'seed' ? 'specscore' : 'seed';
  const names = odd.slice(0, 10).map((e) => e.path);
  const more = odd.length > names.length ? ` and ${odd.length - names.length} more` : '';
  const why = format.source === 'config' ? 'as planning.format says' : format.source === 'index' ? 'as the plans index declares' : 'as most of its plans are';
  return {
    file: odd[0]!.file,
    line: 1,
    column: 1,
    severity: 'error',
    rule: 'repo/mixed-format',
    message: `${odd.length} plan(s) are in the ${FORMAT_NAME[other]} format while the repository uses the ${FORMAT_NAME[format.format]} format (${why}): ${names.join(', ')}${more}; expected every plan in one format — convert them, or set planning.format in specscore.yaml`,
  };
}
