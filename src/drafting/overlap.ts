import { planFeatures } from '../analysis/plan-features.js';
import { act, ProblemError } from '../model/errors.js';
import type { Plan, SubStep } from '../model/plan.js';
import type { PlanStates } from '../model/plan-state.js';
import type { SpecRepo } from '../model/repository.js';

/*
 * Does a draft repeat the work of an open plan? A simple measure a reviewer can check by eye:
 * two steps overlap when their titles share most of their words, or when they produce the same
 * artifact. Words are compared after normalisation: lower case, punctuation and code marks
 * dropped, a few English endings removed ("indexes", "indexing" → "index"), and the verbs and
 * fillers every plan uses ("add", "implement", "the") left out.
 */

/** Titles overlap when they share at least this share of the shorter title's words… */
const TITLE_SHARE = 0.6;
/** …and at least this many words. */
const MIN_SHARED = 2;

const FILLER = new Set(
  'a an the and or of for to in on with by from into at as its it this that be is are new all each per via add adds build create define write implement implementation make set setup up support update handle use using step plan work'.split(
    ' ',
  ),
);

/** A word as compared: lower case, common English endings removed. */
function stem(word: string): string {
  let w = word.toLowerCase();
  for (const [end, keep] of [
    ['ies', 'y'],
    ['ing', ''],
    ['es', ''],
    ['ed', ''],
    ['s', ''],
  ] as const) {
    if (w.length > end.length + 3 && w.endsWith(end)) {
      w = w.slice(0, -end.length) + keep;
      break;
    }
  }
  return w;
}

/** The words of a title or Produces item that carry meaning, normalised. */
function contentWords(text: string): string[] {
  const words = text
    .split(/[^A-Za-z0-9]+/)
    .filter((w) => w.length > 1)
    .map(stem)
    .filter((w) => !FILLER.has(w));
  return [...new Set(words)];
}

/** A Produces item's artifact as written: the part before a dash or colon that describes it. */
function artifactText(item: string): string {
  return (item.split(/\s+[—–-]\s+|:\s/)[0] ?? item).trim();
}

/** A Produces item's artifact as compared. */
function artifact(item: string): string {
  return contentWords(artifactText(item)).join(' ');
}

/** One step of a draft that repeats one step of an open plan, and why. */
interface StepOverlap {
  draftStep: string;
  draftTitle: string;
  planStep: string;
  planTitle: string;
  /** "same words: index, search" or "both produce search-index.json". */
  why: string;
}

/** An open plan of the same feature whose steps the draft repeats. */
export interface PlanOverlap {
  /** The drafted plan's path. */
  draft: string;
  /** The open plan's path. */
  plan: string;
  title: string;
  status: string;
  steps: StepOverlap[];
}

function allSteps(plan: Plan): SubStep[] {
  return (plan.steps ?? []).flatMap((s) => [s, ...s.subSteps]);
}

function stepOverlap(a: SubStep, b: SubStep): string | null {
  const wa = contentWords(a.title);
  const wb = new Set(contentWords(b.title));
  const shared = wa.filter((w) => wb.has(w));
  const shorter = Math.min(wa.length, wb.size);
  if (shared.length >= MIN_SHARED && shared.length / shorter >= TITLE_SHARE) return `same words: ${shared.sort().join(', ')}`;
  const made = new Set(b.produces.map(artifact).filter(Boolean));
  const both = a.produces.find((x) => artifact(x) && made.has(artifact(x)));
  return both ? `both produce ${artifactText(both)}` : null;
}

/**
 * The open plans (not superseded, not completed) that list one of `features` and whose steps the
 * drafted `plan` repeats, with each overlapping pair of steps and the reason. `states` gives
 * completion (from execution); the plan at the draft's own `path` is not compared. Pure.
 */
export function findOverlaps(repo: SpecRepo, states: PlanStates, draft: { path: string; plan: Plan; features: readonly string[] }): PlanOverlap[] {
  const mine = allSteps(draft.plan);
  const out: PlanOverlap[] = [];
  for (const entry of [...repo.plans.values()].sort((a, b) => (a.path < b.path ? -1 : 1))) {
    if (entry.path === draft.path) continue;
    const state = states.plans.get(entry.path);
    const status = state?.status ?? entry.parsed.plan.header.status ?? 'unknown';
    if (status === 'superseded' || state?.completed) continue;
    if (!planFeatures(entry).some((f) => draft.features.includes(f))) continue;
    const theirs = allSteps(entry.parsed.plan);
    const steps: StepOverlap[] = [];
    for (const a of mine) {
      for (const b of theirs) {
        const why = stepOverlap(a, b);
        if (why) steps.push({ draftStep: a.number, draftTitle: a.title, planStep: b.number, planTitle: b.title, why });
      }
    }
    if (steps.length) out.push({ draft: draft.path, plan: entry.path, title: entry.parsed.plan.title, status, steps });
  }
  return out;
}

/** The overlaps as lines: "cli-search Step 2 (Build the index) repeats search-index Step 1 (Build the search index), approved: same words: index, search". */
export function overlapLines(overlaps: readonly PlanOverlap[]): string[] {
  return overlaps.flatMap((o) =>
    o.steps.map((s) => `${o.draft} Step ${s.draftStep} (${s.draftTitle}) repeats ${o.plan} Step ${s.planStep} (${s.planTitle}), ${o.status}: ${s.why}`),
  );
}

/** The refusal of a draft that repeats open plans' steps: every pair named, and how to go on. */
export function overlapError(overlaps: readonly PlanOverlap[]): ProblemError {
  const plans = [...new Set(overlaps.map((o) => o.plan))];
  return new ProblemError(
    `the draft repeats steps of ${plans.length === 1 ? 'an open plan' : 'open plans'} of the same feature (${plans.join(', ')}); nothing was written:\n${overlapLines(
      overlaps,
    )
      .map((l) => `  - ${l}`)
      .join('\n')}`,
    [
      'build on the open plan instead (extend it while it is a draft, or draft only the new work, depending on what it produces), or write the draft anyway with ',
      act({ do: 'option', name: 'allowOverlap' }),
    ],
  );
}
