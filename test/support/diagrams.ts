import { parse as parseDot } from 'ts-graphviz/ast';

let mermaidLoaded: Promise<{ parse(text: string): Promise<unknown> }> | null = null;

/** mermaid's own parser; it needs a DOM (DOMPurify), which happy-dom provides for the test only. */
function mermaid(): Promise<{ parse(text: string): Promise<unknown> }> {
  mermaidLoaded ??= (async () => {
    const { Window } = await import('happy-dom');
    const w = new Window();
    Object.assign(globalThis, { window: w, document: w.document });
    const m = await import('mermaid');
    return m.default;
  })();
  return mermaidLoaded;
}

/** Parse a mermaid diagram with mermaid itself; rejects with mermaid's parse error. */
export async function parseMermaid(text: string): Promise<void> {
  await (await mermaid()).parse(text);
}

/** Every ```mermaid fenced block of a markdown document. */
export function mermaidBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/^```mermaid\n([\s\S]*?)^```$/gm)].map((m) => m[1]!);
}

/** Parse DOT with a DOT parser; throws on a syntax error. */
export function checkDot(text: string): void {
  parseDot(text);
}
