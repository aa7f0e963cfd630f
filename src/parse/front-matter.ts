import type { SpecscorePlanFacts } from '../model/plan-format.js';

/**
 * The YAML front matter at the top of a document (`---` … `---`): its first-level `key: value`
 * pairs with their lines (1-based) and the line of the closing `---`; null when the document
 * does not start with one. Values are unquoted; nested keys and lists are not read.
 */
export function readFrontMatter(lines: readonly string[]): SpecscorePlanFacts['frontMatter'] {
  if ((lines[0] ?? '').trim() !== '---') return null;
  const fields: Record<string, { value: string; line: number }> = Object.create(null) as Record<string, { value: string; line: number }>;
  for (let i = 1; i < lines.length && i < 200; i++) {
    const line = lines[i]!;
    if (line.trim() === '---') return { fields, endLine: i + 1 };
    const m = /^([A-Za-z_][\w-]*):\s*(.*)$/.exec(line);
    if (m) fields[m[1]!] = { value: m[2]!.trim().replace(/^(['"])(.*)\1$/, '$2'), line: i + 1 };
  }
  return null;
}

const FOOTER = /^\*?This document follows the (https?:\/\/\S+?)\*?\s*$/;

/**
 * The adherence footer (`*This document follows the https://specscore.md/…*`): the last such
 * line, its URL, and whether only blank lines follow it; null when there is none.
 */
export function readFooter(lines: readonly string[]): SpecscorePlanFacts['footer'] {
  for (let i = lines.length - 1; i >= 0; i--) {
    const m = FOOTER.exec(lines[i]!.trim());
    if (!m) continue;
    let last = true;
    for (let j = i + 1; j < lines.length; j++) if (lines[j]!.trim() !== '') last = false;
    return { url: m[1]!, line: i + 1, last };
  }
  return null;
}
