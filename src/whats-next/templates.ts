import { SPECSCORE_PLAN_STATUSES } from '../model/plan-format.js';
import type { WorkItem } from '../model/execution.js';
import type { Ranking } from '../rank/score.js';
import type { PlanFacts, Recommendation } from '../rank/types.js';
import { inlineText, planText } from '../markdown/escape.js';
import type { RecommendedEntry } from '../model/whats-next-report.js';
import { PLAN_STATUSES } from '../model/plan.js';

/** Counts of the plans by what keeps them out of (or puts them in) the ranking. */
export interface Census {
  plans: number;
  eligible: number;
  blocked: string[];
  inProgress: number;
  completed: number;
  superseded: number;
}

export function census(facts: readonly PlanFacts[], ranking: Ranking): Census {
  const why = (w: string) => ranking.excluded.filter((x) => x.why === w).map((x) => x.plan);
  return {
    plans: facts.length,
    eligible: ranking.ranked.length,
    blocked: why('blocked'),
    inProgress: why('in_progress').length,
    completed: why('completed').length,
    superseded: why('superseded').length,
  };
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** Plan paths as markdown text (encoded where a folder name is not a slug), `max` of them, then "and N more". */
function listSome(plans: readonly string[], max = 5, show: (s: string) => string = planText): string {
  const shown = plans.slice(0, max).map(show).join(', ');
  return plans.length > max ? `${shown} and ${plans.length - max} more` : shown;
}

/** A reason (plain text) as markdown, its first letter lower-cased so it reads inside a sentence. */
function lc(s: string): string {
  return inlineText(/^[A-Z][a-z]/.test(s) ? s[0]!.toLowerCase() + s.slice(1) : s);
}

/**
 * The one-sentence reason of a Recommended Next entry: what the plan needs next, then its two
 * strongest non-ROI reasons (ROI is already printed as Impact and Effort).
 */
export function entrySentence(r: Recommendation, needText: string): string {
  const strong = r.reasons
    .filter((x) => !x.startsWith('ROI ') && !/ inferred: /.test(x))
    .slice(0, 2)
    .map(lc);
  const tail = strong.length ? strong.join('; ') : r.reasons[0] ? lc(r.reasons[0]) : 'no blockers';
  return `${inlineText(needText)}: ${tail}.`;
}

/**
 * Template Reasoning: how the ranking was computed, why the first entries lead, and what keeps
 * the other plans out. Deterministic; used offline and whenever the model's reply is rejected.
 */
export function templateReasoning(top: readonly RecommendedEntry[], c: Census): string {
  const paras: string[] = [];
  paras.push(
    "Ranked by the signals in their order of priority: explicit ROI (impact over effort), dependency unlocks (plans newly unblocked since the last report, and downstream plans waiting), momentum of roadmaps already in progress, feature status (closer to Stable first), and effort or impact inferred from the plan's shape where its header has none (discounted, and marked inferred).",
  );
  if (top.length) {
    const lead = top[0]!;
    const rest = top.slice(1).map((e) => `${planText(e.plan)} (${e.score})`);
    paras.push(
      `${planText(lead.plan)} leads with a score of ${lead.score}: ${lead.reasons.slice(0, 3).map(lc).join('; ')}.` +
        (rest.length ? ` It is followed by ${rest.join(', ')}.` : ''),
    );
    const ties = top.filter((e, i) => i > 0 && e.score === top[i - 1]!.score).map((e) => planText(e.plan));
    if (ties.length) paras.push(`Equal scores are ordered by plan path (${ties.join(', ')}).`);
  }
  const out: string[] = [`${plural(c.plans, 'plan')} considered: ${c.eligible} eligible`];
  if (c.blocked.length) out.push(`${c.blocked.length} blocked waiting for predecessors (${listSome(c.blocked)})`);
  if (c.inProgress) out.push(`${c.inProgress} in progress`);
  if (c.completed) out.push(`${c.completed} completed`);
  if (c.superseded) out.push(`${c.superseded} superseded`);
  paras.push(`${out.join(', ')}.`);
  return paras.join('\n\n');
}

/** Template questions listed at most. */
const MAX_QUESTIONS = 12;

/**
 * Template Outstanding Questions: ambiguities found in the facts — plans without a valid status,
 * work started before approval, predecessors that were superseded, work items naming unknown
 * plans, inferred estimates among the recommendations, and a tie at the top. Deterministic.
 */
export function templateQuestions(facts: readonly PlanFacts[], top: readonly RecommendedEntry[], items: readonly WorkItem[]): string[] {
  const q: string[] = [];
  // The first MAX_QUESTIONS are kept: once they are found, the later kinds of question are not looked for.
  for (let i = 0; i < facts.length && q.length < MAX_QUESTIONS; i++) {
    const f = facts[i]!;
    if (f.status === null || !((PLAN_STATUSES as readonly string[]).includes(f.status) || SPECSCORE_PLAN_STATUSES.has(f.status))) {
      q.push(
        `${planText(f.path)} has ${f.status === null ? 'no Status field' : `the status "${inlineText(f.status)}"`}: is it draft, in_review, approved or superseded?`,
      );
    }
  }
  for (let i = 0; i < facts.length && q.length < MAX_QUESTIONS; i++) {
    const f = facts[i]!;
    if (!f.roadmap && f.progress.inProgress && (f.status === 'draft' || f.status === 'in_review')) {
      q.push(
        f.progress.total > 0 && f.progress.done === f.progress.total
          ? `${planText(f.path)} has every step done but was never approved (still ${inlineText(f.status)}): approve it, or supersede it?`
          : `${planText(f.path)} has work under way but is still ${inlineText(f.status)}: should it be approved before execution continues?`,
      );
    }
  }
  for (let i = 0; i < facts.length && q.length < MAX_QUESTIONS; i++) {
    const f = facts[i]!;
    if (f.supersededPredecessors.length && f.status !== 'superseded' && !f.progress.completed) {
      q.push(
        `${planText(f.path)} waits for ${listSome(f.supersededPredecessors, 10)}, which ${f.supersededPredecessors.length === 1 ? 'is' : 'are'} superseded: does it now wait for the successor?`,
      );
    }
  }
  if (q.length >= MAX_QUESTIONS) return q.slice(0, MAX_QUESTIONS);
  const known = new Set(facts.map((f) => f.path));
  const orphans = new Map<string, string[]>();
  for (const i of items) if (!known.has(i.plan)) (orphans.get(i.plan) ?? orphans.set(i.plan, []).get(i.plan)!).push(i.id);
  for (const [plan, ids] of [...orphans].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    q.push(
      `Work items ${listSome([...new Set(ids)].sort(), 3, inlineText)} name the plan "${planText(plan)}", which does not exist: was it renamed or removed?`,
    );
  }
  const guessed = top.filter((e) => e.inferred.length).map((e) => e.plan);
  if (guessed.length) {
    q.push(`Are the inferred estimates right for ${listSome(guessed)}? Adding **Effort:** and **Impact:** to their headers makes the ranking firmer.`);
  }
  if (top.length > 1 && top[0]!.score === top[1]!.score) {
    q.push(`${planText(top[0]!.plan)} and ${planText(top[1]!.plan)} tie at the top (score ${top[0]!.score}): which should go first?`);
  }
  return q.slice(0, MAX_QUESTIONS);
}
