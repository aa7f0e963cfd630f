import { readdirSync, realpathSync, type Dirent } from 'node:fs';
import path from 'node:path';
import { RepoError } from '../model/errors.js';
import { readIfPresent, refusalSentence } from './refusal.js';

/**
 * Read `rel` (root-relative) as text through the bounded read primitive: null when nothing is
 * there; a RepoError (one sentence plus `hint`) when it is there but cannot be read (permission,
 * a FIFO or device, a link out of the root or to nowhere, too large).
 */
export function readTextOrNull(root: string, rel: string, maxBytes: number, hint: string): string | null {
  const r = readIfPresent(root, rel, maxBytes);
  if (r === null) return null;
  if (!r.ok) throw new RepoError(refusalSentence(rel, r.refusal), hint);
  return r.bytes.toString('utf8');
}

function listFolder(root: string, rel: string): Dirent[] {
  try {
    return readdirSync(path.join(root, rel), { withFileTypes: true });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return [];
    throw new RepoError(
      `cannot list ${rel}: ${code === 'EACCES' || code === 'EPERM' ? `permission denied (${code})` : `error ${code ?? 'unknown'}`}`,
      'make the folder readable, then run the command again',
    );
  }
}

/**
 * Root-relative paths of the `README.md` entries (files, links, anything but a folder) in the
 * folders below `dir`, down to `depth` levels: what the loader reads as plans. Folders that are
 * symbolic links and names starting with a dot are skipped, as the loader skips them; `dir`
 * itself is read only when it lies inside the root.
 */
export function listReadmes(root: string, dir: string, depth: number): string[] {
  const abs = path.join(root, dir);
  let real: string;
  try {
    real = realpathSync(abs);
  } catch {
    return [];
  }
  const realRoot = realpathSync(root);
  if (real !== realRoot && !real.startsWith(realRoot + path.sep)) {
    throw new RepoError(`${dir} is a symbolic link that leads outside the repository, so it is not read`, `replace the link with the folder itself`);
  }
  const out: string[] = [];
  const walk = (rel: string, level: number, entries: Dirent[]): void => {
    for (const e of entries) {
      if (!e.isDirectory() || e.name.startsWith('.')) continue;
      const sub = `${rel}/${e.name}`;
      const inner = listFolder(root, sub);
      if (inner.some((x) => x.name === 'README.md' && !x.isDirectory())) out.push(`${sub}/README.md`);
      if (level < depth) walk(sub, level + 1, inner);
    }
  };
  walk(dir, 1, listFolder(root, dir));
  return out.sort();
}
