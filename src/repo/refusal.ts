import { lstatSync } from 'node:fs';
import path from 'node:path';
import type { Diagnostic } from '../model/common.js';
import { RepoError } from '../model/errors.js';
import { readInside, type ReadOutcome, type ReadRefusal, type ReadRefusalKind } from './safe-read.js';

/** Lint rule of a document that was not read, by the reason it was refused. */
const RULES: Record<ReadRefusalKind, string> = {
  missing: 'repo/unreadable',
  'not-regular': 'repo/not-regular',
  'link-outside': 'repo/symlink-outside',
  'too-large': 'repo/too-large',
  unreadable: 'repo/unreadable',
};

/** What to do about a refused file, by the reason it was refused. */
export function refusalAdvice(r: ReadRefusal): string {
  switch (r.kind) {
    case 'not-regular':
      return 'replace it with a regular file';
    case 'link-outside':
      return 'replace the link with the file itself';
    case 'too-large':
      return 'split it, or remove what does not belong there';
    case 'missing':
      return 'restore the file, or remove the link';
    case 'unreadable':
      return r.code === 'EACCES' || r.code === 'EPERM' ? 'give the user running the command read permission' : 'check the file and its folder';
  }
}

/** The finding for a document the loader (or any reader of repository files) refused. */
export function refusalFinding(file: string, r: ReadRefusal): Diagnostic {
  return { file, line: 1, column: 1, severity: 'error', rule: RULES[r.kind], message: `${r.message} — ${refusalAdvice(r)}` };
}

/** The exit-2 error for a file a command cannot go on without. */
export function refusalError(file: string, r: ReadRefusal, alternative?: string): RepoError {
  return new RepoError(refusalSentence(file, r), alternative ? `${refusalAdvice(r)}, ${alternative}` : refusalAdvice(r));
}

/** One sentence saying why `file` could not be read. */
export function refusalSentence(file: string, r: ReadRefusal): string {
  if (r.kind === 'unreadable' && (r.code === 'EACCES' || r.code === 'EPERM')) return `cannot read ${file}: permission denied (${r.code})`;
  return `cannot read ${file}: ${r.message}`;
}

/**
 * Read an optional root-relative file through the bounded primitive: null when nothing is at
 * that path, otherwise the outcome. A link that leads nowhere is something there, refused; so
 * a hostile commit cannot make a file silently count as absent.
 */
export function readIfPresent(root: string, rel: string, maxBytes: number): ReadOutcome | null {
  const r = readInside(root, rel, maxBytes);
  if (r.ok || r.refusal.kind !== 'missing') return r;
  try {
    lstatSync(path.join(root, rel));
    return r;
  } catch {
    return null;
  }
}
