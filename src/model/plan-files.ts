/** Folder names inside a plan folder that hold other things than child plans (the loader's rule). */
export const RESERVED_PLAN_FOLDERS: ReadonlySet<string> = new Set(['acs', 'reports']);

const PLAN_FILE = /^spec\/plans\/([^/]+)(?:\/([^/]+))?\/README\.md$/;

/**
 * The plan path of a root-relative plan README (`spec/plans/a/b/README.md` → `a/b`), or null for
 * any other file, including `reports/README.md` and `acs/…/README.md` inside a plan folder.
 */
export function planPathOfFile(file: string): string | null {
  const m = PLAN_FILE.exec(file);
  if (!m) return null;
  if (m[2] === undefined) return m[1]!;
  return RESERVED_PLAN_FOLDERS.has(m[2]) ? null : `${m[1]}/${m[2]}`;
}
