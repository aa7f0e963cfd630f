import type { PlanDraft } from '../model/draft.js';

const HTML = /<!--|-->|<\/?[a-z][a-z0-9-]*(?:\s[^>]*)?\/?>|<\/?(?:script|style|iframe|img)\b/i;
const LINK = /!?\[[^\]]*\]\([^)]*\)|<https?:[^>]*>/;

function snippet(s: string): string {
  const t = s.replace(/\s+/g, ' ').trim();
  return t.length > 50 ? `${t.slice(0, 47)}…` : t;
}

/** Problems of one field of model text, named as the plan shows the field. */
function fieldProblems(where: string, text: string): string[] {
  const out: string[] = [];
  const html = HTML.exec(text);
  if (html) out.push(`${where} contains raw HTML ("${snippet(html[0])}"); write plain text, without HTML tags or comments`);
  const link = LINK.exec(text);
  if (link) out.push(`${where} has the link "${snippet(link[0])}"; refer to documents by name, without links`);
  return out;
}

/**
 * Raw HTML, HTML comments, scripts and links in the text a model wrote for a plan, every one of
 * them, named in the plan's own terms ("Step 2 acceptance criterion 1", "Context"): such text
 * could hide content when the plan is rendered, so it goes back to the model. Pure.
 */
export function draftTextProblems(draft: PlanDraft): string[] {
  const out: string[] = [];
  const list = (label: string, items: readonly string[]) => items.forEach((t, i) => out.push(...fieldProblems(`${label} ${i + 1}`, t)));
  out.push(...fieldProblems('The title', draft.title), ...fieldProblems('Context', draft.context));
  list('Acceptance criterion', draft.acceptanceCriteria);
  for (const step of draft.steps) {
    for (const s of [step, ...step.subSteps]) {
      const name = `Step ${s.number}`;
      out.push(...fieldProblems(`${name} title`, s.title), ...fieldProblems(`${name} description`, s.description));
      list(`${name} acceptance criterion`, s.acceptanceCriteria);
      list(`${name} Produces item`, s.produces);
    }
  }
  list('Risk', draft.risks);
  list('Outstanding question', draft.outstandingQuestions);
  return out;
}
