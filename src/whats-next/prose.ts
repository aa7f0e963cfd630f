import { StructuredOutputError } from '../generation/errors.js';
import { renderPrompt, type PromptSource } from '../generation/prompts.js';
import type { LlmProvider } from '../generation/provider.js';
import { generateStructured } from '../generation/structured.js';
import type { Usage } from '../model/whats-next-report.js';
import { checkProse, ProseReplySchema, type ProseContext, type ProseReply } from './check-prose.js';
import { deltaFacts, fullFacts, type ProseFacts } from './prompt-facts.js';

/** Reasoning and Outstanding Questions, and who wrote them. */
export interface Prose {
  reasoning: string;
  questions: string[];
  source: 'llm' | 'template';
  /** What happened on the way (rejected replies, fallbacks), for stderr. */
  notes: string[];
  usage: Usage;
}

/** What the prose is written from and with. */
export interface ProseRequest {
  provider: LlmProvider;
  prompts: PromptSource;
  maxAttempts: number;
  mode: 'full' | 'incremental';
  today: string;
  facts: ProseFacts;
  ctx: ProseContext;
  /** Template text, used for whatever part of the reply cannot be used. */
  template: { reasoning: string; questions: string[] };
  /** The previous report's sections (incremental mode). */
  previous?: { reasoning: string; questions: string };
  signal?: AbortSignal;
}

/** The user/system messages for one mode. Exposed for tests and the token benchmark. */
function prosePrompt(req: Pick<ProseRequest, 'prompts' | 'mode' | 'today' | 'facts' | 'previous'>): { system: string; user: string } {
  if (req.mode === 'incremental' && req.previous) {
    const d = deltaFacts(req.facts);
    return renderPrompt(req.prompts.load('whats-next-incremental'), {
      today: req.today,
      changes: d.changes,
      ranking: d.ranking,
      previous_reasoning: req.previous.reasoning || '(none)',
      previous_questions: req.previous.questions || '(none)',
    });
  }
  return renderPrompt(req.prompts.load('whats-next'), { today: req.today, ...fullFacts(req.facts) });
}

function tidy(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/^#{1,6}\s+.*$/gm, '')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

function keptQuestions(reply: ProseReply, bad: Map<number, string[]>): string[] {
  return reply.questions
    .filter((_, i) => !bad.has(i))
    .map((q) => q.question.replace(/\s+/g, ' ').trim())
    .filter(Boolean)
    .slice(0, 8);
}

/**
 * Ask the model for Reasoning and Outstanding Questions around the computed ranking, check the
 * reply (no unknown plan, no ineligible plan recommended, no contradiction of the computed order),
 * send the problems back for repair up to `maxAttempts`, and replace whatever is still wrong by
 * the template text. The reply is never written as is; network failures fall back to templates.
 */
export async function writeProse(req: ProseRequest): Promise<Prose> {
  const { system, user } = prosePrompt(req);
  let last: ProseReply | null = null;
  const usage: Usage = { llmCalls: 0, inputTokens: 0, outputTokens: 0 };
  try {
    const res = await generateStructured({
      provider: req.provider,
      prompts: req.prompts,
      schema: ProseReplySchema,
      schemaName: 'whats_next_prose',
      schemaDescription: "Reasoning and outstanding questions for the computed What's Next ranking",
      system,
      prompt: user,
      maxAttempts: req.maxAttempts,
      maxTokens: 2_048,
      signal: req.signal,
      validate: (value) => {
        last = value;
        const c = checkProse(value, req.ctx);
        return [...c.reasoning, ...[...c.questions.values()].flat()];
      },
    });
    Object.assign(usage, res.usage);
    const reasoning = tidy(res.value.reasoning);
    if (!reasoning) return { ...req.template, source: 'template', notes: ['the model returned empty reasoning; the template text is used'], usage };
    return { reasoning, questions: keptQuestions(res.value, new Map()), source: 'llm', notes: [], usage };
  } catch (e) {
    if (e instanceof StructuredOutputError) {
      Object.assign(usage, e.usage);
      const notes = [
        `the model's prose was rejected after ${e.attempts.length} attempt${e.attempts.length === 1 ? '' : 's'} (${e.issues.slice(0, 3).join('; ')}); template text is used instead`,
      ];
      const reply = last as ProseReply | null;
      if (reply) {
        const c = checkProse(reply, req.ctx);
        const questions = keptQuestions(reply, c.questions);
        if (!c.reasoning.length && tidy(reply.reasoning)) {
          return { reasoning: tidy(reply.reasoning), questions, source: 'llm', notes: [`dropped ${c.questions.size} question(s) naming unknown plans`], usage };
        }
        if (questions.length) return { reasoning: req.template.reasoning, questions, source: 'llm', notes, usage };
      }
      return { ...req.template, source: 'template', notes, usage };
    }
    if (req.signal?.aborted) throw e;
    const err = e as Error;
    return { ...req.template, source: 'template', notes: [`the model could not be reached (${err.message}); template text is used instead`], usage };
  }
}
