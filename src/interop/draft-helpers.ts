import type { Step, SubStep } from '../model/plan.js';
import { cut, type MdDoc, type MdNode, inlineOf, lineOf, sourceOf } from '../markdown/mdast.js';
import type { ImportDraft } from './types.js';

/** A step with every optional part empty. */
export function newStep(number: string, title: string, body = ''): Step {
  return { number, title, body, dependsOn: null, produces: [], acceptanceCriteria: [], extraFields: [], subSteps: [] };
}

/** A sub-step with every optional part empty. */
export function newSubStep(number: string, title: string, body = ''): SubStep {
  return { number, title, body, dependsOn: null, produces: [], acceptanceCriteria: [], extraFields: [] };
}

/** Make each level-1 step depend on the one before it (the first on none): an ordered sequence. */
export function chainSteps(steps: Step[]): void {
  steps.forEach((s, i) => {
    s.dependsOn = i === 0 ? [] : [steps[i - 1]!.number];
  });
}

/** A URL- and path-safe slug: lower-case letters, digits and single hyphens. */
export function slugify(text: string, max = 60): string {
  const s = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return s.slice(0, max).replace(/-+$/, '');
}

const IN_PROGRESS = /(?:\*\*|__)?\bIN[ _-]PROGRESS\b(?:\*\*|__)?:?/i;
const CURRENT = /\s*(?:←|<-{1,2}|⬅)\s*\**CURRENT\**\s*$/i;

/** Remove progress markers (`**IN PROGRESS**`, `← CURRENT`) from an item; say whether one was there. */
export function stripProgressMarkers(text: string): { text: string; inProgress: boolean } {
  let inProgress = false;
  let t = text;
  if (IN_PROGRESS.test(t)) {
    inProgress = true;
    t = t.replace(IN_PROGRESS, ' ');
  }
  if (CURRENT.test(t)) {
    inProgress = true;
    t = t.replace(CURRENT, '');
  }
  return { text: t.replace(/\s{2,}/g, ' ').trim(), inProgress };
}

/** Step titles are one line of inline markdown without a trailing period. */
export function cleanTitle(text: string): string {
  return text.replace(/\s+/g, ' ').trim().replace(/[.:]$/, '').trim() || 'Untitled step';
}

/** Record a source block that has no home in the plan. */
export function addUnmapped(draft: ImportDraft, doc: MdDoc, section: string, nodeOrLine: MdNode | number, reason: string, text?: string): void {
  const line = typeof nodeOrLine === 'number' ? nodeOrLine : lineOf(nodeOrLine);
  const raw = text ?? (typeof nodeOrLine === 'number' ? '' : sourceOf(doc, nodeOrLine));
  draft.unmapped.push({ line, section, text: cut(raw), reason });
}

/** A title from a document's H1: drop a "Prefix:" label and a trailing format word. */
export function titleFromHeading(text: string, prefixes: readonly string[], suffixes: readonly string[] = []): string {
  let t = text.trim();
  for (const p of prefixes) {
    const re = new RegExp(`^${p}\\s*[:\\-–—]\\s*`, 'i');
    if (re.test(t)) {
      t = t.replace(re, '');
      break;
    }
  }
  for (const s of suffixes) t = t.replace(new RegExp(`\\s*[-–—:]?\\s*${s}\\s*$`, 'i'), '');
  return t.trim();
}

/** An ISO date at the start of a progress-log heading (`2025-11-01 10:30`), or null. */
export function leadingDate(text: string): string | null {
  const m = /^(\d{4}-\d{2}-\d{2})\b/.exec(text.trim());
  return m ? m[1]! : null;
}

/** List every HTML comment of the document as unmapped: comments are not rendered and not carried over. */
export function listComments(draft: ImportDraft, doc: MdDoc): void {
  let section = '';
  const visit = (n: MdNode): void => {
    if (n.type === 'heading') section = inlineOf(doc, n);
    if (n.type === 'html' && /^\s*<!--/.test(n.value ?? ''))
      addUnmapped(draft, doc, section, n, 'HTML comment (e.g. template instructions): not rendered, so not carried into the plan');
    for (const c of n.children ?? []) visit(c);
  };
  visit(doc.tree);
}

/** Put a draft in its stable order: unmapped parts by line (then text), notes without repeats. */
export function finishDraft(draft: ImportDraft): ImportDraft {
  draft.unmapped.sort((a, b) => a.line - b.line || (a.text < b.text ? -1 : a.text > b.text ? 1 : 0));
  draft.notes = [...new Set(draft.notes)];
  return draft;
}
