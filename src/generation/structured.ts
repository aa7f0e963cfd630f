import type { z } from 'zod';
import { schemaIssues } from '../model/schema-issues.js';
import { cut, StructuredOutputError, type AttemptRecord } from './errors.js';
import { parseJsonReply, toProviderJsonSchema } from './json-schema.js';
import { renderPrompt, type PromptSource } from './prompts.js';
import type { LlmMessage, LlmProvider, LlmResponse } from './provider.js';
import type { UsageTotals } from './usage.js';

/** One structured generation: the model, the prompt, the schema and the checks the reply must pass. */
export interface StructuredRequest<T> {
  provider: LlmProvider;
  /** Templates; the repair turn comes from `repair`. */
  prompts: PromptSource;
  /** The zod schema the reply must satisfy; sent as JSON Schema (z.toJSONSchema). */
  schema: z.ZodType<T>;
  /** Tool / response-format name, e.g. `plan_draft`. */
  schemaName: string;
  schemaDescription?: string;
  system: string;
  prompt: string;
  /**
   * The problems of a reply the schema rejected, given the parsed reply and the schema's issues
   * (for plans: worded as the plan shows each place, with the graph problems found as well);
   * default: each issue with its path.
   */
  schemaProblems?: (input: unknown, issues: readonly z.core.$ZodIssue[]) => string[];
  /** Checks beyond the schema (for plans: render, parse back, lint). Each string is one problem. */
  validate?: (value: T) => string[] | Promise<string[]>;
  /** Generation + repair attempts (`planning.llm.max_attempts`). */
  maxAttempts: number;
  maxTokens?: number;
  signal?: AbortSignal;
}

/** An accepted value with the attempts and usage it took. */
export interface StructuredResult<T> {
  value: T;
  /** Every attempt; the last one was accepted. */
  attempts: AttemptRecord[];
  /** Usage of this generation's calls. */
  usage: UsageTotals;
  model: string;
}

/** Raw reply kept in the conversation for the repair turn. */
const ECHO_LIMIT = 12_000;

/** Default repair turn from the `repair` template. */
function defaultRepairPrompt(prompts: PromptSource, schemaName: string): (errors: readonly string[], attempt: number, maxAttempts: number) => string {
  const template = prompts.load('repair');
  return (errors, attempt, maxAttempts) =>
    renderPrompt(template, {
      errors: errors.map((e) => `- ${e}`).join('\n'),
      attempt: String(attempt),
      max_attempts: String(maxAttempts),
      schema_name: schemaName,
    }).user;
}

function replyProblems(res: LlmResponse, schemaName: string, maxTokens: number): string[] {
  if (res.stopReason === 'refusal') {
    return [`the reply was a refusal (${cut(res.refusal ?? 'no reason given', 300)}); expected a ${schemaName} for this routine software-planning request`];
  }
  if (res.stopReason === 'max_tokens') {
    return [
      `the reply was cut off at the output limit of ${maxTokens} tokens, so the JSON is incomplete; expected a complete ${schemaName}: keep it shorter (fewer steps, one-sentence descriptions)`,
    ];
  }
  return [];
}

/**
 * Ask for a structured value and repair until it is valid. The reply is parsed, validated with
 * zod, then with `validate`; truncated output, refusals, malformed JSON, schema violations and
 * validation problems all send the exact problems back to the model for another attempt, up to
 * `maxAttempts`. After the last attempt throws `StructuredOutputError` carrying the evidence.
 * Network failures (timeouts, HTTP errors after the SDK's retries) are thrown as they come.
 */
export async function generateStructured<T>(req: StructuredRequest<T>): Promise<StructuredResult<T>> {
  const jsonSchema = toProviderJsonSchema(req.schema);
  const maxTokens = req.maxTokens ?? 8_192;
  const maxAttempts = Math.max(1, req.maxAttempts);
  const repair = defaultRepairPrompt(req.prompts, req.schemaName);
  const messages: LlmMessage[] = [{ role: 'user', content: req.prompt }];
  const attempts: AttemptRecord[] = [];
  const usage: UsageTotals = { llmCalls: 0, inputTokens: 0, outputTokens: 0 };
  let model = req.provider.model;
  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    const res = await req.provider.complete({
      system: req.system,
      messages: [...messages],
      schema: { name: req.schemaName, description: req.schemaDescription, jsonSchema },
      maxTokens,
      signal: req.signal,
    });
    usage.llmCalls++;
    usage.inputTokens += res.usage.inputTokens;
    usage.outputTokens += res.usage.outputTokens;
    model = res.model || model;
    let errors = replyProblems(res, req.schemaName, maxTokens);
    let value: T | undefined;
    if (!errors.length) {
      const parsed = res.json !== null ? { ok: true as const, value: res.json } : parseJsonReply(res.text);
      if (!parsed.ok) errors = [parsed.error];
      else {
        const checked = req.schema.safeParse(parsed.value);
        if (!checked.success)
          errors = req.schemaProblems ? req.schemaProblems(parsed.value, checked.error.issues) : schemaIssues(checked.error.issues, parsed.value);
        else {
          value = checked.data;
          errors = req.validate ? await req.validate(checked.data) : [];
        }
      }
    }
    attempts.push({ attempt, stopReason: res.stopReason, text: cut(res.text), errors });
    if (!errors.length && value !== undefined) return { value, attempts, usage, model };
    if (attempt < maxAttempts) {
      messages.push({ role: 'assistant', content: res.text.trim() === '' ? '(no output)' : cut(res.text, ECHO_LIMIT) });
      messages.push({ role: 'user', content: repair(errors, attempt + 1, maxAttempts) });
    }
  }
  throw new StructuredOutputError(req.schemaName, req.provider.name, attempts, usage);
}
