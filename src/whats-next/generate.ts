import { itemsByPlan } from '../analysis/progress.js';
import type { LlmProvider } from '../generation/provider.js';
import type { PromptSource } from '../generation/prompts.js';
import type { WorkItem } from '../model/execution.js';
import { isIsoDate } from '../model/common.js';
import { readList } from '../markdown/blocks.js';
import { splitLines } from '../markdown/text-lines.js';
import type { PreviousReport } from '../parse/whats-next.js';
import { readState } from '../parse/whats-next-state.js';
import { eligibility, NEED_TEXT } from '../rank/eligibility.js';
import { rankPlans, type Ranking } from '../rank/score.js';
import type { PlanFacts } from '../rank/types.js';
import { renderWhatsNext } from '../render/whats-next.js';
import type { SpecRepo } from '../model/repository.js';
import { computeDelta, type Delta } from './delta.js';
import { gatherFacts, planLintErrors } from './facts.js';
import { buildPortfolio, singleFilePlans } from './portfolio.js';
import type { PlanStanding, ProseContext } from './prose-claims.js';
import {
  COMPLETED_CAP,
  type CompletedEntry,
  type InProgressEntry,
  type Mode,
  type RecommendedEntry,
  type Usage,
  type WhatsNextReport,
} from '../model/whats-next-report.js';
import { digest } from '../model/digest.js';
import { DEFAULT_TOP, type RawPrints } from '../model/whats-next-state.js';
import type { Since, StateMeta } from '../model/whats-next-state-schema.js';
import { featuresDigest, itemsDigest, planPrints, renderState } from './state.js';
import { census, entrySentence, templateQuestions, templateReasoning } from './templates.js';

export interface GenerateOptions {
  repo: SpecRepo;
  /** Execution items (ledger + trailers). */
  items: readonly WorkItem[];
  /** Current WHATS-NEXT.md, or null when there is none. */
  previousText: string | null;
  /** Requested mode; incremental falls back to full when the previous state cannot be used. */
  mode: Mode;
  /** Today's date YYYY-MM-DD (injected clock). */
  today: string;
  /** Recommendations listed (default 5). */
  top?: number;
  /** The model for Reasoning and Outstanding Questions; null or the `none` provider for templates. */
  llm?: { provider: LlmProvider; prompts: PromptSource; maxAttempts: number; signal?: AbortSignal } | null;
  /** Digests of the raw inputs (ledger bytes, feature files, trailers), stored for the fast no-change check. */
  raw?: RawPrints;
}

export interface GenerateResult {
  /** The whole file: visible report plus the embedded state. */
  text: string;
  report: WhatsNextReport;
  /** Mode actually used. */
  mode: Mode;
  /** The file's bytes differ from the previous ones. */
  changed: boolean;
  /** The file is left exactly as it was. */
  upToDate: boolean;
  /**
   * Nothing the report shows changed since the previous report (`--check` passes). The file may
   * still be rewritten when only the raw-input digests of its state are stale (a ledger comment
   * edited), so that the next run recognizes the repository without parsing it.
   */
  current: boolean;
  /** Fallbacks and prose problems, one sentence each, for stderr. */
  notes: string[];
  usage: Usage;
  delta: Delta;
  prose: 'llm' | 'template';
}

function fallbackNote(prev: PreviousReport): string | null {
  switch (prev.kind) {
    case 'missing':
      return 'there is no WHATS-NEXT.md yet; building it in full mode';
    case 'no-state':
      return 'WHATS-NEXT.md has no embedded state (written by hand or by another tool); rebuilding it in full mode';
    case 'unreadable':
      return `the state embedded in WHATS-NEXT.md is unreadable (${prev.reason}); rebuilding it in full mode`;
    case 'ok':
      return prev.handEdited ? 'WHATS-NEXT.md was edited by hand since it was generated; rebuilding it in full mode' : null;
  }
}

/** A date the embedded state can hold: YYYY-MM-DD, else null. */
function validDate(d: string | null | undefined): string | null {
  return d && isIsoDate(d) ? d : null;
}

function sinceList(facts: readonly PlanFacts[], delta: Delta, prevSince: Since | null): Since {
  if (delta.empty && prevSince) return prevSince;
  // Only a completed plan has a completion date: the others read as none.
  const completedOn = new Map<string, string | null>();
  for (let i = 0; i < facts.length; i++) if (facts[i]!.progress.completed) completedOn.set(facts[i]!.path, facts[i]!.progress.completedOn);
  const done = delta.newlyCompleted
    .map((p) => [p, validDate(completedOn.get(p))] as [string, string | null])
    .sort((a, b) => ((a[1] ?? '') < (b[1] ?? '') ? 1 : (a[1] ?? '') > (b[1] ?? '') ? -1 : a[0] < b[0] ? -1 : 1));
  const unblocked = [...delta.newlyUnblocked].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([p, by]) => [p, [...by]] as [string, string[]]);
  return { completed: done.slice(0, COMPLETED_CAP), more: Math.max(0, done.length - COMPLETED_CAP), unblocked };
}

function inProgressOf(facts: readonly PlanFacts[]): InProgressEntry[] {
  return facts
    .filter((f) => !f.roadmap && f.progress.inProgress && !f.progress.completed && f.status !== 'superseded')
    .map((f) => ({ plan: f.path, done: f.progress.done, total: f.progress.total, blockers: [...f.progress.blockedItems, ...f.blockedBy] }));
}

function recommendedOf(ranking: Ranking, top: number): RecommendedEntry[] {
  return ranking.ranked.slice(0, top).map((r) => ({
    plan: r.plan,
    rank: r.rank,
    need: r.need,
    effort: r.effort,
    impact: r.impact,
    inferred: [...r.inferred],
    score: r.score,
    reasons: [...r.reasons],
    sentence: entrySentence(r, NEED_TEXT[r.need]),
  }));
}

function eligibilityOf(f: PlanFacts): string | null {
  const e = eligibility(f);
  return e.eligible ? null : e.why;
}

/** Bullets of a previous Outstanding Questions section; "None at this time." is none. */
function questionBullets(section: string): string[] {
  const lines = splitLines(section).lines;
  return readList(lines, 0, lines.length).items.map((i) => i.text);
}

function proseContext(repo: SpecRepo, facts: readonly PlanFacts[], ranking: Ranking, top: readonly RecommendedEntry[]): ProseContext {
  const ranks = new Map(ranking.ranked.map((r) => [r.plan, r.rank]));
  const why = new Map(ranking.excluded.map((x) => [x.plan, x.why]));
  const plans = new Map<string, PlanStanding>();
  for (const f of facts) {
    plans.set(f.path, {
      path: f.path,
      title: f.title,
      status: f.status,
      rank: ranks.get(f.path) ?? null,
      why: why.get(f.path) ?? null,
      inProgress: f.progress.inProgress,
      completed: f.progress.completed,
      blocked: f.blockedBy.length > 0,
    });
  }
  return {
    plans,
    features: new Set(repo.features.keys()),
    top: top.map((e) => e.plan),
    reasons: ranking.ranked.flatMap((r) => r.reasons),
  };
}

/**
 * Build WHATS-NEXT.md. Full mode rebuilds every section and sends the model all the facts;
 * incremental mode reads the previous report's embedded state, computes the delta, and when
 * nothing changed returns the previous file untouched without calling the model; otherwise it
 * regenerates what the delta touches and sends the model only the changes and the previous
 * text. Ranking, Completed Since Last Update and In Progress are always computed by code, from
 * the same baseline in both modes, so both give the same ranking. No file I/O.
 */
export async function generateWhatsNext(o: GenerateOptions): Promise<GenerateResult> {
  const top = o.top ?? DEFAULT_TOP;
  const notes: string[] = [];
  // The state's schema (zod) is loaded only when there is a state to validate.
  const read = readState(o.previousText);
  const prev: PreviousReport = read.kind === 'read' ? (await import('../parse/whats-next.js')).previousReport(read) : read;
  const prevOk = prev.kind === 'ok' ? prev : null;
  let mode: Mode = o.mode;
  if (mode === 'incremental') {
    const why = fallbackNote(prev);
    if (why) {
      notes.push(why);
      mode = 'full';
    }
  }
  const facts = gatherFacts(o.repo, o.items, planLintErrors(o.repo, o.items));
  const grouped = itemsByPlan(o.items);
  const prints = planPrints(o.repo, facts, (p) => grouped.get(p) ?? []);
  const cur = { plans: prints, features: featuresDigest(o.repo), items: itemsDigest(o.items) };
  const delta = computeDelta(prevOk?.state ?? null, cur, facts);
  const noUsage: Usage = { llmCalls: 0, inputTokens: 0, outputTokens: 0 };

  const ranking = rankPlans(facts, { newlyUnblocked: delta.newlyUnblocked });
  const recommended = recommendedOf(ranking, top);
  const since = sinceList(facts, delta, prevOk?.state.meta ? prevOk.state.meta.since : null);
  const completed: CompletedEntry[] = since.completed.map(([plan, completedOn]) => ({ plan, completedOn }));
  const inProgress = inProgressOf(facts);
  const c = census(facts, ranking);
  const template = { reasoning: templateReasoning(recommended, c), questions: templateQuestions(facts, recommended, o.items) };
  const proseKey = digest(JSON.stringify({ r: recommended.map(({ sentence: _s, ...e }) => e), q: template.questions }));

  const current = prevOk !== null && !prevOk.handEdited && delta.empty && prevOk.state.meta.top === top;
  const prevRaw = prevOk?.state.meta.raw;
  // A tracked print this run could not take (`-`) leaves the recorded one standing; a new one is recorded.
  const trackedSame = o.raw?.tracked === undefined || o.raw.tracked === '-' || prevRaw?.tracked === o.raw.tracked;
  const rawSame =
    !o.raw ||
    (prevRaw !== undefined && prevRaw.ledger === o.raw.ledger && prevRaw.features === o.raw.features && prevRaw.trailers === o.raw.trailers && trackedSame);
  const upToDate = mode === 'incremental' && current && rawSame;
  let prose: { reasoning: string; questions: string[]; source: 'llm' | 'template' };
  let usage = noUsage;
  const sameProseFacts = prevOk !== null && prevOk.state.meta.prose === 'llm' && prevOk.state.meta.ranking === proseKey;
  const keepPrevious = (mode === 'incremental' && sameProseFacts) || (mode === 'full' && current && sameProseFacts);
  if (mode === 'full' && keepPrevious && o.llm && o.llm.provider.name !== 'none')
    notes.push('nothing changed since the last report; the model was not asked again');
  if (keepPrevious || (mode === 'incremental' && current && prevOk)) {
    prose =
      prevOk!.state.meta.prose === 'llm'
        ? { reasoning: prevOk!.reasoning, questions: questionBullets(prevOk!.questions), source: 'llm' }
        : { ...template, source: 'template' };
  } else if (!o.llm || o.llm.provider.name === 'none') {
    prose = { ...template, source: 'template' };
  } else {
    // The prose writer (with its reply schema) is loaded only when a model is asked.
    const { writeProse } = await import('./prose.js');
    const written = await writeProse({
      provider: o.llm.provider,
      prompts: o.llm.prompts,
      maxAttempts: o.llm.maxAttempts,
      signal: o.llm.signal,
      mode: mode === 'incremental' && prevOk ? 'incremental' : 'full',
      today: o.today,
      facts: {
        facts,
        ranking,
        top: recommended,
        census: c,
        questions: template.questions,
        delta,
        completed,
        inProgress,
        previousTop: prevOk?.state.meta.shown ?? [],
      },
      ctx: proseContext(o.repo, facts, ranking, recommended),
      template,
      previous: prevOk ? { reasoning: prevOk.reasoning, questions: questionBullets(prevOk.questions) } : undefined,
    });
    notes.push(...written.notes);
    prose = written;
    usage = written.usage;
  }

  const report: WhatsNextReport = {
    generated: o.today,
    mode,
    completed,
    completedMore: since.more,
    inProgress,
    recommended,
    reasoning: prose.reasoning,
    questions: prose.questions,
  };
  const singleFilePaths = singleFilePlans(o.repo);
  const singleFile = [...singleFilePaths];
  if (singleFile.length) report.singleFile = singleFile.sort();
  const rework = facts.filter((f) => eligibilityOf(f) === 'needs_rework').map((f) => ({ plan: f.path, errors: f.lintErrors }));
  if (rework.length) report.needsRework = rework;
  if (upToDate && prevOk) {
    report.generated = prevOk.state.meta.generated;
    report.mode = prevOk.state.meta.mode;
    return { text: prevOk.text, report, mode: report.mode, changed: false, upToDate: true, current, notes, usage, delta, prose: prose.source };
  }
  const portfolio = buildPortfolio(facts, ranking, { top, singleFile: singleFilePaths });
  let body = renderWhatsNext(report, portfolio);
  if (prevOk && !prevOk.handEdited) {
    const same = { ...report, generated: prevOk.state.meta.generated, mode: prevOk.state.meta.mode };
    const sameBody = renderWhatsNext(same, portfolio);
    if (sameBody === prevOk.body) {
      Object.assign(report, { generated: same.generated, mode: same.mode });
      body = sameBody;
    }
  }
  const meta: StateMeta = {
    generated: report.generated,
    mode: report.mode,
    body: digest(body),
    features: cur.features,
    items: cur.items,
    prose: prose.source,
    ranking: proseKey,
    top,
    shown: recommended.map((e) => [e.plan, e.score] as [string, number]),
    since,
    raw: o.raw ?? { ledger: '-', features: '-', trailers: '-' },
  };
  const text = `${body}\n${renderState(meta, prints)}`;
  const changed = text !== (o.previousText ?? null);
  return { text, report, mode: report.mode, changed, upToDate: !changed, current: current || !changed, notes, usage, delta, prose: prose.source };
}
