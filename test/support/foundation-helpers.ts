import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

/** The read-only synchestra corpus beside the checkout (`../shared/corpora/synchestra-spec`). */
export const CORPUS_ROOT = path.resolve(here, '../../../shared/corpora/synchestra-spec');

/** Every markdown file below `dir`, root-relative with `/`, sorted. */
export function markdownFiles(root: string, dir = 'spec'): string[] {
  const out: string[] = [];
  const walk = (rel: string): void => {
    for (const e of readdirSync(path.join(root, rel), { withFileTypes: true })) {
      const child = `${rel}/${e.name}`;
      if (e.isDirectory()) walk(child);
      else if (e.isFile() && e.name.endsWith('.md')) out.push(child);
    }
  };
  walk(dir);
  return out.sort();
}

/** Read a corpus file as text. */
export function readCorpus(rel: string): string {
  return readFileSync(path.join(CORPUS_ROOT, rel), 'utf8');
}
