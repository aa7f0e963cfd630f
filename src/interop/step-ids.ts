import type { Plan } from '../model/plan.js';
import type { Positions } from '../model/parsed.js';
import { splitLines } from '../markdown/text-lines.js';
import { scanOutline } from '../markdown/outline-fast.js';

/**
 * The stable id of a plan step, shared by exports, the ledger (`plan` + `step`) and commit
 * trailers (`Plan-Step: billing-roadmap/invoice-pdf#2.1`).
 */
export function stepId(planPath: string, number: string): string {
  return `${planPath}#${number}`;
}

/** GitHub's heading anchor for a heading's inline markdown (github-slugger rules on the rendered text). */
function headingAnchor(markdown: string): string {
  const text = markdown
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/`([^`]*)`/g, '$1')
    .replace(/(\*\*|__)(.*?)\1/g, '$2')
    .replace(/(^|\W)[*_](\S(?:.*?\S)?)[*_](?=\W|$)/g, '$1$2');
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
    .replace(/ /g, '-');
}

/**
 * Anchor of every step and sub-step heading in the plan document (`1-define-batch-input-schema`),
 * numbered like GitHub does when headings repeat. Steps without a known heading line get none.
 */
export function stepAnchors(text: string, plan: Plan, positions: Positions): Map<string, string> {
  const outline = scanOutline(splitLines(text).lines);
  const byLine = new Map<number, string>();
  const used = new Map<string, number>();
  for (const h of outline.headings) {
    const base = headingAnchor(h.text);
    const n = used.get(base) ?? 0;
    used.set(base, n + 1);
    byLine.set(h.line, n === 0 ? base : `${base}-${n}`);
  }
  const out = new Map<string, string>();
  (plan.steps ?? []).forEach((s, i) => {
    const at = positions.get(`steps.${i}`);
    if (at && byLine.has(at.line)) out.set(s.number, byLine.get(at.line)!);
    s.subSteps.forEach((sub, j) => {
      const p = positions.get(`steps.${i}.subSteps.${j}`);
      if (p && byLine.has(p.line)) out.set(sub.number, byLine.get(p.line)!);
    });
  });
  return out;
}
