import { realpathSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../model/errors.js';
import { writeRepoFile } from './write.js';

/**
 * Write an export to `out` (relative to the current directory) atomically. The file must be
 * inside the root, outside .git/ and reached without symbolic links, and never a spec document
 * (`spec/**\/README.md`, WHATS-NEXT.md) or our own state under `.specscore/`: exports never
 * overwrite plans. Returns the root-relative path.
 */
export async function writeExportFile(root: string, out: string, content: string, cwd = process.cwd()): Promise<string> {
  const abs = path.resolve(cwd, out);
  const inside = (r: string) => r !== '' && !r.startsWith('..') && !path.isAbsolute(r);
  const pick = [path.relative(path.resolve(root), abs), path.relative(realpathSync(root), abs)].find(inside);
  if (!pick) throw new UsageError(`--out ${out} is outside the root ${root}`, 'write inside the spec repository, or leave out --out and redirect stdout');
  const file = pick.split(path.sep).join('/');
  if (/^spec\/(.*\/)?README\.md$/i.test(file) || /^spec\/plans\/WHATS-NEXT\.md$/i.test(file) || file.startsWith('.specscore/')) {
    throw new UsageError(`--out ${file} would overwrite a spec document or specplan state`, 'choose another file, e.g. .taskmaster/tasks/tasks.json or plan-work-items.json');
  }
  writeRepoFile(root, file, content, 'named');
  return file;
}
