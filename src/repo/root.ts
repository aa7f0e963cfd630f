import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { CONFIG_FILE_NAMES } from '../model/config-files.js';
import { RepoError } from '../model/errors.js';

const isDir = (p: string): boolean => {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
};

/** Whether `dir` holds a configuration file (specscore.yaml or a legacy name). */
export const hasConfig = (dir: string): boolean => CONFIG_FILE_NAMES.some((n) => existsSync(path.join(dir, n)));
const hasSpecContent = (dir: string): boolean => isDir(path.join(dir, 'spec', 'plans')) || isDir(path.join(dir, 'spec', 'features'));

/** `dir` and each folder above it, nearest first. */
function ancestors(dir: string): string[] {
  const out = [dir];
  for (let d = dir; path.dirname(d) !== d; d = path.dirname(d)) out.push(path.dirname(d));
  return out;
}

/**
 * Whether `dir` lies inside the `spec/` folder of a repository above it (a feature such as
 * `spec/features/cli/` may hold a `spec/` folder of its own: it is never a root).
 */
function insideSpec(dir: string): boolean {
  const above = ancestors(dir).slice(1);
  return above.some((a) => path.basename(a) === 'spec' && (hasConfig(path.dirname(a)) || hasSpecContent(path.dirname(a))));
}

/** Roots already warned about in this process: the warning is printed once per root. */
const warned = new Set<string>();

const stderrWarning = (message: string) => void process.stderr.write(`warning: ${message}\n`);

/** Warn (one line) when a chosen root has neither spec/plans/ nor spec/features/. */
function warnIfEmpty(root: string, notify: (message: string) => void): void {
  if (hasSpecContent(root) || warned.has(root)) return;
  warned.add(root);
  notify(`${root} has neither spec/plans/ nor spec/features/; commands will find no plans or features there (pass --root DIR to choose another folder)`);
}

/** The explicit `--root`: a directory holding spec/, with the parent suggested for `…/spec`. */
function explicitRoot(explicit: string, cwd: string): string {
  const abs = path.resolve(cwd, explicit);
  if (!isDir(abs)) throw new RepoError(`root "${explicit}" is not a directory`, 'pass --root pointing at the folder that holds spec/');
  if (!isDir(path.join(abs, 'spec'))) {
    const parent = path.dirname(abs);
    const suggestion =
      path.basename(abs) === 'spec' || insideSpec(abs)
        ? ancestors(parent).find((a) => !insideSpec(a) && (hasConfig(a) || hasSpecContent(a) || isDir(path.join(a, 'spec'))))
        : undefined;
    const hint = suggestion
      ? `pass --root ${path.relative(cwd, suggestion) || '.'} (the folder that holds spec/)`
      : 'pass --root pointing at the folder that holds spec/';
    throw new RepoError(`root "${explicit}" has no spec/ folder`, hint);
  }
  return abs;
}

/**
 * The spec repository root: `--root` when given; else, walking up from the current directory,
 * the nearest folder holding specscore.yaml (or a legacy name), else the nearest holding
 * spec/plans/ or spec/features/, else the nearest holding spec/. A folder inside another
 * repository's spec/ is never taken. A root with neither spec/plans/ nor spec/features/ is
 * chosen with a one-line warning (`notify`, stderr by default).
 */
export function findRoot(explicit?: string, cwd = process.cwd(), notify: (message: string) => void = stderrWarning): string {
  if (explicit) {
    const root = explicitRoot(explicit, cwd);
    warnIfEmpty(root, notify);
    return root;
  }
  const candidates = ancestors(path.resolve(cwd)).filter((d) => !insideSpec(d));
  const root = candidates.find((d) => hasConfig(d)) ?? candidates.find((d) => hasSpecContent(d)) ?? candidates.find((d) => isDir(path.join(d, 'spec')));
  if (!root) throw new RepoError('no spec repository found here or in any parent folder', 'run inside a repository with a spec/ folder, or pass --root DIR');
  warnIfEmpty(root, notify);
  return root;
}
