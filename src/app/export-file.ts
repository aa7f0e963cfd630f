import { exportTarget } from '../repo/export-file.js';
import { runWrite } from './unit-of-work.js';

/**
 * Write an export to the file the user named (`export --out`, relative to `cwd`) through the unit
 * of work: under the lock, atomically, inside the root but never over a spec document. Returns
 * the root-relative path.
 */
export async function writeExportFile(root: string, out: string, content: string, cwd?: string): Promise<string> {
  const file = exportTarget(root, out, cwd);
  await runWrite(root, () => ({ changes: [{ file, content, before: null }], result: null, named: true }));
  return file;
}
