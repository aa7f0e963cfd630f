import type { Step } from '../model/plan.js';
import { blocksToMarkdown, isNoise, itemWithNested } from './blocks-markdown.js';
import {
  addUnmapped,
  finishDraft,
  listComments,
  chainSteps,
  cleanTitle,
  leadingDate,
  newStep,
  newSubStep,
  stripProgressMarkers,
  titleFromHeading,
} from './draft-helpers.js';
import {
  type MdDoc,
  type MdItem,
  type MdSection,
  childSections,
  inlineOf,
  itemsOf,
  listItemsIn,
  normalizeHeading,
  parseDoc,
  sectionsOf,
  sourceOfRange,
} from '../markdown/mdast.js';
import { type ImportDraft, emptyDraft } from './types.js';

type Role = 'context' | 'criteria' | 'steps' | 'log' | 'questions' | 'risks' | 'results';

const ROLES: Record<string, Role> = {
  objective: 'context',
  goal: 'context',
  goals: 'context',
  purpose: 'context',
  context: 'context',
  background: 'context',
  'technical approach': 'context',
  approach: 'context',
  'success criteria': 'criteria',
  'acceptance criteria': 'criteria',
  'execution steps': 'steps',
  steps: 'steps',
  'progress log': 'log',
  progress: 'log',
  'open questions': 'questions',
  questions: 'questions',
  decisions: 'risks',
  'decision log': 'risks',
  risks: 'risks',
  blockers: 'risks',
  results: 'results',
  outcomes: 'results',
  retrospective: 'results',
};

const USED_FRONT_MATTER = new Set(['title', 'slug', 'authors', 'author']);

/** Section key: the heading without a parenthesised qualifier — "Execution Steps (Refined)" → "execution steps". */
function roleOf(title: string): Role | null {
  return ROLES[normalizeHeading(title).replace(/\s*\([^)]*\)\s*$/, '')] ?? null;
}

/**
 * Read an ExecPlan (Objective, Context, Success Criteria, Technical Approach, Execution Steps,
 * Progress Log, Open Questions, Results). Pure. Objective/Context/Approach → Context; Success
 * Criteria → acceptance criteria; the numbered Execution Steps → steps in sequence, their nested
 * checkboxes → sub-steps; Open Questions → Outstanding Questions (resolved ones and the log's
 * decisions and blockers → Risks and open decisions); checked boxes and IN PROGRESS / ← CURRENT
 * markers → progress marks. Everything else is listed as unmapped.
 */
export function importExecPlan(text: string): ImportDraft {
  const doc = parseDoc(text);
  const draft = emptyDraft('execplan');
  const all = sectionsOf(doc);
  const h1 = all.find((s) => s.depth === 1) ?? null;
  readFrontMatter(doc, draft);
  if (h1) draft.title = titleFromHeading(inlineOf(doc, h1.heading), ['ExecPlan', 'Exec Plan', 'Plan'], ['ExecPlan', 'Exec Plan']) || draft.title;

  const top = all.filter((s) => s.depth === 2);
  const firstTop = top[0]?.line ?? Infinity;
  for (const n of doc.tree.children ?? []) {
    const line = n.position?.start.line ?? 1;
    if (line >= firstTop || n === h1?.heading || n.type === 'thematicBreak' || isNoise(n)) continue;
    if (h1 && line < h1.line) continue;
    addUnmapped(draft, doc, h1?.title ?? '', n, 'text before the first section has no place in a plan');
  }

  const stepSections = top.filter((s) => roleOf(s.title) === 'steps');
  const chosenSteps = stepSections.at(-1) ?? null;
  for (const s of top) {
    const role = roleOf(s.title);
    if (role === 'context') readContext(doc, s, draft);
    else if (role === 'criteria') readCriteria(doc, s, draft);
    else if (role === 'steps') {
      if (s === chosenSteps) readSteps(doc, s, draft);
      else addUnmapped(draft, doc, s.title, s.heading, `superseded by the later "${chosenSteps!.title}" section, which is imported`, s.title);
    } else if (role === 'log') readLog(doc, all, s, draft);
    else if (role === 'questions') readQuestions(doc, s, draft);
    else if (role === 'risks') {
      for (const it of listItemsIn(doc, s.nodes)) draft.risks.push(itemWithNested(doc, it));
      for (const n of s.nodes) if (n.type !== 'list' && !isNoise(n)) addUnmapped(draft, doc, s.title, n, 'only list items become risks and decisions');
    } else if (role === 'results') {
      addUnmapped(
        draft,
        doc,
        s.title,
        s.heading,
        'delivery results and lessons learned are a retrospective (spec/plans/<plan>/reports/), not part of the plan',
        `${s.title} (${s.nodes.length} blocks)`,
      );
    } else {
      addUnmapped(draft, doc, s.title, s.heading, 'no matching plan section', `${s.title} (${s.nodes.length} blocks)`);
    }
  }
  listComments(draft, doc);
  if (!chosenSteps) draft.notes.push('the ExecPlan has no "Execution Steps" section');
  return finishDraft(draft);
}

function readFrontMatter(doc: MdDoc, draft: ImportDraft): void {
  const fm = doc.frontMatter;
  if (!fm) return;
  if (typeof fm.title === 'string') draft.title = fm.title;
  if (typeof fm.slug === 'string') draft.slug = fm.slug;
  const authors = Array.isArray(fm.authors) ? fm.authors : typeof fm.author === 'string' ? [fm.author] : [];
  const first = authors.find((a): a is string => typeof a === 'string' && a.trim() !== '');
  if (first) draft.author = first.startsWith('@') ? first : `@${first.replace(/\s+/g, '-')}`;
  const rest = Object.keys(fm)
    .filter((k) => !USED_FRONT_MATTER.has(k))
    .sort();
  if (rest.length) addUnmapped(draft, doc, 'front matter', 1, 'front matter fields other than title, slug and authors have no plan field', rest.join(', '));
}

function readContext(doc: MdDoc, s: MdSection, draft: ImportDraft): void {
  const body = blocksToMarkdown(doc, s.nodes);
  if (!body) return;
  const key = normalizeHeading(s.title);
  draft.context.push(key.includes('approach') ? `Technical approach: ${body}` : body);
}

function readCriteria(doc: MdDoc, s: MdSection, draft: ImportDraft): void {
  for (const it of listItemsIn(doc, s.nodes)) draft.acceptanceCriteria.push(itemWithNested(doc, it));
  for (const n of s.nodes) if (n.type !== 'list' && !isNoise(n)) addUnmapped(draft, doc, s.title, n, 'only list items become acceptance criteria');
}

function readSteps(doc: MdDoc, s: MdSection, draft: ImportDraft): void {
  const items = listItemsIn(doc, s.nodes);
  for (const n of s.nodes) if (n.type !== 'list' && !isNoise(n)) addUnmapped(draft, doc, s.title, n, 'only list items become steps');
  const steps: Step[] = items.map((it, i) => readStep(doc, it, String(i + 1), draft));
  chainSteps(steps);
  if (steps.length > 1) draft.notes.push(`the ${steps.length} execution steps are numbered, so each step depends on the one before it`);
  draft.steps = steps;
}

function readStep(doc: MdDoc, it: MdItem, number: string, draft: ImportDraft): Step {
  const lead = stripProgressMarkers(it.text);
  const body: string[] = [];
  const step = newStep(number, cleanTitle(lead.text));
  for (const b of it.blocks) if (!isNoise(b)) body.push(sourceOfRange(doc, [b]));
  for (const list of it.lists) {
    const kids = itemsOf(doc, list);
    const plain = kids.filter((k) => k.checked === null);
    for (const k of kids) {
      if (k.checked === null) continue;
      const sub = stripProgressMarkers(k.text);
      const subNumber = `${number}.${step.subSteps.length + 1}`;
      const deeper = itemWithNested(doc, k, '').trim();
      if (deeper) draft.notes.push(`text nested under sub-step ${subNumber} is kept in its description (plans nest two levels)`);
      step.subSteps.push(newSubStep(subNumber, cleanTitle(sub.text), deeper));
      if (k.checked) draft.progress.push({ step: subNumber, status: 'done', externalId: null, line: k.line });
      else if (sub.inProgress) draft.progress.push({ step: subNumber, status: 'in_progress', externalId: null, line: k.line });
    }
    if (plain.length) body.push(plain.map((k) => `- ${itemWithNested(doc, k).replace(/\n/g, '\n  ')}`).join('\n'));
  }
  step.body = body.join('\n\n');
  if (step.subSteps.length === 0) {
    if (it.checked) draft.progress.push({ step: number, status: 'done', externalId: null, line: it.line });
    else if (lead.inProgress) draft.progress.push({ step: number, status: 'in_progress', externalId: null, line: it.line });
  } else if (it.checked && draft.progress.filter((p) => p.step.startsWith(`${number}.`) && p.status === 'done').length < step.subSteps.length) {
    draft.notes.push(`step ${number} is checked but not all of its sub-steps are; progress is taken from the sub-steps`);
  }
  return step;
}

const LOG_KIND = /^(?:\*\*|__)?([A-Za-z][A-Za-z -]*?)(?:\*\*|__)?\s*:(?:\*\*|__)?\s*(.*)$/s;

function readLog(doc: MdDoc, all: readonly MdSection[], s: MdSection, draft: ImportDraft): void {
  const entries = childSections(all, s);
  const dates: string[] = [];
  const own = entries.length ? s.nodes.slice(0, s.nodes.indexOf(entries[0]!.heading)) : s.nodes;
  for (const n of own) if (!isNoise(n)) addUnmapped(draft, doc, s.title, n, 'progress history is an execution record; the ledger holds status, not the plan');
  for (const e of entries) {
    const date = leadingDate(e.title);
    if (date) dates.push(date);
    for (const n of e.nodes) {
      if (n.type !== 'list') {
        if (!isNoise(n))
          addUnmapped(draft, doc, `${s.title} › ${e.title}`, n, 'progress history is an execution record; the ledger holds status, not the plan');
        continue;
      }
      for (const it of itemsOf(doc, n)) {
        const m = LOG_KIND.exec(it.text);
        const kind = m ? m[1]!.trim().toLowerCase() : '';
        if (kind === 'decision' || kind === 'blocker') {
          const label = kind === 'decision' ? 'Decision' : 'Blocker';
          draft.risks.push(itemWithNested(doc, it, `${label} (${e.title}): ${m![2]!.trim()}`));
        } else {
          addUnmapped(
            draft,
            doc,
            `${s.title} › ${e.title}`,
            it.node,
            'progress history is an execution record; the ledger holds status, not the plan',
            it.text,
          );
        }
      }
    }
  }
  draft.progressDate = dates.sort().at(-1) ?? null;
}

function readQuestions(doc: MdDoc, s: MdSection, draft: ImportDraft): void {
  for (const it of listItemsIn(doc, s.nodes)) {
    if (it.checked === true) {
      const text = /resolved/i.test(it.text) ? it.text : `Resolved: ${it.text}`;
      draft.risks.push(itemWithNested(doc, it, text));
    } else draft.questions.push(itemWithNested(doc, it));
  }
  for (const n of s.nodes) if (n.type !== 'list' && !isNoise(n)) addUnmapped(draft, doc, s.title, n, 'only list items become outstanding questions');
}
