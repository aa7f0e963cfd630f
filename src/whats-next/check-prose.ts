import { z } from 'zod';
import { findMentions, planNames, resolvePlan, type Mention, type PlanNames } from './plan-mentions.js';
import { checkClaims, standingText, type ProseContext } from './prose-claims.js';

/**
 * What the model returns: a short rationale bound to each recommended plan, overall notes and
 * questions, all as data. The code renders them around the computed ranking; the model never
 * writes the order itself.
 */
export const ProseReplySchema = z.object({
  rationales: z
    .array(
      z.object({
        plan: z.string().describe('The path of one recommended plan, exactly as given'),
        rationale: z.string().describe('One or two plain sentences: why this plan is worth doing now'),
      }),
    )
    .describe('One entry per recommended plan you are asked about'),
  notes: z.array(z.string()).describe('Up to 3 plain sentences about the whole picture (what is blocked, in progress, competing)'),
  questions: z
    .array(
      z.object({
        question: z.string().describe('One sentence ending with "?"'),
        plans: z.array(z.string()).describe('Plan paths it is about'),
      }),
    )
    .describe('Outstanding questions, at most 8'),
});
export type ProseReply = z.infer<typeof ProseReplySchema>;

/** The same shape without descriptions, for the short incremental request. */
export const CompactProseReplySchema = z.object({
  rationales: z.array(z.object({ plan: z.string(), rationale: z.string() })),
  notes: z.array(z.string()),
  questions: z.array(z.object({ question: z.string(), plans: z.array(z.string()) })),
});

/** Problems of one reply, per part, so that the good parts of a reply can still be used. */
export interface ProseCheck {
  rationales: Map<number, string[]>;
  notes: Map<number, string[]>;
  questions: Map<number, string[]>;
  /** Recommended plans the reply gives no rationale for (not a problem: their computed reason is shown). */
  missing: string[];
  /** Every problem, one sentence each, in the reply's order. */
  all: string[];
}

/** Longest rationale, note or question accepted, in characters. */
const MAX_PROSE_CHARS = 400;

const HTML = /<!--|-->|<\/?[a-z][a-z0-9-]*(?:\s[^>]*)?\/?>|<\/?(?:script|style|iframe|img|a|div|span|details)\b/i;
const LINK = /!?\[([^\]]*)\]\(\s*<?([^)\s>]*)>?[^)]*\)/g;
const NUMBERED = /^\s*(?:\d+[.)]|#\d+[.:)]?)\s/m;

/** The prose checker for one repository: plan names are indexed once. */
export interface ProseChecker {
  names: PlanNames;
  ctx: ProseContext;
}

export function proseChecker(ctx: ProseContext): ProseChecker {
  return { names: planNames(ctx.plans.values()), ctx };
}

function snippet(s: string): string {
  const t = s.replace(/\s+/g, ' ').trim();
  return t.length > 60 ? `${t.slice(0, 57)}…` : t;
}

/** References that look like plans but name none: links, `code` slugs, `roadmap/child` paths. */
function unknownReferences(text: string, c: ProseChecker): string[] {
  const out = new Set<string>();
  const known = (x: string) => resolvePlan(x, c.names) !== null || c.ctx.features.has(x.replace(/\/+$/, ''));
  for (const m of text.matchAll(/`([^`\s]+)`/g)) {
    const t = m[1]!.replace(/\/+$/, '');
    if (/^[a-z0-9][a-z0-9-]*(\/[a-z0-9][a-z0-9-]*)*$/.test(t) && /[-/]/.test(t) && !known(t)) out.add(t);
  }
  const tops = new Set([...c.ctx.plans.keys()].filter((p) => !p.includes('/')));
  for (const m of text.matchAll(/(?<![\w/.-])([a-z0-9][a-z0-9-]*)\/([a-z0-9][a-z0-9-]*)(?![\w/-])/g)) {
    const p = `${m[1]}/${m[2]}`;
    if (tops.has(m[1]!) && !known(p)) out.add(p);
  }
  return [...out].sort();
}

/** Problems of one piece of model text: markup, links, unknown plans, and claims against the facts. */
function textProblems(text: string, where: string, c: ProseChecker, opts: { bound?: string; asking?: boolean } = {}): string[] {
  const out: string[] = [];
  if (!text.trim()) return [`${where} is empty`];
  if (text.length > MAX_PROSE_CHARS) out.push(`${where} has ${text.length} characters; keep it under ${MAX_PROSE_CHARS} (one or two sentences)`);
  const html = HTML.exec(text);
  if (html) out.push(`${where} contains raw HTML ("${snippet(html[0])}"); write plain text, without HTML tags or comments`);
  for (const m of text.matchAll(LINK)) {
    const href = m[2]!;
    if (m[0].startsWith('!') || !href || resolvePlan(href, c.names) === null)
      out.push(`${where} has the link "${snippet(m[0])}", which does not point at a plan of this repository; write plan paths as plain text, without links`);
  }
  if (NUMBERED.test(text)) out.push(`${where} numbers plans as a list; the report prints the computed order itself, so write sentences, not a ranking`);
  for (const u of unknownReferences(text, c)) out.push(`${where} names "${u}", which is not a plan in this repository; use only the plan paths given`);
  const mentions: Mention[] = findMentions(text, c.names);
  out.push(...checkClaims(text, mentions, where, c.ctx, opts));
  return out;
}

/**
 * Check the model's reply against the computed facts: each rationale is bound to a recommended
 * plan (named by path, slug or title); no text may hold raw HTML, links that are not plans,
 * numbered rankings or unknown plan names; and no sentence may recommend a plan that is not
 * recommended, claim an order, rank or status that contradicts the computed ones. The tool's own
 * computed reasons are accepted as they are. Pure; returns the problems as sentences that name
 * the reply's parts as the model wrote them.
 */
export function checkProse(reply: ProseReply, checker: ProseChecker): ProseCheck {
  const { ctx, names } = checker;
  const rationales = new Map<number, string[]>();
  const seen = new Set<string>();
  reply.rationales.forEach((r, i) => {
    const where = `the rationale for "${snippet(r.plan)}"`;
    const errs: string[] = [];
    const plan = resolvePlan(r.plan, names);
    if (!plan) errs.push(`${where} names a plan that does not exist; use one of the recommended paths: ${ctx.top.join(', ')}`);
    else if (!ctx.top.includes(plan))
      errs.push(`${where}: ${plan} is ${standingText(ctx.plans.get(plan)!, ctx.top.length)}; give rationales only for ${ctx.top.join(', ')}`);
    else if (seen.has(plan)) errs.push(`${where} repeats an earlier rationale for ${plan}; give one per plan`);
    if (plan) seen.add(plan);
    errs.push(...textProblems(r.rationale, where, checker, { bound: plan ?? undefined }));
    if (errs.length) rationales.set(i, errs);
  });
  const missing = (ctx.needRationale ?? ctx.top).filter((p) => !seen.has(p));
  const notes = new Map<number, string[]>();
  reply.notes.forEach((n, i) => {
    const errs = textProblems(n, `note ${i + 1}`, checker);
    if (errs.length) notes.set(i, errs);
  });
  const questions = new Map<number, string[]>();
  reply.questions.forEach((q, i) => {
    const where = `question ${i + 1}`;
    const errs: string[] = [];
    for (const p of q.plans) if (!resolvePlan(p, names)) errs.push(`${where} is about "${snippet(p)}", which is not a plan in this repository`);
    errs.push(...textProblems(q.question, where, checker, { asking: true }));
    if (errs.length) questions.set(i, errs);
  });
  const all = [...[...rationales.values()].flat(), ...[...notes.values()].flat(), ...[...questions.values()].flat()];
  return { rationales, notes, questions, missing, all: [...new Set(all)] };
}
