import type { RecommendedEntry, WhatsNextReport } from '../model/whats-next-report.js';
import { inlineText, markdownText, planLink as linkTo, planText, planDocHref } from '../markdown/escape.js';
import { blocks, bulletList } from '../markdown/writer.js';
import type { Portfolio } from '../model/portfolio.js';
import { renderPortfolioSection } from './portfolio.js';

/** Names listed in one line before "and N more". */
const LIST_CAP = 10;

/**
 * `[plan](plan/)`, or `[plan](plan.md)` for a plan written as one file (`singleFile`): links are
 * relative to spec/plans/, where WHATS-NEXT.md lives.
 */
function planLink(plan: string, singleFile?: readonly string[]): string {
  return singleFile?.includes(plan) ? `[${planText(plan)}](${planDocHref(plan, true)})` : linkTo(plan);
}

/** Names joined by commas, each escaped by `show`, at most `LIST_CAP` of them, then "and N more". */
export function someOf(names: readonly string[], show: (name: string) => string = inlineText): string {
  const shown = names.slice(0, LIST_CAP).map(show).join(', ');
  return names.length > LIST_CAP ? `${shown} and ${names.length - LIST_CAP} more` : shown;
}

function estimate(e: RecommendedEntry): string {
  const mark = (k: 'effort' | 'impact') => (e.inferred.includes(k) ? ' (inferred)' : '');
  return `Impact: ${inlineText(e.impact)}${mark('impact')}, Effort: ${inlineText(e.effort)}${mark('effort')}`;
}

/** One numbered Recommended Next item: `N. **[plan](plan/)** — Impact: …, Effort: …. Reason.` */
function recommendedLine(e: RecommendedEntry, n: number, singleFile?: readonly string[]): string {
  return `${n}. **${planLink(e.plan, singleFile)}** — ${estimate(e)}. ${markdownText(e.sentence, { oneLine: true })}`;
}

function completedSection(r: WhatsNextReport): string {
  if (!r.completed.length) return '(none)';
  const lines = r.completed.map((c) => `${planLink(c.plan, r.singleFile)} — completed${c.completedOn ? ` ${inlineText(c.completedOn)}` : ''}`);
  if (r.completedMore) lines.push(`…and ${r.completedMore} more completed plan${r.completedMore === 1 ? '' : 's'}`);
  return bulletList(lines);
}

function inProgressSection(r: WhatsNextReport): string {
  if (!r.inProgress.length) return '(none)';
  return bulletList(
    r.inProgress.map(
      (p) => `${planLink(p.plan, r.singleFile)} — ${p.done}/${p.total} steps done, ${p.blockers.length ? `blocked by ${someOf(p.blockers)}` : 'no blockers'}`,
    ),
  );
}

/** Plans kept out of the ranking until their lint errors are fixed, after the numbered list. */
function reworkLine(r: WhatsNextReport): string {
  const rework = r.needsRework ?? [];
  if (!rework.length) return '';
  const shown = rework.slice(0, LIST_CAP).map((x) => `${planLink(x.plan, r.singleFile)} (${x.errors} lint error${x.errors === 1 ? '' : 's'})`);
  const more = rework.length > LIST_CAP ? ` and ${rework.length - LIST_CAP} more` : '';
  return `\n\nNeeds rework before it can be recommended: ${shown.join(', ')}${more}.`;
}

function recommendedSection(r: WhatsNextReport): string {
  if (!r.recommended.length)
    return `Nothing can be recommended right now: every open plan is completed, in progress, blocked, superseded or needs rework.${reworkLine(r)}`;
  return `${r.recommended.map((e, i) => recommendedLine(e, i + 1, r.singleFile)).join('\n')}${reworkLine(r)}`;
}

/**
 * The visible WHATS-NEXT.md, in exactly the seed's structure (CONTRACTS.md): title, Generated,
 * Mode, Completed Since Last Update, In Progress, Recommended Next with its Reasoning, and
 * Outstanding Questions, then the `## Portfolio` picture when one is given. Every string from data is escaped (plan paths as encoded relative
 * links, model prose without raw HTML or foreign links), so no value can add a section, hide
 * text in an HTML comment or reach the machine state appended after it. Pure and deterministic.
 */
export function renderWhatsNext(r: WhatsNextReport, portfolio?: Portfolio): string {
  const reasoning = markdownText(r.reasoning.trim());
  return blocks([
    "# What's Next",
    `**Generated:** ${inlineText(r.generated)}\n**Mode:** ${inlineText(r.mode)}`,
    `## Completed Since Last Update\n\n${completedSection(r)}`,
    `## In Progress\n\n${inProgressSection(r)}`,
    `## Recommended Next\n\n${recommendedSection(r)}`,
    `### Reasoning\n\n${reasoning.trim() || 'No reasoning recorded.'}`,
    `## Outstanding Questions\n\n${r.questions.length ? bulletList(r.questions.map((q) => markdownText(q, { oneLine: true }))) : 'None at this time.'}`,
    ...(portfolio ? [`## Portfolio\n\n${renderPortfolioSection(portfolio)}`] : []),
  ]);
}
