import { LineCounter, parseDocument } from 'yaml';

/**
 * Alias expansions allowed while converting a YAML file to data (the yaml library's own
 * default, made explicit): a "billion laughs" document stops here instead of exhausting memory.
 */
export const MAX_YAML_ALIASES = 100;

/** Parsed data, or why not: `line` is null when the problem has no single place (excessive aliasing). */
export type YamlOutcome =
  | { ok: true; value: unknown; positionOf: (path: ReadonlyArray<string | number>) => { line: number; column: number } }
  | { ok: false; line: number | null; column: number; message: string };

/** The first line of a yaml library message, without its own " at line L, column C:" suffix. */
function firstSentence(message: string): string {
  return (message.split('\n')[0] ?? '')
    .replace(/ at line \d+, column \d+:?\s*$/, '')
    .replace(/:\s*$/, '')
    .trim();
}

/**
 * Parse YAML text into plain data. Never throws: a syntax error, an alias used before its anchor
 * and excessive aliasing all come back as one sentence with the line they were found at. On
 * success, `positionOf` gives the line and column of a node by its path (`['items', 3]`).
 */
export function parseYamlText(text: string): YamlOutcome {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { keepSourceTokens: false, lineCounter });
  if (doc.errors.length) {
    const e = doc.errors[0]!;
    return { ok: false, line: e.linePos?.[0]?.line ?? 1, column: e.linePos?.[0]?.col ?? 1, message: firstSentence(e.message) };
  }
  try {
    const value: unknown = doc.toJS({ maxAliasCount: MAX_YAML_ALIASES });
    const positionOf = (path: ReadonlyArray<string | number>) => {
      const node = doc.getIn(path, true) as { range?: [number, number, number] } | undefined;
      const offset = node?.range?.[0];
      if (offset === undefined) return { line: 1, column: 1 };
      const pos = lineCounter.linePos(offset);
      return { line: pos.line, column: pos.col };
    };
    return { ok: true, value, positionOf };
  } catch (e) {
    const message = (e as Error)?.message ?? String(e);
    if (/excessive alias count/i.test(message)) {
      return {
        ok: false,
        line: null,
        column: 1,
        message: `YAML aliases expand more than ${MAX_YAML_ALIASES} times (a "billion laughs" document); write the values out instead of repeating *aliases`,
      };
    }
    return { ok: false, line: null, column: 1, message: firstSentence(message) };
  }
}
