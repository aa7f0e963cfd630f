import { readIfPresent } from './refusal.js';
import { READ_LIMITS } from './safe-read.js';

/** Documents that may hold project conventions, besides the plans index. */
const CONVENTION_FILES = ['spec/README.md', 'spec/features/README.md', 'spec/plans/CONVENTIONS.md'] as const;

/**
 * Read the convention documents that exist (the I/O edge of context assembly). Only regular
 * files inside the root of at most 8 MB are read; anything else is left out.
 */
export function readConventionDocs(root: string): Array<{ file: string; text: string }> {
  const out: Array<{ file: string; text: string }> = [];
  for (const file of CONVENTION_FILES) {
    const read = readIfPresent(root, file, READ_LIMITS.document);
    if (read?.ok) out.push({ file, text: read.bytes.toString('utf8') });
  }
  return out;
}
