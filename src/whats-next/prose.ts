import { StructuredOutputError } from '../generation/errors.js';
import { renderPrompt, type PromptSource } from '../generation/prompts.js';
import type { LlmProvider } from '../generation/provider.js';
import { generateStructured } from '../generation/structured.js';
import { markdownText, planLink } from '../markdown/escape.js';
import type { RecommendedEntry, Usage } from '../model/whats-next-report.js';
import { checkProse, CompactProseReplySchema, proseChecker, ProseReplySchema, type ProseCheck, type ProseReply } from './check-prose.js';
import { resolvePlan } from './plan-mentions.js';
import { deltaFacts, fullFacts, type ProseFacts } from './prompt-facts.js';
import type { ProseContext } from './prose-claims.js';

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
  /** Template text, used when nothing of the reply can be used. */
  template: { reasoning: string; questions: string[] };
  /** The previous report's Reasoning and Outstanding Questions (incremental mode). */
  previous?: { reasoning: string; questions: string[] };
  signal?: AbortSignal;
}

/** Notes rendered after the rationales. */
const MAX_NOTES = 3;
const MAX_QUESTIONS = 8;
const ITEM = /^- \*\*\[[^\]]*\]\(([^)\s]+?)\/?\)\*\* — (.+)$/;

/** The rationales of a Reasoning section written by `composeReasoning`, by plan, and its other lines. */
function readReasoning(text: string): { rationales: Map<string, string>; rest: string } {
  const rationales = new Map<string, string>();
  const rest: string[] = [];
  for (const line of text.split('\n')) {
    const m = ITEM.exec(line);
    if (m) rationales.set(decodeURIComponent(m[1]!), m[2]!);
    else rest.push(line);
  }
  return { rationales, rest: rest.join('\n').trim() };
}

/**
 * The Reasoning section: one item per recommended plan in the computed order, its link written
 * by code and its rationale escaped, then the notes as one paragraph.
 */
function composeReasoning(top: readonly RecommendedEntry[], rationales: ReadonlyMap<string, string>, notes: readonly string[]): string {
  const items = top.map((e) => `- **${planLink(e.plan)}** — ${rationales.get(e.plan) ?? e.sentence}`);
  const para = notes.map((n) => markdownText(n, { oneLine: true })).join(' ');
  return [items.join('\n'), para].filter(Boolean).join('\n\n');
}

function oneLine(text: string): string {
  return markdownText(text, { oneLine: true });
}

/** The plans whose rationale the model must write now, and the previous ones that still hold. */
function carriedOver(req: ProseRequest): { keep: Map<string, string>; need: string[] } {
  const keep = new Map<string, string>();
  if (req.mode !== 'incremental' || !req.previous) return { keep, need: [...req.ctx.top] };
  const before = new Map(req.facts.previousTop.map(([p, score], i) => [p, { rank: i + 1, score }]));
  const previous = readReasoning(req.previous.reasoning).rationales;
  const checker = proseChecker({ ...req.ctx, needRationale: [] });
  for (const e of req.facts.top) {
    const was = before.get(e.plan);
    const text = previous.get(e.plan);
    // A rationale says why the plan is worth doing, never its place: it holds while the plan's own score does.
    if (!was || was.score !== e.score || !text) continue;
    const c = checkProse({ rationales: [{ plan: e.plan, rationale: text }], notes: [], questions: [] }, checker);
    if (!c.all.length) keep.set(e.plan, text);
  }
  return { keep, need: req.ctx.top.filter((p) => !keep.has(p)) };
}

/** The notes paragraph of a previous Reasoning written from a model's reply; empty for template text. */
function previousNotes(req: ProseRequest): string {
  const prev = req.previous ? readReasoning(req.previous.reasoning) : null;
  return prev && prev.rationales.size ? prev.rest : '';
}

/** Previous questions that still pass the checker (incremental mode keeps them; the model adds new ones). */
function heldQuestions(req: ProseRequest): string[] {
  if (req.mode !== 'incremental' || !req.previous) return [];
  const checker = proseChecker({ ...req.ctx, needRationale: [] });
  return req.previous.questions.filter((q) => !checkProse({ rationales: [], notes: [], questions: [{ question: q, plans: [] }] }, checker).all.length);
}

/** The user/system messages for one mode. */
function prosePrompt(req: ProseRequest, need: readonly string[]): { system: string; user: string } {
  if (req.mode === 'incremental' && req.previous) {
    const d = deltaFacts(req.facts, need);
    const prev = readReasoning(req.previous.reasoning);
    return renderPrompt(req.prompts.load('whats-next-incremental'), {
      changes: d.changes,
      ranking: d.ranking,
      previous_notes: previousNotes(req) || '(none)',
    });
  }
  return renderPrompt(req.prompts.load('whats-next'), { today: req.today, ...fullFacts(req.facts) });
}

/** The usable parts of a reply: rationales, notes and questions without problems. */
function usableParts(reply: ProseReply, c: ProseCheck, req: ProseRequest): { rationales: Map<string, string>; notes: string[]; questions: string[] } {
  const names = proseChecker(req.ctx).names;
  const rationales = new Map<string, string>();
  reply.rationales.forEach((r, i) => {
    const plan = resolvePlan(r.plan, names);
    if (plan && !c.rationales.has(i) && !rationales.has(plan)) rationales.set(plan, oneLine(r.rationale));
  });
  const notes = reply.notes.filter((_, i) => !c.notes.has(i)).slice(0, MAX_NOTES);
  const questions = reply.questions
    .filter((_, i) => !c.questions.has(i))
    .map((q) => q.question.replace(/\s+/g, ' ').trim())
    .filter(Boolean)
    .slice(0, MAX_QUESTIONS);
  return { rationales, notes, questions };
}

/**
 * Ask the model for a rationale per recommended plan, overall notes and questions around the
 * computed ranking; check every part against the computed facts and send the problems back for
 * repair up to `maxAttempts`. The code renders the accepted parts in the computed order, escaped;
 * a part still wrong after the last attempt is dropped (a plan's computed reason stands in for
 * its rationale), and template text is used when nothing is left. Incremental mode keeps the
 * previous rationales of plans whose place did not change and asks only for the others.
 */
export async function writeProse(req: ProseRequest): Promise<Prose> {
  const { keep, need } = carriedOver(req);
  const ctx: ProseContext = { ...req.ctx, needRationale: need };
  const checker = proseChecker(ctx);
  const { system, user } = prosePrompt(req, need);
  const incremental = req.mode === 'incremental' && req.previous !== undefined;
  let last: { reply: ProseReply; check: ProseCheck } | null = null;
  const usage: Usage = { llmCalls: 0, inputTokens: 0, outputTokens: 0 };
  const notes: string[] = [];
  let parts: ReturnType<typeof usableParts> | null = null;
  try {
    const res = await generateStructured({
      provider: req.provider,
      prompts: req.prompts,
      // Incremental mode sends the same shape without descriptions: its prompt explains the fields.
      schema: incremental ? CompactProseReplySchema : ProseReplySchema,
      schemaName: 'whats_next_prose',
      schemaDescription: incremental ? undefined : "A rationale per recommended plan, notes and questions for the computed What's Next ranking",
      system,
      prompt: user,
      maxAttempts: req.maxAttempts,
      maxTokens: 2_048,
      signal: req.signal,
      validate: (value) => {
        const check = checkProse(value, checker);
        last = { reply: value, check };
        return check.all;
      },
    });
    Object.assign(usage, res.usage);
    parts = usableParts(res.value, checkProse(res.value, checker), req);
  } catch (e) {
    if (e instanceof StructuredOutputError) {
      Object.assign(usage, e.usage);
      const n = e.attempts.length;
      notes.push(
        `the model's prose was rejected after ${n} attempt${n === 1 ? '' : 's'} (${e.issues.slice(0, 3).join('; ')}); the parts that contradict the computed facts are left out`,
      );
      const got = last as { reply: ProseReply; check: ProseCheck } | null;
      if (got) parts = usableParts(got.reply, got.check, req);
    } else {
      if (req.signal?.aborted) throw e;
      notes.push(`the model could not be reached (${(e as Error).message}); template text is used instead`);
    }
  }
  const rationales = new Map([...keep, ...(parts?.rationales ?? [])]);
  const without = req.ctx.top.filter((p) => !rationales.has(p));
  if (parts && without.length) notes.push(`the model gave no usable rationale for ${without.join(', ')}; the computed reason is shown instead`);
  if (!parts || (!rationales.size && !parts.notes.length && !parts.questions.length)) {
    if (parts) notes.push('nothing of the reply could be used; template text is used instead');
    return { ...req.template, source: 'template', notes, usage };
  }
  const held = heldQuestions(req);
  const notesNow = parts.notes.length || !incremental ? parts.notes : previousNotes(req) ? [previousNotes(req)] : [];
  const reasoning = composeReasoning(req.facts.top, rationales, notesNow);
  const merged = [...new Set([...held, ...parts.questions])].slice(0, MAX_QUESTIONS);
  const questions = merged.length ? merged : req.template.questions;
  return { reasoning, questions, source: 'llm', notes, usage };
}
