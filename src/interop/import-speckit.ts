import type { Step } from '../model/plan.js';
import { blocksToMarkdown, isNoise, itemWithNested } from './blocks-markdown.js';
import { addUnmapped, finishDraft, listComments, chainSteps, cleanTitle, newStep, newSubStep, titleFromHeading } from './draft-helpers.js';
import {
  type MdDoc,
  type MdItem,
  type MdNode,
  type MdSection,
  inlineLines,
  inlineOf,
  itemsOf,
  lineOf,
  listItemsIn,
  normalizeHeading,
  parseDoc,
  sectionsOf,
  sourceOfRange,
  tableRows,
} from '../markdown/mdast.js';
import { type ImportDraft, emptyDraft } from './types.js';

/** A marker that asks for clarification, not a sentence mentioning markers ("resolve all NEEDS CLARIFICATION items"). */
const CLARIFY = /NEEDS CLARIFICATION(?=\s*(?:[:\]).,;]|$))/;
const FIELD_LINE = /^\*\*([^*]+?)\*\*\s*:\s*(.*)$/;

type Role = 'summary' | 'technical' | 'constitution' | 'complexity' | 'work' | 'concrete' | 'validation';

const ROLES: Record<string, Role> = {
  summary: 'summary',
  'technical context': 'technical',
  'constitution check': 'constitution',
  'complexity tracking': 'complexity',
  'plan of work': 'work',
  'concrete steps': 'concrete',
  'validation / acceptance': 'validation',
  'validation and acceptance': 'validation',
  validation: 'validation',
  acceptance: 'validation',
  'acceptance criteria': 'validation',
};

const UNMAPPED_REASONS: Record<string, string> = {
  'project structure': 'repository layout is implementation detail the plan does not hold',
  'idempotence / recovery': 'run-book for re-running steps; the plan holds intent, not operations',
  'checklist & gate integration': 'tooling workflow of spec-kit; SpecScore has its own review gate (submit and approve)',
};

/**
 * Read a spec-kit implementation plan (the `/speckit.plan` template). Pure. Summary and
 * Technical Context → Context; Concrete Steps → steps in sequence (nested items → sub-steps),
 * or, when there are none, the Plan of Work phases → steps each depending on the previous phase
 * (with Concrete Steps present the phases are the high-level flow and go into Context);
 * Validation / Acceptance → acceptance criteria; NEEDS CLARIFICATION markers → Outstanding
 * Questions; Constitution gates needing review and Complexity Tracking rows → Risks.
 */
export function importSpeckit(text: string): ImportDraft {
  const doc = parseDoc(text);
  const draft = emptyDraft('speckit');
  const all = sectionsOf(doc);
  const h1 = all.find((s) => s.depth === 1) ?? null;
  if (h1) draft.title = titleFromHeading(inlineOf(doc, h1.heading), ['Implementation Plan', 'Plan']);
  const top = all.filter((s) => s.depth === 2);

  readPreamble(doc, h1, top[0]?.line ?? Infinity, draft);
  const byRole = new Map<Role, MdSection>();
  for (const s of top) {
    const role = ROLES[normalizeHeading(s.title)];
    if (role && !byRole.has(role)) byRole.set(role, s);
    else
      addUnmapped(
        draft,
        doc,
        s.title,
        s.heading,
        UNMAPPED_REASONS[normalizeHeading(s.title)] ?? (role ? 'a second section of this kind; the first one is imported' : 'no matching plan section'),
        `${s.title} (${s.nodes.length} blocks)`,
      );
  }

  const summary = byRole.get('summary');
  if (summary) draft.context.push(...nonEmpty(blocksToMarkdown(doc, summary.nodes)));
  const technical = byRole.get('technical');
  if (technical) readTechnical(doc, technical, draft);
  const concrete = byRole.get('concrete');
  const concreteItems = concrete ? listItemsIn(doc, concrete.nodes) : [];
  const work = byRole.get('work');
  if (work) readPlanOfWork(doc, work, draft, concreteItems.length > 0);
  if (concrete) readConcreteSteps(doc, concrete, concreteItems, draft);
  const validation = byRole.get('validation');
  if (validation) {
    for (const it of listItemsIn(doc, validation.nodes)) draft.acceptanceCriteria.push(itemWithNested(doc, it));
    unmappedBlocks(doc, validation, draft, 'only list items become acceptance criteria');
  }
  const constitution = byRole.get('constitution');
  if (constitution) readConstitution(doc, constitution, draft);
  const complexity = byRole.get('complexity');
  if (complexity) readComplexity(doc, complexity, draft);

  listComments(draft, doc);
  collectClarifications(doc, draft);
  if (!draft.steps.length) draft.notes.push('the spec-kit plan has neither Concrete Steps nor Plan of Work phases');
  return finishDraft(draft);
}

function nonEmpty(text: string): string[] {
  return text.trim() ? [text] : [];
}

function unmappedBlocks(doc: MdDoc, s: MdSection, draft: ImportDraft, reason: string, keep: (n: MdNode) => boolean = (n) => n.type === 'list'): void {
  for (const n of s.nodes) if (!keep(n) && !isNoise(n)) addUnmapped(draft, doc, s.title, n, reason);
}

/** The `**Branch**: … | **Date**: …` lines and notes between the title and the first section. */
function readPreamble(doc: MdDoc, h1: MdSection | null, firstTop: number, draft: ImportDraft): void {
  for (const n of doc.tree.children ?? []) {
    const line = lineOf(n);
    if (n === h1?.heading || line >= firstTop || n.type === 'thematicBreak' || isNoise(n)) continue;
    const lines = n.type === 'paragraph' ? inlineLines(doc, n) : [];
    const parts = lines.flatMap((l, k) => l.split(/\s+\|\s+/).map((x) => ({ text: x.trim(), line: line + k })));
    if (parts.length && parts.every((x) => FIELD_LINE.test(x.text))) {
      for (const part of parts) {
        const name = FIELD_LINE.exec(part.text)![1]!.trim();
        addUnmapped(
          draft,
          doc,
          '',
          part.line,
          `spec-kit header field "${name}" has no plan header field (the plan's header comes from the feature and author given to the import)`,
          part.text,
        );
      }
    } else addUnmapped(draft, doc, '', n, 'text before the first section has no place in a plan');
  }
}

function readTechnical(doc: MdDoc, s: MdSection, draft: ImportDraft): void {
  const lines: string[] = [];
  for (const n of s.nodes) {
    if (isNoise(n)) continue;
    if (n.type === 'paragraph') {
      for (const l of inlineLines(doc, n)) {
        const m = FIELD_LINE.exec(l);
        lines.push(m ? `- ${m[1]!.trim()}: ${m[2]!.trim()}` : l);
      }
    } else lines.push(sourceOfRange(doc, [n]));
  }
  if (lines.length) draft.context.push(`Technical context:\n\n${lines.join('\n')}`);
}

function readPlanOfWork(doc: MdDoc, s: MdSection, draft: ImportDraft, hasConcrete: boolean): void {
  const items = listItemsIn(doc, s.nodes);
  if (hasConcrete) {
    if (items.length) draft.context.push(`Plan of work:\n\n${items.map((it) => `- ${itemWithNested(doc, it).replace(/\n/g, '\n  ')}`).join('\n')}`);
    unmappedBlocks(doc, s, draft, 'guidance text of the template, not plan content');
    return;
  }
  const steps: Step[] = items.map((it, i) => {
    const m = /^(?:\*\*|__)(.+?)(?:\*\*|__)\s*:?\s*(.*)$/.exec(it.text);
    const title = cleanTitle(m ? m[1]!.replace(/:$/, '') : it.text);
    const body = m ? m[2]!.trim().replace(/^:\s*/, '') : '';
    const step = newStep(String(i + 1), title, [body, ...nestedSource(doc, it)].filter(Boolean).join('\n\n'));
    return step;
  });
  chainSteps(steps);
  if (steps.length) draft.notes.push('Plan of Work phases became the steps; each phase depends on the one before it (phases are sequential)');
  draft.steps = steps;
  unmappedBlocks(doc, s, draft, 'guidance text of the template, not plan content');
}

function nestedSource(doc: MdDoc, it: MdItem): string[] {
  return [...it.blocks, ...it.lists].filter((n) => !isNoise(n)).map((n) => sourceOfRange(doc, [n]));
}

function readConcreteSteps(doc: MdDoc, s: MdSection, items: MdItem[], draft: ImportDraft): void {
  const steps: Step[] = items.map((it, i) => {
    const number = String(i + 1);
    const step = newStep(number, cleanTitle(stripCodeWrapper(it.text)));
    const body: string[] = it.blocks.filter((b) => !isNoise(b)).map((b) => sourceOfRange(doc, [b]));
    for (const list of it.lists) {
      for (const k of itemsOf(doc, list)) {
        const sub = newSubStep(`${number}.${step.subSteps.length + 1}`, cleanTitle(stripCodeWrapper(k.text)), nestedSource(doc, k).join('\n\n'));
        step.subSteps.push(sub);
      }
    }
    step.body = body.join('\n\n');
    return step;
  });
  if (steps.length) {
    chainSteps(steps);
    draft.notes.push(`the ${steps.length} concrete steps are numbered, so each step depends on the one before it`);
    draft.steps = steps;
  }
  unmappedBlocks(doc, s, draft, 'guidance text of the template, not plan content');
}

/** A template placeholder written as inline code (`` `[Step description]` ``) is shown as text. */
function stripCodeWrapper(text: string): string {
  const m = /^`([^`]+)`$/.exec(text.trim());
  return m ? m[1]! : text;
}

function readConstitution(doc: MdDoc, s: MdSection, draft: ImportDraft): void {
  for (const it of listItemsIn(doc, s.nodes)) {
    const m = /^(?:\*\*|__)(.+?)(?:\*\*|__)\s*:?\s*(.*)$/.exec(it.text);
    const gate = m ? m[1]!.replace(/:$/, '').trim() : '';
    const value = m ? m[2]!.replace(/^:\s*/, '').trim() : it.text;
    if (/NEEDS REVIEW|BLOCKED|VIOLAT/i.test(value)) draft.risks.push(`Constitution gate${gate ? ` ${gate}` : ''}: ${value}`);
    else addUnmapped(draft, doc, s.title, it.node, 'a passed constitution gate needs no risk entry', it.text);
  }
  unmappedBlocks(doc, s, draft, 'gate instructions of the template, not plan content');
}

function readComplexity(doc: MdDoc, s: MdSection, draft: ImportDraft): void {
  for (const t of s.nodes.filter((n) => n.type === 'table')) {
    const [head, ...rows] = tableRows(doc, t);
    const cols = (head?.cells ?? []).map((c) => c.toLowerCase());
    for (const r of rows) {
      const [what, why, alt] = r.cells;
      if (!what || /^[-—–]?$/.test(what.trim())) continue;
      const parts = [what.trim()];
      if (why?.trim()) parts.push(`needed because ${why.trim()}`);
      if (alt?.trim()) parts.push(`${cols[2]?.includes('rejected') ? 'simpler alternative rejected because' : 'alternative:'} ${alt.trim()}`);
      draft.risks.push(`Complexity: ${parts.join('; ')}`);
    }
  }
  unmappedBlocks(doc, s, draft, 'instructions of the template, not plan content', (n) => n.type === 'table');
}

/** Every line, list item or table row holding a NEEDS CLARIFICATION marker becomes a question. */
function collectClarifications(doc: MdDoc, draft: ImportDraft): void {
  const seen = new Set<string>();
  const add = (label: string, text: string) => {
    const q = label ? `${label}: ${text}` : text;
    if (seen.has(q)) return;
    seen.add(q);
    draft.questions.push(q);
  };
  let section = '';
  const visit = (n: MdNode): void => {
    if (n.type === 'heading') {
      section = inlineOf(doc, n);
      return;
    }
    if (isNoise(n) || n.type === 'code') return;
    if (n.type === 'paragraph') {
      for (const l of inlineLines(doc, n)) {
        if (!CLARIFY.test(l)) continue;
        const m = FIELD_LINE.exec(l);
        add(section, m ? `${m[1]!.trim()} — ${m[2]!.trim()}` : l);
      }
      return;
    }
    if (n.type === 'tableRow') {
      const cells = (n.children ?? []).map((c) => inlineOf(doc, c));
      if (cells.some((c) => CLARIFY.test(c))) add(section, cells.join(' · '));
      return;
    }
    for (const c of n.children ?? []) visit(c);
  };
  for (const n of doc.tree.children ?? []) visit(n);
}
