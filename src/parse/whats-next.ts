import { digest } from '../model/digest.js';
import type { WhatsNextState } from '../model/whats-next-state.js';
import { StateMetaSchema } from '../model/whats-next-state-schema.js';
import { readState, type ReadState } from './whats-next-state.js';
import { splitLines } from '../markdown/text-lines.js';
import { scanOutline } from '../markdown/outline-fast.js';
import { joinTrimmed } from '../markdown/blocks.js';

/** The previous WHATS-NEXT.md as incremental mode sees it. */
export type PreviousReport =
  | Exclude<ReadState, { kind: 'read' }>
  | {
      kind: 'ok';
      text: string;
      /** The visible report above the state comment. */
      body: string;
      state: WhatsNextState;
      /** The visible report no longer matches the digest recorded when it was generated. */
      handEdited: boolean;
      /** Bodies of `### Reasoning` and `## Outstanding Questions`, as written. */
      reasoning: string;
      questions: string;
    };

/** Body of the section under `title` (a heading of that exact text), up to the next heading. */
function sectionBody(lines: readonly string[], title: string): string {
  const outline = scanOutline(lines);
  const k = outline.headings.findIndex((h) => h.text === title);
  if (k < 0) return '';
  const start = outline.headings[k]!.line;
  const next = outline.headings[k + 1]?.line ?? lines.length + 1;
  return joinTrimmed(lines, start, next - 1);
}

/**
 * Read a previous WHATS-NEXT.md: its visible body, the embedded machine state (validated: version,
 * syntax, zod schema, checksum) and whether the body was edited by hand since it was generated.
 * Never throws; a state that cannot be trusted is reported with the reason.
 */
export function parseWhatsNext(text: string | null): PreviousReport {
  const read = readState(text);
  return read.kind === 'read' ? previousReport(read) : read;
}

/** `parseWhatsNext` past reading the state comment: validate its metadata (the schema), then the rest. */
export function previousReport(read: Extract<ReadState, { kind: 'read' }>): PreviousReport {
  const meta = StateMetaSchema.safeParse(read.meta);
  if (!meta.success)
    return {
      kind: 'unreadable',
      text: read.text,
      reason: `its state metadata is invalid (${meta.error.issues[0]?.path.join('.')}: ${meta.error.issues[0]?.message})`,
    };
  const bodyLines = splitLines(read.body).lines;
  return {
    kind: 'ok',
    text: read.text,
    body: read.body,
    state: { meta: meta.data, plans: read.plans },
    handEdited: digest(read.body) !== meta.data.body,
    reasoning: sectionBody(bodyLines, 'Reasoning'),
    questions: sectionBody(bodyLines, 'Outstanding Questions'),
  };
}

/** What a reader of WHATS-NEXT.md needs: its header fields and the recommended plans, in rank order. */
export function summarizeReport(body: string): { generated: string | null; mode: string | null; recommended: string[] } {
  const field = (name: string) => new RegExp(`^\\*\\*${name}:\\*\\*\\s*(.+)$`, 'm').exec(body)?.[1]?.trim() ?? null;
  const section = /^## Recommended Next\s*$([\s\S]*?)(?=^## |(?![\s\S]))/m.exec(body)?.[1] ?? '';
  const recommended = [...section.matchAll(/^\d+\.\s+\*\*\[([^\]]+)\]\(([^)]*)\)\*\*/gm)].map((m) => m[2]!.replace(/\/+$/, '').replace(/\.md$/, '') || m[1]!);
  return { generated: field('Generated'), mode: field('Mode'), recommended };
}
