import { existsSync, readFileSync } from 'node:fs';
import { resolveInside } from '../repo/paths.js';
import type { ConventionDoc } from './context.js';

/** Documents that may hold project conventions, besides the plans index. */
export const CONVENTION_FILES = ['spec/README.md', 'spec/features/README.md', 'spec/plans/CONVENTIONS.md'] as const;

/** Read the convention documents that exist (the I/O edge of context assembly). */
export function readConventionDocs(root: string): ConventionDoc[] {
  const out: ConventionDoc[] = [];
  for (const file of CONVENTION_FILES) {
    const abs = resolveInside(root, file);
    if (!existsSync(abs)) continue;
    try {
      out.push({ file, text: readFileSync(abs, 'utf8') });
    } catch {
      // unreadable: lint reports it; context simply goes without it
    }
  }
  return out;
}
