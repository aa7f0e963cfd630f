import type { RecommendedEntry, WhatsNextReport } from '../whats-next/report.js';
import { blocks, bulletList } from './markdown.js';

/** `[plan](plan/)`: links are relative to spec/plans/, where WHATS-NEXT.md lives. */
export function planLink(plan: string): string {
  return `[${plan}](${plan}/)`;
}

function estimate(e: RecommendedEntry): string {
  const mark = (k: 'effort' | 'impact') => (e.inferred.includes(k) ? ' (inferred)' : '');
  return `Impact: ${e.impact}${mark('impact')}, Effort: ${e.effort}${mark('effort')}`;
}

/** One numbered Recommended Next item: `N. **[plan](plan/)** — Impact: …, Effort: …. Reason.` */
export function recommendedLine(e: RecommendedEntry, n: number): string {
  return `${n}. **${planLink(e.plan)}** — ${estimate(e)}. ${e.sentence}`;
}

function completedSection(r: WhatsNextReport): string {
  if (!r.completed.length) return '(none)';
  const lines = r.completed.map((c) => `${planLink(c.plan)} — completed${c.completedOn ? ` ${c.completedOn}` : ''}`);
  if (r.completedMore) lines.push(`…and ${r.completedMore} more completed plan${r.completedMore === 1 ? '' : 's'}`);
  return bulletList(lines);
}

function inProgressSection(r: WhatsNextReport): string {
  if (!r.inProgress.length) return '(none)';
  return bulletList(r.inProgress.map((p) => `${planLink(p.plan)} — ${p.done}/${p.total} steps done, ${p.blockers.length ? `blocked by ${p.blockers.join(', ')}` : 'no blockers'}`));
}

function recommendedSection(r: WhatsNextReport): string {
  if (!r.recommended.length) return 'Nothing can be recommended right now: every open plan is completed, in progress, blocked or superseded.';
  return r.recommended.map((e, i) => recommendedLine(e, i + 1)).join('\n');
}

/**
 * The visible WHATS-NEXT.md, in exactly the seed's structure (CONTRACTS.md): title, Generated,
 * Mode, Completed Since Last Update, In Progress, Recommended Next with its Reasoning, and
 * Outstanding Questions. Pure and deterministic; the machine state is appended separately.
 */
export function renderWhatsNext(r: WhatsNextReport): string {
  return blocks([
    "# What's Next",
    `**Generated:** ${r.generated}\n**Mode:** ${r.mode}`,
    `## Completed Since Last Update\n\n${completedSection(r)}`,
    `## In Progress\n\n${inProgressSection(r)}`,
    `## Recommended Next\n\n${recommendedSection(r)}`,
    `### Reasoning\n\n${r.reasoning.trim() || 'No reasoning recorded.'}`,
    `## Outstanding Questions\n\n${r.questions.length ? bulletList(r.questions) : 'None at this time.'}`,
  ]);
}
