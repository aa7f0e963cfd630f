import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const PACKAGE_NAME = 'specscore-plans';

let cached: string | null = null;

/**
 * The version of this installed package, read from the package.json found walking up from this
 * module (`src/repo/` under a test runner, `dist/src/repo/` once built and installed). Never the
 * environment: inside another project's npm script `npm_package_version` is that project's.
 */
export function packageVersion(): string {
  if (cached) return cached;
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const version = versionIn(dir);
    if (version) return (cached = version);
    const parent = path.dirname(dir);
    if (parent === dir) return (cached = 'unknown');
    dir = parent;
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
