import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { SpecplanError } from '../src/model/errors.js';
import type { Logger } from './context.js';
import { toolHint } from './hint.js';

/** Thrown inside a tool to return `isError: true` with a message the model can act on. */
export class ToolFailure extends Error {
  constructor(
    message: string,
    readonly hint?: string,
    /** Structured details (e.g. lint diagnostics) added to the error text as JSON. */
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ToolFailure';
  }
}

/** A successful result: `structuredContent` plus a short text rendering for clients that show text. */
export function ok<T extends object>(structured: T, text: string): CallToolResult {
  return { structuredContent: structured as Record<string, unknown>, content: [{ type: 'text', text }] };
}

/** An error result the model can act on: what went wrong, then what to do. */
export function fail(message: string, hint?: string): CallToolResult {
  const text = hint ? `${sentence(message)} ${sentence(hint)}` : sentence(message);
  return { isError: true, content: [{ type: 'text', text }] };
}

/** Capitalized, ending with one period. */
function sentence(s: string): string {
  const t = s.trim().replace(/[.\s]+$/, '');
  const plainWord = /^[a-z]+(?=\s)/.test(t);
  return `${plainWord ? t.charAt(0).toUpperCase() + t.slice(1) : t}.`;
}

const STATUS_OF: Record<string, string> = { submit: 'in_review', revise: 'draft', approve: 'approved', supersede: 'superseded' };

/**
 * Rewrite the CLI advice in shared error messages (`specplan supersede P --by NEW`) as the tool
 * call that does the same here (`set_plan_status` with plan P, status superseded, by NEW).
 */
export function forTools(text: string): string {
  return text
    .replace(/`?specplan (submit|revise|approve|supersede) ([\w/.-]+)(?: --by ([\w/.-]+))?`?/g, (_m, action: string, plan: string, by?: string) => `set_plan_status with plan "${plan}", status "${STATUS_OF[action]}"${by ? `, by "${by}"` : ''}`)
    .replace(/`?specplan new\b[^`;]*`?/g, 'scaffold_plan')
    .replace(/`?specplan lint\b[^`;]*`?/g, 'lint_plans')
    .replace(/`?specplan index\b[^`;]*`?/g, 'update_index')
    .replace(/`?specplan status\b[^`;]*`?/g, 'list_plans')
    .replace(/`?specplan draft\b[^`;]*`?/g, 'draft_plan')
    .replace(/(^|[\s(])--(approver|date|by|slug|parent|feature|proposal|title|author|provider)\b/g, '$1"$2"');
}

/** Map anything thrown by a tool body to an error result; unexpected errors are logged to stderr. */
export function errorResult(e: unknown, log: Logger, tool: string): CallToolResult {
  if (e instanceof ToolFailure) {
    const base = fail(e.message, e.hint);
    if (e.details !== undefined) base.content.push({ type: 'text', text: JSON.stringify(e.details) });
    return base;
  }
  if (e instanceof SpecplanError) return fail(forTools(e.message), e.hint ? forTools(toolHint(e.hint)) : undefined);
  if ((e as Error)?.name === 'AbortError') return fail('the request was cancelled');
  const err = e as Error;
  log.error(`${tool}: unexpected error: ${err?.stack ?? String(e)}`);
  return fail(`${tool} failed unexpectedly: ${err?.message ?? String(e)}`, 'this is a bug in specscore-plans; the server log on stderr has the details');
}

/** Run a tool body, turning thrown errors into `isError` results. */
export async function run(log: Logger, tool: string, body: () => Promise<CallToolResult> | CallToolResult): Promise<CallToolResult> {
  try {
    return await body();
  } catch (e) {
    return errorResult(e, log, tool);
  }
}
