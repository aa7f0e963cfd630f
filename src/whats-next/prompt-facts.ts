import type { Ranking } from '../rank/score.js';
import type { PlanFacts } from '../rank/types.js';
import type { Delta } from './delta.js';
import type { CompletedEntry, InProgressEntry, RecommendedEntry } from '../model/whats-next-report.js';
import type { Census } from './templates.js';

/** Everything the prose is written from. */
export interface ProseFacts {
  facts: readonly PlanFacts[];
  ranking: Ranking;
  top: readonly RecommendedEntry[];
  census: Census;
  questions: readonly string[];
  delta: Delta;
  completed: readonly CompletedEntry[];
  inProgress: readonly InProgressEntry[];
  /** [plan, score] of the previous report's recommendations, in order (incremental mode). */
  previousTop: ReadonlyArray<readonly [string, number]>;
}

/** Plans listed one per line in a full-mode prompt; the rest are summarized by count. */
const FULL_PLAN_LINES = 200;
/** Ranked candidates below the report's top shown in a full-mode prompt. */
const FULL_EXTRA_CANDIDATES = 15;

function estimate(f: PlanFacts): string {
  return `effort ${f.effort ?? '-'}, impact ${f.impact ?? '-'}`;
}

function planLine(f: PlanFacts): string {
  const parts = [
    `${f.path} — "${f.title}"`,
    f.roadmap ? `roadmap (${f.children.length} children), ${f.status ?? 'no status'}` : (f.status ?? 'no status'),
    estimate(f),
  ];
  if (f.features.length) parts.push(`features ${f.features.map((x) => `${x.path}${x.status ? ` (${x.status})` : ''}`).join(', ')}`);
  if (f.progress.total || f.progress.inProgress || f.progress.completed)
    parts.push(f.progress.completed ? `completed ${f.progress.completedOn ?? ''}`.trim() : `${f.progress.done}/${f.progress.total} steps done`);
  else parts.push(`${f.steps} steps`);
  if (f.blockedBy.length) parts.push(`waits for ${f.blockedBy.join(', ')}`);
  if (f.downstream) parts.push(f.downstream === 1 ? '1 plan waits for it' : `${f.downstream} plans wait for it`);
  return `- ${parts.join('; ')}`;
}

/** A plan's status, estimate and progress in a few words, for the list of changes. */
function shortLine(f: PlanFacts): string {
  const progress = f.progress.completed ? 'completed' : `${f.progress.done}/${f.progress.total} done`;
  return `${f.path}: ${f.status ?? 'no status'}, effort ${f.effort ?? '-'}, impact ${f.impact ?? '-'}, ${progress}`;
}

/** A ranked entry on one line: what the prose must explain. */
function rankedLine(e: Pick<RecommendedEntry, 'rank' | 'plan' | 'score' | 'need' | 'impact' | 'effort' | 'inferred' | 'reasons'>): string {
  const inf = e.inferred.length ? ` (${e.inferred.join(' and ')} inferred)` : '';
  return `${e.rank}. ${e.plan} — score ${e.score}; needs ${e.need}; impact ${e.impact}, effort ${e.effort}${inf}; ${e.reasons.join('; ')}`;
}

function bullets(lines: readonly string[], none = '(none)'): string {
  return lines.length ? lines.map((l) => (l.startsWith('- ') ? l : `- ${l}`)).join('\n') : none;
}

function numbered(lines: readonly string[]): string {
  return lines.length ? lines.join('\n') : '(none)';
}

/** The facts block of a full-mode prompt: the ranking, what is out and why, and every plan. */
export function fullFacts(pf: ProseFacts): Record<'ranking' | 'candidates' | 'excluded' | 'plans' | 'features' | 'questions', string> {
  const extra = pf.ranking.ranked.slice(pf.top.length, pf.top.length + FULL_EXTRA_CANDIDATES);
  const groups = new Map<string, string[]>();
  for (const x of pf.ranking.excluded) (groups.get(x.why) ?? groups.set(x.why, []).get(x.why)!).push(x.plan);
  const excluded = [...groups]
    .sort((a, b) => (a[0] < b[0] ? -1 : 1))
    .map(([why, ps]) => `${why}: ${ps.slice(0, 40).join(', ')}${ps.length > 40 ? ` and ${ps.length - 40} more` : ''}`);
  const ranks = new Map(pf.ranking.ranked.map((r) => [r.plan, r.rank]));
  const order = (f: PlanFacts) => ranks.get(f.path) ?? Number.MAX_SAFE_INTEGER;
  const open = pf.facts.filter((f) => !f.progress.completed && f.status !== 'superseded').sort((a, b) => order(a) - order(b) || (a.path < b.path ? -1 : 1));
  const shown = open.slice(0, FULL_PLAN_LINES).map(planLine);
  const hidden = pf.facts.length - shown.length;
  if (hidden > 0)
    shown.push(`- …and ${hidden} more plans (${pf.census.completed} completed, ${pf.census.superseded} superseded, the rest lower in the ranking)`);
  const features = new Map<string, { status: string | null; plans: number }>();
  for (const f of open)
    for (const x of f.features) {
      const e = features.get(x.path) ?? { status: x.status, plans: 0 };
      e.plans++;
      features.set(x.path, e);
    }
  const featureLines = [...features]
    .sort((a, b) => (a[0] < b[0] ? -1 : 1))
    .slice(0, FULL_PLAN_LINES)
    .map(([p, e]) => `${p}: ${e.status ?? 'no status'}, ${e.plans} open plan${e.plans === 1 ? '' : 's'}`);
  return {
    features: bullets(featureLines),
    ranking: numbered(pf.top.map(rankedLine)),
    candidates: numbered(extra.map(rankedLine)),
    excluded: bullets(excluded),
    plans: bullets(shown),
    questions: bullets([...pf.questions]),
  };
}

/**
 * The entries of the new top the model must write a rationale for (new, rescored, or whose
 * previous rationale no longer holds), one line each with their reasons. The others keep their
 * previous rationale and are not sent.
 */
function changedRanking(pf: ProseFacts, need: readonly string[]): string {
  const before = new Map(pf.previousTop.map(([p], i) => [p, i + 1]));
  return numbered(
    pf.top
      .filter((e) => need.includes(e.plan))
      .map((e) => `${e.rank}. ${e.plan}${before.has(e.plan) ? '' : ' (new)'} WRITE: needs ${e.need}; ${e.reasons.slice(0, 2).join('; ')}`),
  );
}

/** The facts block of an incremental prompt: only what changed, and the new top of the ranking. */
export function deltaFacts(pf: ProseFacts, need: readonly string[]): Record<'changes' | 'ranking', string> {
  const d = pf.delta;
  const byPath = new Map(pf.facts.map((f) => [f.path, f]));
  const lines: string[] = [];
  for (const c of pf.completed) lines.push(`completed: ${c.plan}${c.completedOn ? ` on ${c.completedOn}` : ''}`);
  for (const [p, by] of [...d.newlyUnblocked].sort((a, b) => (a[0] < b[0] ? -1 : 1))) lines.push(`unblocked: ${p} (by ${by.join(', ')})`);
  for (const p of d.added) lines.push(`added: ${shortLine(byPath.get(p)!)}`);
  for (const p of d.removed) lines.push(`removed: ${p}`);
  for (const p of d.changed) if (byPath.has(p)) lines.push(`edited: ${shortLine(byPath.get(p)!)}`);
  for (const p of d.executed) {
    const f = byPath.get(p);
    if (f && !f.progress.completed)
      lines.push(
        `execution: ${p} now ${f.progress.done}/${f.progress.total} steps done${f.progress.blockedItems.length ? `, blocked items ${f.progress.blockedItems.join(', ')}` : ''}`,
      );
  }
  const now = new Set(pf.top.map((e) => e.plan));
  const why = new Map(pf.ranking.excluded.map((x) => [x.plan, x.why.replace('_', ' ')]));
  const rank = new Map(pf.ranking.ranked.map((r) => [r.plan, r.rank]));
  for (const [p] of pf.previousTop)
    if (!now.has(p)) lines.push(`left the recommendations: ${p} (${why.get(p) ?? (rank.has(p) ? `now #${rank.get(p)}` : 'removed')})`);
  if (d.featuresChanged) lines.push('feature statuses changed');
  return { changes: bullets(lines), ranking: changedRanking(pf, need) };
}
