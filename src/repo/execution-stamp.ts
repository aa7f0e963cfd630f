import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/** The ledger file (`LEDGER_FILE` of execution.ts), named here so reading the stamp does not load the ledger reader. */
const LEDGER_FILE = '.specscore/work-items.yaml';

/**
 * A cheap fingerprint of the execution sources: the ledger's mtime and size, and the commit git
 * HEAD points at (read from the files under .git, no process spawned).
 */
export function executionStamp(root: string): string {
  let ledger = 'none';
  try {
    const st = statSync(path.join(root, LEDGER_FILE));
    ledger = `${st.mtimeMs}:${st.size}`;
  } catch {
    // no ledger
  }
  return `${ledger}|${gitHead(root) ?? `t${Math.floor(Date.now() / 2000)}`}`;
}

function findGitDir(root: string): string | null {
  let dir = root;
  for (;;) {
    const dotGit = path.join(dir, '.git');
    try {
      const st = statSync(dotGit);
      if (st.isDirectory()) return dotGit;
      const m = /^gitdir:\s*(.+)$/m.exec(readFileSync(dotGit, 'utf8'));
      return m ? path.resolve(dir, m[1]!.trim()) : null;
    } catch {
      const parent = path.dirname(dir);
      if (parent === dir) return null;
      dir = parent;
    }
  }
}

function gitHead(root: string): string | null {
  const gitDir = findGitDir(root);
  if (!gitDir) return 'nogit';
  try {
    const head = readFileSync(path.join(gitDir, 'HEAD'), 'utf8').trim();
    const ref = /^ref:\s*(.+)$/.exec(head)?.[1];
    if (!ref) return head;
    const common = existsSync(path.join(gitDir, 'commondir')) ? path.resolve(gitDir, readFileSync(path.join(gitDir, 'commondir'), 'utf8').trim()) : gitDir;
    for (const d of [gitDir, common]) {
      const f = path.join(d, ref);
      if (existsSync(f)) return readFileSync(f, 'utf8').trim();
    }
    const packed = path.join(common, 'packed-refs');
    if (existsSync(packed)) {
      const line = readFileSync(packed, 'utf8')
        .split('\n')
        .find((l) => l.endsWith(` ${ref}`));
      if (line) return line.split(' ')[0]!;
    }
    return `${ref}:unborn`;
  } catch {
    return null;
  }
}
