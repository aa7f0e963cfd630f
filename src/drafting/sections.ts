import { splitLines } from '../markdown/text-lines.js';
import { scanOutline } from '../markdown/outline-fast.js';
import { normalizeTitle } from '../parse/plan.js';

/** A level-2 section of a markdown document: title and body (heading excluded). */
export interface MarkdownSection {
  title: string;
  body: string;
}

/** The level-2 sections of a document, in order (fence-aware). */
export function level2Sections(text: string): MarkdownSection[] {
  const { lines } = splitLines(text);
  const h2 = scanOutline(lines).headings.filter((h) => h.depth === 2);
  return h2.map((h, i) => ({
    title: h.text,
    body: lines
      .slice(h.line, i + 1 < h2.length ? h2[i + 1]!.line - 1 : lines.length)
      .join('\n')
      .trim(),
  }));
}

/** The document without the level-2 sections whose normalized title is listed. */
export function withoutSections(text: string, titles: readonly string[]): string {
  const { lines } = splitLines(text);
  const h2 = scanOutline(lines).headings.filter((h) => h.depth === 2);
  const drop = new Set<number>();
  h2.forEach((h, i) => {
    if (!titles.includes(normalizeTitle(h.text))) return;
    const end = i + 1 < h2.length ? h2[i + 1]!.line - 1 : lines.length;
    for (let l = h.line - 1; l < end; l++) drop.add(l);
  });
  return lines
    .filter((_, i) => !drop.has(i))
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** `### Heading` titles (with their bodies) under a level-2 section, fence-aware. */
export function subsections(text: string, parentTitles: readonly string[]): Array<{ title: string; body: string; line: number }> {
  const { lines } = splitLines(text);
  const headings = scanOutline(lines).headings;
  const out: Array<{ title: string; body: string; line: number }> = [];
  headings.forEach((h, i) => {
    if (h.depth !== 2 || !parentTitles.includes(normalizeTitle(h.text))) return;
    const next = headings.slice(i + 1).find((x) => x.depth <= 2);
    const end = next ? next.line - 1 : lines.length;
    const subs = headings.filter((x) => x.depth === 3 && x.line > h.line && x.line <= end);
    subs.forEach((s, k) => {
      const to = k + 1 < subs.length ? subs[k + 1]!.line - 1 : end;
      out.push({ title: s.text, body: lines.slice(s.line, to).join('\n').trim(), line: s.line });
    });
  });
  return out;
}

/** GitHub's heading anchor: lower case, punctuation dropped, spaces → `-`. */
function headingAnchor(title: string): string {
  return title
    .toLowerCase()
    .replace(/[`*_~]/g, '')
    .replace(/[^\p{L}\p{N}\s-]/gu, '')
    .trim()
    .replace(/\s/g, '-');
}

/** Replace markdown links by their text (links in a spec are relative to the spec, not the plan). */
export function unlink(markdown: string): string {
  return markdown.replace(/!?\[((?:[^\]\\]|\\.)*)\]\([^)]*\)/g, '$1');
}
