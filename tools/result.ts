import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { Logger } from '../src/app/session.js';
import { SpecplanError, type Hint } from '../src/model/errors.js';
import { bounded } from './bounded.js';
import { toolHint } from './hint.js';

/** Thrown inside a tool to return `isError: true` with a message the model can act on. */
export class ToolFailure extends Error {
  readonly hint: Hint | undefined;
  constructor(
    message: string,
    hint?: string | Hint,
    /** Structured details (e.g. lint diagnostics) added to the error text as JSON. */
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ToolFailure';
    this.hint = hint === undefined ? undefined : typeof hint === 'string' ? [hint] : hint;
  }
}

/**
 * A successful result: `structuredContent`, and the same facts as text for clients that hand the
 * model only `content` (a compact rendering carrying every field, or the document itself), then
 * any links to the resources the result is about.
 */
export function ok<T extends object>(structured: T, text: string, links: CallToolResult['content'] = []): CallToolResult {
  return { structuredContent: structured as Record<string, unknown>, content: [{ type: 'text', text }, ...links] };
}

/** An error result the model can act on: what went wrong, then what to do. */
function fail(message: string, hint?: Hint): CallToolResult {
  return { isError: true, content: [{ type: 'text', text: explanation(message, hint) }] };
}

/** Most characters of a quoted value an error repeats, and of a whole error text. */
const MAX_QUOTED = 120;
const MAX_ERROR = 8000;

/** What went wrong and what to do, as sentences; actions in the hint become tool calls. Quoted values are cut short. */
function explanation(message: string, hint: Hint | undefined): string {
  const text = hint?.length ? `${sentence(message)} ${sentence(toolHint(hint))}` : sentence(message);
  const quoted = text
    .split('"')
    .map((part, i) => (i % 2 === 1 ? bounded(part, MAX_QUOTED) : part))
    .join('"');
  return bounded(quoted, MAX_ERROR);
}

/** Capitalized, ending with one period. */
function sentence(s: string): string {
  const t = s.trim().replace(/[.\s]+$/, '');
  const plainWord = /^[a-z]+(?=\s)/.test(t);
  return `${plainWord ? t.charAt(0).toUpperCase() + t.slice(1) : t}.`;
}

/**
 * An expected failure (a `ToolFailure` or an error of the core) as MCP text: its message and its
 * hint with actions rendered as tool calls; null for anything else.
 */
export function errorText(e: unknown): string | null {
  return e instanceof ToolFailure || e instanceof SpecplanError ? explanation(e.message, e.hint) : null;
}

/** Map anything thrown by a tool body to an error result; unexpected errors are logged to stderr. */
function errorResult(e: unknown, log: Logger, tool: string): CallToolResult {
  if (e instanceof ToolFailure) {
    const base = fail(e.message, e.hint);
    if (e.details !== undefined) base.content.push({ type: 'text', text: bounded(JSON.stringify(e.details), 64 * 1024) });
    return base;
  }
  if (e instanceof SpecplanError) return fail(e.message, e.hint);
  if ((e as Error)?.name === 'AbortError') return fail('the request was cancelled');
  const err = e as Error;
  log.error(`${tool}: unexpected error: ${err?.stack ?? String(e)}`);
  return fail(`${tool} failed unexpectedly: ${bounded(err?.message ?? String(e), 500)}`, [
    'this is a bug in specscore-plans; the server log on stderr has the details',
  ]);
}

/** Run a tool body, turning thrown errors into `isError` results. */
export async function run(log: Logger, tool: string, body: () => Promise<CallToolResult> | CallToolResult): Promise<CallToolResult> {
  try {
    return await body();
  } catch (e) {
    return errorResult(e, log, tool);
  }
}
