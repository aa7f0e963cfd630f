import { renderPlan } from '../render/plan.js';
import { planFeatures } from '../analysis/plan-features.js';
import type { PlanState, PlanStates } from '../model/plan-state.js';
import type { PlanEntry, SpecRepo } from '../model/repository.js';
import { PLANS_INDEX } from '../model/repository.js';
import { estimateTokens } from '../generation/usage.js';
import { level2Sections, withoutSections } from './sections.js';
import { normalizeTitle } from '../parse/plan.js';
import type { ResolvedSource } from './source.js';

/** One piece of context. Lower `priority` is more relevant and is trimmed last; 0 is never dropped. */
export interface ContextPart {
  id: string;
  title: string;
  text: string;
  priority: number;
  /** Never cut (the change request being planned). */
  whole?: boolean;
  /** A section title kept whole when the part is cut to fit (the feature's acceptance criteria). */
  protect?: string;
}

export interface OmittedPart {
  id: string;
  title: string;
  tokens: number;
  /** `dropped` (left out) or `truncated` (cut to fit). */
  how: 'dropped' | 'truncated';
}

export interface AssembledContext {
  /** Included parts, most relevant first. */
  parts: ContextPart[];
  omitted: OmittedPart[];
  tokens: number;
  budget: number;
  /** The parts as one markdown document for the prompt. */
  text: string;
  /** One sentence per omitted part, for the prompt and stderr; empty when nothing was left out. */
  omittedNote: string;
}

/** A document read by the caller (I/O at the edge): root-relative file and text. */
export interface ConventionDoc {
  file: string;
  text: string;
}

const DEFAULT_CONTEXT_BUDGET = 24_000;

/** Sections that hold conventions in a spec README or the plans index. */
const CONVENTION = /convention|guideline|style|writing plans/i;

/** Related-plan statuses worth knowing about (superseded plans are history). */
function isActive(entry: PlanEntry): boolean {
  return entry.parsed.plan.header.status !== 'superseded';
}

/** A produced artifact or dependency list as one short clause. */
function clause(label: string, items: readonly string[]): string {
  return items.length ? `; ${label}: ${items.join('; ')}` : '';
}

/**
 * A related plan as the model needs it to build on it: status and progress, the first paragraph
 * of its context, and every step with its execution state, dependencies and what it produces.
 */
function planSummary(entry: PlanEntry, state: PlanState | undefined): string {
  const p = entry.parsed.plan;
  const progress = state && state.progress.total ? `; progress: ${state.progress.done} of ${state.progress.total} steps done` : '';
  const lines = [
    `Plan \`${entry.path}\` — ${p.title} (status: ${state?.status ?? p.header.status ?? 'unknown'}${progress}; features: ${planFeatures(entry).join(', ') || 'none'})`,
  ];
  if (p.context) lines.push(p.context.split(/\n\n/)[0]!.slice(0, 600));
  if (p.steps?.length) {
    lines.push('Steps:');
    const stateOf = new Map((state?.steps ?? []).map((s) => [s.number, s.state]));
    for (const s of p.steps) {
      const done = stateOf.get(s.number);
      lines.push(
        `- ${s.number}. ${s.title}${done ? ` [${done.replace('_', ' ')}]` : ''}${clause('depends on', s.dependsOn ?? [])}${clause('produces', s.produces)}`,
      );
      for (const sub of s.subSteps)
        lines.push(`  - ${sub.number}. ${sub.title}${clause('depends on', sub.dependsOn ?? [])}${clause('produces', sub.produces)}`);
    }
  }
  if (p.childPlans?.length) lines.push(`Child plans: ${p.childPlans.map((r) => `${r.order}. ${r.plan.text} (${r.status})`).join('; ')}`);
  return lines.join('\n');
}

function featureRelation(a: string, b: string): 'same' | 'near' | null {
  if (a === b) return 'same';
  if (a.startsWith(`${b}/`) || b.startsWith(`${a}/`)) return 'near';
  return null;
}

/**
 * Everything the model should see, most relevant first: the source (feature spec, or the
 * proposal and its feature), the roadmap and sibling plans when drafting a child, other active
 * plans touching the same features, project conventions, related features. Proposals are left
 * out unless the source is that proposal (their non-normative disclaimer). Pure.
 */
export function collectContext(
  repo: SpecRepo,
  source: ResolvedSource,
  opts: { parent?: string | null; conventions?: readonly ConventionDoc[]; states?: PlanStates | undefined } = {},
): ContextPart[] {
  const parts: ContextPart[] = [];
  const f = source.feature;
  // Proposals and the back-reference table are not part of the current specification / not needed.
  const featureText = withoutSections(f.text, ['proposals', 'plans']);
  if (source.proposal) {
    parts.push({
      id: `proposal:${source.proposal.id}`,
      title: `The approved change request to plan (${source.proposal.file})`,
      text: source.proposal.text.trim(),
      priority: 0,
      whole: true,
    });
  }
  const criteria = level2Sections(featureText).find((s) => /acceptance criteria/i.test(s.title))?.title;
  parts.push({
    id: `feature:${f.path}`,
    title: source.proposal ? `The feature it changes, as specified today (${f.file})` : `The feature spec to plan (${f.file})`,
    text: featureText,
    priority: 0,
    ...(criteria ? { protect: criteria } : {}),
  });
  if (opts.parent) {
    const roadmap = repo.plans.get(opts.parent);
    if (roadmap) {
      parts.push({
        id: `roadmap:${roadmap.path}`,
        title: `The roadmap this plan belongs to (${roadmap.file})`,
        text: renderPlan(roadmap.parsed.plan).trim(),
        priority: 1,
      });
      for (const child of [...roadmap.children].sort()) {
        const c = repo.plans.get(child);
        if (c)
          parts.push({
            id: `sibling:${c.path}`,
            title: `Sibling plan in the same roadmap: ${c.path}`,
            text: planSummary(c, opts.states?.plans.get(c.path)),
            priority: 1.5,
          });
      }
    }
  }
  const targets = [f.path];
  for (const entry of [...repo.plans.values()].sort((a, b) => (a.path < b.path ? -1 : 1))) {
    if (!isActive(entry) || parts.some((p) => p.id === `sibling:${entry.path}` || p.id === `roadmap:${entry.path}`)) continue;
    const rel = planFeatures(entry)
      .map((x) => targets.map((t) => featureRelation(x, t)))
      .flat();
    if (rel.includes('same'))
      parts.push({
        id: `plan:${entry.path}`,
        title: `Active plan touching the same feature: ${entry.path}`,
        text: planSummary(entry, opts.states?.plans.get(entry.path)),
        priority: 2,
      });
    else if (rel.includes('near'))
      parts.push({
        id: `plan:${entry.path}`,
        title: `Active plan touching a parent or child feature: ${entry.path}`,
        text: planSummary(entry, opts.states?.plans.get(entry.path)),
        priority: 3,
      });
  }
  const conventionDocs: ConventionDoc[] = [...(opts.conventions ?? [])];
  if (repo.index) conventionDocs.push({ file: PLANS_INDEX, text: repo.index.text });
  for (const doc of conventionDocs.sort((a, b) => (a.file < b.file ? -1 : 1))) {
    if (/conventions\.md$/i.test(doc.file)) {
      parts.push({ id: `convention:${doc.file}`, title: `Project conventions (${doc.file})`, text: doc.text.trim(), priority: 2.5 });
      continue;
    }
    for (const s of level2Sections(doc.text)) {
      if (CONVENTION.test(s.title) && s.body)
        parts.push({ id: `convention:${doc.file}#${s.title}`, title: `Project convention: ${s.title} (${doc.file})`, text: s.body, priority: 2.5 });
    }
  }
  for (const child of [...f.children].sort()) {
    const c = repo.features.get(child);
    if (c)
      parts.push({
        id: `feature:${c.path}`,
        title: `Sub-feature ${c.path} (summary)`,
        text: `${c.parsed.feature.title}: ${c.parsed.feature.summary ?? '(no summary)'}`,
        priority: 4,
      });
  }
  if (f.parent) {
    const p = repo.features.get(f.parent);
    if (p)
      parts.push({
        id: `feature:${p.path}`,
        title: `Parent feature ${p.path} (summary)`,
        text: `${p.parsed.feature.title}: ${p.parsed.feature.summary ?? '(no summary)'}`,
        priority: 4,
      });
  }
  return parts;
}

function render(parts: readonly ContextPart[]): string {
  return parts.map((p) => `<context title="${p.title.replace(/"/g, "'")}">\n${p.text}\n</context>`).join('\n\n');
}

/**
 * Fit parts into a token budget (chars/4): drop the least relevant parts first (highest
 * priority number, then the largest); if the must-keep parts alone are too big, cut the largest
 * of them that may be cut (never the proposal being planned), keeping its protected section (the
 * feature's acceptance criteria) whole. Says what was left out.
 */
export function fitToBudget(all: readonly ContextPart[], budget = DEFAULT_CONTEXT_BUDGET): AssembledContext {
  // Stable: among equally relevant parts the collection order holds (the proposal before its feature).
  const parts = [...all].sort((a, b) => a.priority - b.priority);
  const omitted: OmittedPart[] = [];
  const size = (ps: readonly ContextPart[]) => estimateTokens(render(ps));
  const dropOrder = parts.filter((p) => p.priority > 0).sort((a, b) => b.priority - a.priority || b.text.length - a.text.length || (a.id < b.id ? -1 : 1));
  let kept = parts;
  for (const victim of dropOrder) {
    if (size(kept) <= budget) break;
    kept = kept.filter((p) => p !== victim);
    omitted.push({ id: victim.id, title: victim.title, tokens: estimateTokens(victim.text), how: 'dropped' });
  }
  if (size(kept) > budget) {
    const cuttable = kept.filter((p) => !p.whole);
    const largest = [...(cuttable.length ? cuttable : kept)].sort((a, b) => b.text.length - a.text.length)[0]!;
    const over = (size(kept) - budget) * 4 + 200;
    // The protected section (the feature's acceptance criteria) stays whole, after the cut rest.
    const kept2 = largest.protect ? level2Sections(largest.text).find((s) => s.title === largest.protect) : undefined;
    const whole = kept2 ? `## ${kept2.title}\n\n${kept2.body}`.trim() : '';
    const rest = kept2 ? withoutSections(largest.text, [normalizeTitle(kept2.title)]) : largest.text;
    const keepChars = Math.max(0, rest.length - over);
    const cutText = `${rest.slice(0, keepChars)}\n\n[… ${rest.length - keepChars} characters cut to fit the token budget]${whole ? `\n\n${whole}` : ''}`;
    omitted.push({ id: largest.id, title: largest.title, tokens: estimateTokens(rest.slice(keepChars)), how: 'truncated' });
    kept = kept.map((p) => (p === largest ? { ...p, text: cutText } : p));
  }
  const text = render(kept);
  const omittedNote = omitted.length
    ? `Left out to stay within the ${budget.toLocaleString('en-US')}-token context budget: ${omitted.map((o) => `${o.title} (${o.how}, ~${o.tokens.toLocaleString('en-US')} tokens)`).join('; ')}.`
    : '';
  return { parts: kept, omitted, tokens: estimateTokens(text), budget, text, omittedNote };
}

/** Collect and fit the context for a draft. */
export function assembleContext(
  repo: SpecRepo,
  source: ResolvedSource,
  opts: { parent?: string | null; conventions?: readonly ConventionDoc[]; budgetTokens?: number; states?: PlanStates | undefined } = {},
): AssembledContext {
  return fitToBudget(collectContext(repo, source, opts), opts.budgetTokens ?? DEFAULT_CONTEXT_BUDGET);
}
