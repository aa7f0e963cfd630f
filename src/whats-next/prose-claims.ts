import type { Mention } from './plan-mentions.js';
import type { Ineligibility } from '../rank/types.js';

/** What the checker knows of one plan. */
export interface PlanStanding {
  path: string;
  title: string;
  /** Declared status, lower-cased; null when absent. */
  status: string | null;
  /** Position in the computed ranking, null when it is not eligible. */
  rank: number | null;
  /** Why it is not eligible, null when it is. */
  why: Ineligibility | null;
  inProgress: boolean;
  completed: boolean;
  blocked: boolean;
}

/** What the checker knows: every plan and feature, the recommendations, and the computed reasons. */
export interface ProseContext {
  plans: ReadonlyMap<string, PlanStanding>;
  features: ReadonlySet<string>;
  /** Recommended plans in the report, best first. */
  top: readonly string[];
  /** The computed reasons of the ranked plans: a clause quoting one is accepted as it is. */
  reasons: readonly string[];
  /** Plans that must get a rationale in this reply (default: every recommended plan). */
  needRationale?: readonly string[];
}

const WHY_TEXT: Record<Ineligibility, string> = {
  completed: 'already completed',
  superseded: 'superseded',
  blocked: 'blocked by an unfinished predecessor',
  in_progress: 'already in progress',
  roadmap: 'a roadmap whose child plans are ranked instead',
  closed: 'closed (implemented, rejected, withdrawn, deprecated or failed)',
  invalid_status: 'without a valid status',
  needs_rework: 'failing lint and needs rework',
};

/** What a plan is, in the terms of the report. */
export function standingText(s: PlanStanding, topCount: number): string {
  if (s.why) return WHY_TEXT[s.why];
  if (s.rank !== null && s.rank <= topCount) return `recommended #${s.rank}`;
  return s.rank !== null ? `ranked #${s.rank}, outside the ${topCount} recommended plans` : 'not ranked';
}

interface Clause {
  start: number;
  end: number;
  text: string;
}

/** Clause breaks: punctuation and the conjunctions that start a new claim. */
const BREAK = /[.!?;:,()]\s|[;:()—–]|\n|\s-\s|\b(?:because|since|as|so that|which|while|but|once|until|when|whereas|although|though|after|unless|if)\b/gi;

function clauses(text: string): Clause[] {
  const out: Clause[] = [];
  let from = 0;
  for (const m of text.matchAll(BREAK)) {
    out.push({ start: from, end: m.index, text: text.slice(from, m.index) });
    from = m.index + m[0].length;
  }
  out.push({ start: from, end: text.length, text: text.slice(from) });
  return out.filter((c) => c.text.trim());
}

const NEGATION = /\b(?:not|never|no longer|cannot|can't|don't|doesn't|shouldn't|won't|instead of|rather than|avoid|hold off|wait\w*|defer\w*|postpone\w*)\b/i;
/** A verb that recommends what immediately follows it. */
const RECOMMEND_BEFORE =
  /\b(?:start(?:ing)?|begin(?:ning)?|recommend(?:ed|ing)?|prioriti[sz](?:e|ed|ing)|pick(?:ed|ing)? up|work(?:ing)? on|tackle|focus(?:ing)? on|take on|schedule|go with|do)\s+(?:with\s+)?(?:the\s+)?(?:plan\s+)?[`*[]*$/i;
/** What follows a plan name and recommends it: "… next", "… should go first", "… is the next step". */
const RECOMMEND_AFTER =
  /^[`*\]]*(?:\([^)]*\))?\s*(?:plan\s+)?(?:(?:should|must|can|could|will)\s+)?(?:(?:go|come|be done|be started|start|run)\s+)?(next|first)\b|^[`*\]]*\s*(?:plan\s+)?is\s+(?:the\s+)?(?:next|first|top|best)\b/i;
const STATUS_AFTER =
  /^[`*\]]*(?:\([^)]*\))?\s*(?:plan\s+)?(?:is|are|remains|stays|has been|was|sits)\s+(?:still\s+|now\s+|already\s+|currently\s+)?(blocked|in progress|under way|underway|completed|complete|done|finished|superseded|a draft|draft|in review|approved|ready to start|ready|unblocked|eligible)\b/i;
const ORDER_BETWEEN = /^[^.;:]{0,40}?\b(before|ahead of|above|over|followed by|then)\s+(?:the\s+)?[`*[]*$/i;
const ORDINALS = ['first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth'];
const RANK_AFTER =
  /^[`*\]]*(?:\([^)]*\))?\s*(?:plan\s+)?(?:is|comes|goes|ranks?|ranked|sits|stands|placed)\s+(?:ranked\s+)?(?:at\s+)?(?:#(\d+)|number\s+(\d+)|(first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth))\b/i;
const RANK_BOUND =
  /\b(?:comes|goes|ranks?|ranked|is ranked|sits|placed|do (?:it|this)|start (?:it|this)(?: plan)?)\s+(?:at\s+)?(?:#(\d+)|number\s+(\d+)|(first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth))\b/i;

function claimedRank(m: RegExpExecArray): number {
  return m[1] ? Number(m[1]) : m[2] ? Number(m[2]) : ORDINALS.indexOf(m[3]!.toLowerCase()) + 1;
}

/** Whether a status word holds for a plan; null when the word says nothing checkable. */
function statusHolds(word: string, s: PlanStanding): boolean {
  switch (word.toLowerCase()) {
    case 'blocked':
      return s.blocked;
    case 'unblocked':
      return !s.blocked;
    case 'in progress':
    case 'under way':
    case 'underway':
      return s.inProgress && !s.completed;
    case 'completed':
    case 'complete':
    case 'done':
    case 'finished':
      return s.completed;
    case 'superseded':
      return s.status === 'superseded';
    case 'a draft':
    case 'draft':
      return s.status === 'draft';
    case 'in review':
      return s.status === 'in_review';
    case 'approved':
      return s.status === 'approved';
    default:
      return s.why === null;
  }
}

function normal(s: string): string {
  return s
    .replace(/[`*[\]]/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

/**
 * Claims a text makes about plans, checked against the computed facts: a plan recommended (a
 * recommending verb right before its name, or "next"/"first" right after) must be among the
 * recommendations; "X before Y" must follow the computed order; "X is second", "#2" must be
 * its computed rank; "X is blocked / in progress / approved …" must be true. In a question,
 * recommending is asking, not claiming. A clause that quotes one of the computed reasons is
 * accepted as it is. A rationale's own plan is the subject of a rank claim that names no plan.
 */
export function checkClaims(
  text: string,
  mentions: readonly Mention[],
  where: string,
  ctx: ProseContext,
  opts: { bound?: string; asking?: boolean },
): string[] {
  const out: string[] = [];
  const reasons = ctx.reasons.map(normal);
  const top = ctx.top.length;
  const standing = (p: string) => ctx.plans.get(p)!;
  const quote = (c: Clause) =>
    `"${c.text
      .trim()
      .replace(/[.!?]+$/, '')
      .slice(0, 100)}"`;
  const rankProblem = (plan: string, claimed: number, c: Clause) => {
    const s = standing(plan);
    if (s.rank !== claimed || claimed > top) out.push(`${where} puts ${plan} at #${claimed} (${quote(c)}), but it is ${standingText(s, top)}`);
  };
  for (const c of clauses(text)) {
    const n = normal(c.text);
    if (n.length >= 12 && reasons.some((r) => r.includes(n))) continue;
    const inClause = mentions.filter((m) => m.start >= c.start && m.end <= c.end);
    const negated = NEGATION.test(c.text);
    if (!inClause.length && opts.bound && !opts.asking) {
      const r = RANK_BOUND.exec(c.text);
      if (r && !negated) rankProblem(opts.bound, claimedRank(r), c);
    }
    inClause.forEach((m, k) => {
      const s = standing(m.plan);
      const before = text.slice(k ? inClause[k - 1]!.end : c.start, m.start);
      const after = text.slice(m.end, c.end);
      const rec = RECOMMEND_AFTER.exec(after);
      const recommends = !negated && !opts.asking && (RECOMMEND_BEFORE.test(before) || rec !== null);
      if (recommends && !ctx.top.includes(m.plan))
        out.push(`${where} recommends ${m.plan} (${quote(c)}), but it is ${standingText(s, top)}; it must not be recommended`);
      else if (recommends && rec?.[1]?.toLowerCase() === 'first' && s.rank !== 1) rankProblem(m.plan, 1, c);
      const rank = RANK_AFTER.exec(after);
      if (rank && !negated && !opts.asking) rankProblem(m.plan, claimedRank(rank), c);
      const st = STATUS_AFTER.exec(after);
      if (st && !statusHolds(st[1]!, s)) out.push(`${where} says ${m.plan} is ${st[1]!.toLowerCase()} (${quote(c)}), but it is ${standingText(s, top)}`);
      const next = inClause[k + 1];
      if (!next || negated || opts.asking) return;
      const between = ORDER_BETWEEN.exec(text.slice(m.end, next.start));
      if (!between) return;
      const a = s;
      const b = standing(next.plan);
      if (a.why && !b.why) out.push(`${where} puts ${a.path} before ${b.path} (${quote(c)}), but ${a.path} is ${standingText(a, top)}`);
      else if (a.rank !== null && b.rank !== null && a.rank > b.rank)
        out.push(`${where} puts ${a.path} (#${a.rank}) before ${b.path} (#${b.rank}) (${quote(c)}), which contradicts the computed order`);
    });
  }
  return out;
}
