import { APPROVALS_FILE } from '../model/approvals.js';
import { readIfPresent, refusalError } from './refusal.js';
import { READ_LIMITS } from './safe-read.js';

/**
 * The text of `.specscore/approvals.json`, null when there is none. One that is there but cannot
 * be read (permission, not a regular file, a link out of the root, too large) is a RepoError.
 */
export function readApprovalsText(root: string): string | null {
  const read = readIfPresent(root, APPROVALS_FILE, READ_LIMITS.approvals);
  if (read === null) return null;
  if (!read.ok) throw refusalError(APPROVALS_FILE, read.refusal, 'or restore it from version control');
  return read.bytes.toString('utf8');
}
