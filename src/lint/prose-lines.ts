import { scanOutline } from '../markdown/outline-fast.js';
import { splitLines } from '../markdown/text-lines.js';

/** One line of a document outside fenced code, with its 1-based line number. */
export interface ProseLine {
  line: number;
  text: string;
  /** Whether the line lies before the first level-2 heading (the title and header fields). */
  inHeader: boolean;
}

/** The lines of a markdown document that are not inside fenced code blocks. */
export function proseLines(text: string): ProseLine[] {
  const lines = splitLines(text).lines;
  const outline = scanOutline(lines);
  const inCode = new Uint8Array(lines.length + 2);
  for (const c of outline.code) for (let l = c.line; l <= c.endLine; l++) inCode[l] = 1;
  const firstSection = outline.headings.find((h) => h.depth === 2)?.line ?? lines.length + 1;
  const out: ProseLine[] = [];
  lines.forEach((t, i) => {
    const line = i + 1;
    if (!inCode[line]) out.push({ line, text: t, inHeader: line < firstSection });
  });
  return out;
}
