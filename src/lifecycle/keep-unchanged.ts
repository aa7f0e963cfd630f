/** One heading-led part of a markdown document: the heading line (or '' before the first) and its lines. */
interface Part {
  key: string;
  text: string;
}

/** The document cut before every `##`, `###` and `####` heading; keys number repeated headings. */
function parts(markdown: string): Part[] {
  const out: Part[] = [];
  const seen = new Map<string, number>();
  let key = '';
  let lines: string[] = [];
  const flush = () => out.push({ key, text: lines.join('\n') });
  let fence = false;
  for (const line of markdown.split('\n')) {
    if (/^(```|~~~)/.test(line)) fence = !fence;
    if (!fence && /^#{2,4} /.test(line)) {
      flush();
      const n = (seen.get(line.trimEnd()) ?? 0) + 1;
      seen.set(line.trimEnd(), n);
      key = `${line.trimEnd()}#${n}`;
      lines = [];
    }
    lines.push(line);
  }
  flush();
  return out;
}

/**
 * A re-rendered plan that keeps the author's own text wherever the content did not change: each
 * part (the header block, every section and step) of `renderedNew` that is the same as in
 * `renderedOld` (the old document rendered the same way) is taken from `original` as written,
 * so rewriting one step does not re-indent or re-wrap the rest of the file.
 */
export function keepUnchangedParts(original: string, renderedOld: string, renderedNew: string): string {
  const before = new Map(parts(renderedOld).map((p) => [p.key, p.text]));
  const mine = new Map(parts(original).map((p) => [p.key, p.text]));
  return parts(renderedNew)
    .map((p) => {
      const kept = mine.get(p.key);
      return kept !== undefined && before.get(p.key) === p.text ? kept : p.text;
    })
    .join('\n');
}
