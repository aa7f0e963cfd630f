import { FEATURES_DIR, PLANS_DIR, PLANS_INDEX } from '../model/repository.js';
import { digest } from '../model/digest.js';
import { gitOutput } from './git-run.js';

/** The README files the report is built from: plans (top-level and children) and features. */
const README = /(^|\/)README\.md$/;

/**
 * One `git ls-files` listing the index entries below spec/plans and spec/features with their
 * object ids, tagged, together with the files changed in the work tree (`C`), deleted (`R`) and
 * not tracked (`?`, ignored ones included). `--no-optional-locks`: git never writes its index here.
 */
const LISTING = ['--no-optional-locks', 'ls-files', '-z', '-s', '-t', '-v', '-c', '-m', '-d', '-o', '--directory', '--', PLANS_DIR, FEATURES_DIR];

/**
 * Print of the plan and feature READMEs as git's index holds them (mode, object id and path of
 * each), or `-` when it does not tell what the work tree holds: git cannot be used here; a README
 * is changed, deleted or not tracked (ignored included) in the work tree; an untracked folder
 * might hold one; or an entry is marked assume-unchanged, skip-worktree or unmerged, so git would
 * not see its changes. An equal print therefore means the same README texts, found without
 * reading them: git compares the files' stat data with its index (and their content when the
 * stat data cannot tell). The plans index is left out (the report is not built from it).
 */
export async function trackedPrint(root: string): Promise<string> {
  const out = await gitOutput(root, LISTING);
  if (out === null) return '-';
  const rows: string[] = [];
  for (const entry of out.split('\0')) {
    if (entry === '') continue;
    const tag = entry[0];
    const rest = entry.slice(2);
    if (tag === '?') {
      if (rest.endsWith('/') || README.test(rest)) return '-';
      continue;
    }
    const tab = rest.indexOf('\t');
    const file = rest.slice(tab + 1);
    if (!README.test(file) || file === PLANS_INDEX) continue;
    // `H`: tracked and, as listed with -m/-d, unchanged; anything else hides or is a change.
    if (tag !== 'H' || tab < 0 || !/^\d+ [0-9a-f]+ 0$/.test(rest.slice(0, tab))) return '-';
    rows.push(rest);
  }
  return digest(rows.join('\n'), 32);
}
