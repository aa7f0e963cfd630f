import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const PACKAGE_NAME = 'specscore-plans';

let found: { dir: string; version: string } | null | undefined;

/**
 * This installed package: the folder of the package.json found walking up from this module
 * (`src/repo/` under a test runner, `dist/src/repo/` or the bundle's `dist/src/cli/chunks/` once
 * built and installed) and its version; null when there is none.
 */
function installedPackage(): { dir: string; version: string } | null {
  if (found !== undefined) return found;
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const version = versionIn(dir);
    if (version) return (found = { dir, version });
    const parent = path.dirname(dir);
    if (parent === dir) return (found = null);
    dir = parent;
  }
}

/**
 * The version of this installed package. Never the environment: inside another project's npm
 * script `npm_package_version` is that project's.
 */
export function packageVersion(): string {
  return installedPackage()?.version ?? 'unknown';
}

/**
 * A file the build writes under `dist/` of this package, when this code runs from that build
 * (never a stale build's file under a test runner that runs the sources); null otherwise or when
 * it cannot be read. Read whole: such files are small and ours.
 */
export function builtFile(relative: string): string | null {
  const pkg = installedPackage();
  if (!pkg) return null;
  const dist = path.join(pkg.dir, 'dist') + path.sep;
  if (!fileURLToPath(import.meta.url).startsWith(dist)) return null;
  try {
    return readFileSync(path.join(dist, relative), 'utf8');
  } catch {
    return null;
  }
}

/** The version in `dir/package.json` when that file is this package's. */
function versionIn(dir: string): string | null {
  let text: string;
  try {
    text = readFileSync(path.join(dir, 'package.json'), 'utf8');
  } catch {
    return null;
  }
  try {
    const pkg = JSON.parse(text) as { name?: unknown; version?: unknown };
    return pkg.name === PACKAGE_NAME && typeof pkg.version === 'string' && pkg.version ? pkg.version : null;
  } catch {
    return null;
  }
}
