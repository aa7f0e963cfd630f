import { z } from 'zod';
import type { Ineligibility } from '../rank/types.js';

/** What the model returns: prose around the computed ranking, never the ranking itself. */
export const ProseReplySchema = z.object({
  reasoning: z.string().describe('2-6 sentences of markdown explaining the computed ranking'),
  focus: z.array(z.string()).describe('Recommended plan paths argued for, in the computed order'),
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

/** What the checker knows: every plan and feature, the computed order, and why others are out. */
export interface ProseContext {
  plans: ReadonlySet<string>;
  features: ReadonlySet<string>;
  /** Computed recommendations in the report, best first. */
  top: readonly string[];
  /** Rank of every eligible plan. */
  ranks: ReadonlyMap<string, number>;
  ineligible: ReadonlyMap<string, Ineligibility>;
}

export interface ProseCheck {
  /** Problems of the reasoning and focus (the reply cannot be used as is). */
  reasoning: string[];
  /** Problems per question index. */
  questions: Map<number, string[]>;
}

const WHY_TEXT: Record<Ineligibility, string> = {
  completed: 'already completed',
  superseded: 'superseded',
  closed: 'closed (implemented, rejected, withdrawn, deprecated or failed)',
  blocked: 'blocked by an unfinished predecessor',
  in_progress: 'already in progress',
  roadmap: 'a roadmap whose child plans are ranked instead',
  invalid_status: 'without a valid status',
};

const RECOMMENDING = /\b(recommend\w*|start\w*|next|prioriti[sz]\w*|pick(?:ed|ing)? up|work on|begin|focus on|tackle|go(?:es)? first)\b/i;
const NOT_RECOMMENDING =
  /\b(blocked|block\w*|wait\w*|until|after|once|completed|complete|done|finished|superseded|in progress|under way|not|never|cannot|can't|excluded?|except)\b/i;
const ORDER =
  /([a-z0-9][a-z0-9/-]*[a-z0-9])`?\*{0,2}\)?\s+(?:\w+\s+)?(?:before|ahead of|over|rather than|above|instead of)\s+\*{0,2}\[?`?([a-z0-9][a-z0-9/-]*[a-z0-9])/gi;

function sentences(text: string): string[] {
  return text
    .split(/(?<=[.!?])\s+|\n+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/**
 * Every way a plan may be named in running prose: its path when it has a hyphen or a slash, and
 * its last segment when that is unique and hyphenated. A one-word path such as `billing` is an
 * ordinary word too, so it counts only when marked up (code, link or bold).
 */
function mentionIndex(plans: ReadonlySet<string>): Map<string, string> {
  const bySlug = new Map<string, string[]>();
  for (const p of plans) {
    const slug = p.slice(p.lastIndexOf('/') + 1);
    (bySlug.get(slug) ?? bySlug.set(slug, []).get(slug)!).push(p);
  }
  const out = new Map<string, string>();
  for (const [slug, ps] of bySlug) if (ps.length === 1 && slug.includes('-')) out.set(slug, ps[0]!);
  for (const p of plans) if (/[-/]/.test(p)) out.set(p, p);
  return out;
}

/** Plans named in a piece of prose, in order of first mention. */
export function mentionedPlans(text: string, plans: ReadonlySet<string>): string[] {
  const index = mentionIndex(plans);
  const found: Array<{ at: number; plan: string }> = [];
  for (const m of text.matchAll(/[a-z0-9][a-z0-9-]*(?:\/[a-z0-9][a-z0-9-]*)?/g)) {
    const before = text[m.index - 1];
    const after = text[m.index + m[0].length];
    if ((before && /[\w-]/.test(before)) || (after && /[\w]/.test(after))) continue;
    const plan = index.get(m[0]);
    if (plan) found.push({ at: m.index, plan });
  }
  for (const m of text.matchAll(/`([^`]+)`|\*\*([^*]+)\*\*|\]\(\s*\.?\/?([^)\s]+?)\/?\s*\)/g)) {
    const token = (m[1] ?? m[2] ?? m[3] ?? '').trim().replace(/\/+$/, '');
    if (plans.has(token)) found.push({ at: m.index, plan: token });
  }
  const seen = new Set<string>();
  return found
    .sort((a, b) => a.at - b.at)
    .map((x) => x.plan)
    .filter((p) => (seen.has(p) ? false : (seen.add(p), true)));
}

/** References in prose that look like plans but name none: links, `code` slugs, `roadmap/child` paths. */
export function unknownReferences(text: string, ctx: Pick<ProseContext, 'plans' | 'features'>): string[] {
  const out = new Set<string>();
  const known = (x: string) => ctx.plans.has(x) || ctx.features.has(x);
  for (const m of text.matchAll(/\[[^\]]*\]\(\s*([^)\s]+)\s*\)/g)) {
    const href = m[1]!;
    if (/^[a-z][a-z0-9+.-]*:/i.test(href) || href.startsWith('#') || href.startsWith('../') || href.startsWith('/')) continue;
    const p = href
      .replace(/^\.\//, '')
      .replace(/\/?README\.md$/i, '')
      .replace(/\/+$/, '');
    if (p && !ctx.plans.has(p)) out.add(p);
  }
  for (const m of text.matchAll(/`([^`\s]+)`/g)) {
    const t = m[1]!.replace(/\/+$/, '');
    if (/^[a-z0-9][a-z0-9-]*(\/[a-z0-9][a-z0-9-]*)?$/.test(t) && /[-/]/.test(t) && !known(t)) out.add(t);
  }
  const tops = new Set([...ctx.plans].filter((p) => !p.includes('/')));
  for (const m of text.matchAll(/(?<![\w/.-])([a-z0-9][a-z0-9-]*)\/([a-z0-9][a-z0-9-]*)(?![\w/-])/g)) {
    const p = `${m[1]}/${m[2]}`;
    if (tops.has(m[1]!) && !known(p)) out.add(p);
  }
  return [...out].sort();
}

/**
 * Check the model's prose against the computed facts: it may not name a plan that does not
 * exist, recommend a plan that is not eligible, or argue for an order other than the computed
 * one. Pure; returns the problems as sentences the model can act on.
 */
export function checkProse(reply: ProseReply, ctx: ProseContext): ProseCheck {
  const reasoning: string[] = [];
  const describe = (p: string): string => {
    const why = ctx.ineligible.get(p);
    if (why) return `${p} is ${WHY_TEXT[why]} and must not be recommended`;
    const rank = ctx.ranks.get(p);
    return rank ? `${p} is ranked #${rank}, outside the ${ctx.top.length} recommended plans` : `${p} is not a plan in this repository`;
  };
  for (const u of unknownReferences(reply.reasoning, ctx))
    reasoning.push(`reasoning names "${u}", which is not a plan in this repository; use only the plan paths given`);
  for (const p of reply.focus) if (!ctx.top.includes(p)) reasoning.push(`focus lists ${describe(p)}`);
  const focusRanks = reply.focus.filter((p) => ctx.top.includes(p)).map((p) => ({ p, r: ctx.top.indexOf(p) + 1 }));
  for (let i = 1; i < focusRanks.length; i++) {
    if (focusRanks[i]!.r <= focusRanks[i - 1]!.r) {
      reasoning.push(
        `focus contradicts the computed order: ${focusRanks[i - 1]!.p} (#${focusRanks[i - 1]!.r}) is put before ${focusRanks[i]!.p} (#${focusRanks[i]!.r})`,
      );
    }
  }
  const index = mentionIndex(ctx.plans);
  for (const s of sentences(reply.reasoning)) {
    for (const p of mentionedPlans(s, ctx.plans)) {
      if (ctx.ineligible.has(p) && RECOMMENDING.test(s) && !NOT_RECOMMENDING.test(s))
        reasoning.push(`reasoning recommends ${describe(p)}: "${s.slice(0, 160)}"`);
    }
    for (const m of s.matchAll(ORDER)) {
      const a = index.get(m[1]!.replace(/\/+$/, ''));
      const b = index.get(m[2]!.replace(/\/+$/, ''));
      if (!a || !b || a === b || NOT_RECOMMENDING.test(s.slice(0, m.index))) continue;
      const ra = ctx.ranks.get(a);
      const rb = ctx.ranks.get(b);
      if (ra && rb && ra > rb) reasoning.push(`reasoning contradicts the computed order: it puts ${a} (#${ra}) before ${b} (#${rb})`);
    }
  }
  const questions = new Map<number, string[]>();
  reply.questions.forEach((q, i) => {
    const errs: string[] = [];
    for (const p of q.plans) if (!ctx.plans.has(p)) errs.push(`question ${i + 1} is about "${p}", which is not a plan in this repository`);
    for (const u of unknownReferences(q.question, ctx)) errs.push(`question ${i + 1} names "${u}", which is not a plan in this repository`);
    if (!q.question.trim()) errs.push(`question ${i + 1} is empty`);
    if (errs.length) questions.set(i, errs);
  });
  return { reasoning: [...new Set(reasoning)], questions };
}
