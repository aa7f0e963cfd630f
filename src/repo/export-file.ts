import { realpathSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../model/errors.js';

/**
 * The root-relative file an export named `out` (relative to the current directory) goes to. The
 * file must be inside the root, and never a spec document (`spec/**\/README.md`, WHATS-NEXT.md)
 * or our own state under `.specscore/`: exports never overwrite plans. The write itself refuses
 * .git/ and symbolic links.
 */
export function exportTarget(root: string, out: string, cwd = process.cwd()): string {
  const abs = path.resolve(cwd, out);
  const inside = (r: string) => r !== '' && !r.startsWith('..') && !path.isAbsolute(r);
  const pick = [path.relative(path.resolve(root), abs), path.relative(realpathSync(root), abs)].find(inside);
  if (!pick) throw new UsageError(`--out ${out} is outside the root ${root}`, 'write inside the spec repository, or leave out --out and redirect stdout');
  const file = pick.split(path.sep).join('/');
  if (/^spec\/(.*\/)?README\.md$/i.test(file) || /^spec\/plans\/WHATS-NEXT\.md$/i.test(file) || file.startsWith('.specscore/')) {
    throw new UsageError(
      `--out ${file} would overwrite a spec document or specplan state`,
      'choose another file, e.g. .taskmaster/tasks/tasks.json or plan-work-items.json',
    );
  }
  return file;
}
