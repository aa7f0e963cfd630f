import { compareStep } from '../analysis/step-graph.js';
import type { Step, SubStep } from '../model/plan.js';
import { blocksToMarkdown, isNoise, itemWithNested } from './blocks-markdown.js';
import { addUnmapped, finishDraft, listComments, newStep, slugify, titleFromHeading } from './draft-helpers.js';
import { type Chunk, artifactKey, artifactName, readChunkItem, readPhaseTable, matchRows } from './execution-plan-chunks.js';
import {
  type MdDoc,
  type MdNode,
  type MdSection,
  inlineOf,
  lineOf,
  listItemsIn,
  normalizeHeading,
  ownBlocks,
  parseDoc,
  sectionsOf,
  tableRows,
} from '../markdown/mdast.js';
import { type ImportDraft, emptyDraft } from './types.js';

const PHASE = /^phase\s+(\d+)\b\s*[:.\-–—]?\s*(.*)$/i;
const STEP_REF = /#(\d+(?:\.\d+)?)$/;

type OtherRole = 'context' | 'criteria' | 'questions' | 'risks';
const OTHER: Record<string, OtherRole> = {
  context: 'context',
  overview: 'context',
  summary: 'context',
  background: 'context',
  problem: 'context',
  goal: 'context',
  goals: 'context',
  objective: 'context',
  'acceptance criteria': 'criteria',
  'success criteria': 'criteria',
  'outstanding questions': 'questions',
  'open questions': 'questions',
  risks: 'risks',
  'risks and open decisions': 'risks',
};

/**
 * Read an execution plan (work streams, phases, chunks, communication). Pure. Each chunk → a
 * step; a chunk with no `Depends On` waits for the whole previous phase (the phase barrier); a
 * chunk's `Depends On` (`Phase 1`, a chunk name, `plan#2`) is kept instead; Outcome → step
 * acceptance criteria; `Produces:` lines and Communication rows → Produces. Chunk titles that
 * carry step ids `(plan#2.1)` keep those numbers (so an exported plan comes back as it was).
 */
export function importExecutionPlan(text: string): ImportDraft {
  const doc = parseDoc(text);
  const draft = emptyDraft('execution-plan');
  const all = sectionsOf(doc);
  const h1 = all.find((s) => s.depth === 1) ?? null;
  if (h1) draft.title = titleFromHeading(inlineOf(doc, h1.heading), ['Execution Plan', 'Specification', 'Spec', 'Feature', 'Plan']);
  const ep = all.find((s) => normalizeHeading(s.title) === 'execution plan' && s !== h1) ?? null;
  const within = (s: MdSection) => !ep || ep.nodes.includes(s.heading);
  const phases = all.filter((s) => PHASE.test(s.title) && within(s));
  const streams = all.find((s) => normalizeHeading(s.title) === 'work streams' && within(s)) ?? null;
  const comm = all.find((s) => normalizeHeading(s.title) === 'communication' && within(s)) ?? null;
  const handled = new Set<MdSection>([...phases, ...(streams ? [streams] : []), ...(comm ? [comm] : []), ...(ep ? [ep] : [])]);

  const firstSection = all.find((s) => s !== h1)?.line ?? Infinity;
  for (const n of doc.tree.children ?? []) {
    if (n === h1?.heading || lineOf(n) >= firstSection || isNoise(n)) continue;
    addUnmapped(draft, doc, h1?.title ?? '', n, 'text before the first section has no place in a plan');
  }
  listComments(draft, doc);
  readOtherSections(doc, all, h1, handled, draft);
  if (ep)
    for (const n of ownBlocks(ep))
      if (!isNoise(n)) addUnmapped(draft, doc, ep.title, n, 'text of the Execution Plan section outside its work streams, phases and communication');
  if (streams) readStreams(doc, streams, draft);

  const chunks: Chunk[] = [];
  phases.forEach((p, index) => {
    const m = PHASE.exec(p.title)!;
    const phase = { index, number: Number(m[1]), sequential: /\bsequential\b/i.test(p.title) };
    const own = p.nodes.filter((n) => n.type !== 'heading');
    const rows = own.filter((n) => n.type === 'table').flatMap((t) => readPhaseTable(doc, t));
    const listed = listItemsIn(doc, own);
    const items = listed.filter((it) => it.checked !== null || /^(\*\*|__)/.test(it.text));
    const notChunks = listed.filter((it) => !items.includes(it));
    for (const it of notChunks) addUnmapped(draft, doc, p.title, it.node, 'a list item that is not a chunk (expected "- [ ] **Chunk title**")', it.text);
    for (const n of own)
      if (n.type !== 'table' && n.type !== 'list' && !isNoise(n)) addUnmapped(draft, doc, p.title, n, 'text of a phase outside its chunk table and chunk list');
    const fromItems = items.map((it) => readChunkItem(doc, it, phase));
    chunks.push(...matchRows(fromItems, rows, phase, draft));
  });
  if (!chunks.length) {
    draft.notes.push('the execution plan has no "Phase N" sections with chunks');
    return finishDraft(draft);
  }
  number(chunks, draft);
  resolveDependencies(chunks, draft, doc);
  if (comm) readCommunication(doc, comm, chunks, draft);
  reportStreams(doc, chunks, draft);
  draft.steps = toSteps(chunks);
  for (const c of chunks) {
    const hasSubs = chunks.some((x) => x.number.startsWith(`${c.number}.`));
    if (c.checked && !hasSubs) draft.progress.push({ step: c.number, status: 'done', externalId: c.ref && !STEP_REF.test(c.ref) ? c.ref : null, line: c.line });
  }
  return finishDraft(draft);
}

function readOtherSections(doc: MdDoc, all: readonly MdSection[], h1: MdSection | null, handled: Set<MdSection>, draft: ImportDraft): void {
  const rest = all.filter((s) => s !== h1 && !handled.has(s));
  const depth = Math.min(...rest.map((s) => s.depth));
  const inHandled = (s: MdSection) => [...handled].some((h) => h.nodes.includes(s.heading));
  for (const s of rest.filter((x) => x.depth === depth && !inHandled(x))) {
    const role = OTHER[normalizeHeading(s.title)];
    if (role === 'context') draft.context.push(blocksToMarkdown(doc, s.nodes));
    else if (role === 'criteria') draft.acceptanceCriteria.push(...listItemsIn(doc, s.nodes).map((it) => itemWithNested(doc, it)));
    else if (role === 'questions') draft.questions.push(...listItemsIn(doc, s.nodes).map((it) => itemWithNested(doc, it)));
    else if (role === 'risks') draft.risks.push(...listItemsIn(doc, s.nodes).map((it) => itemWithNested(doc, it)));
    else addUnmapped(draft, doc, s.title, s.heading, 'no matching plan section', `${s.title} (${s.nodes.length} blocks)`);
    if (role && role !== 'context')
      for (const n of s.nodes)
        if (n.type !== 'list' && !isNoise(n) && !saysNone(doc, n)) addUnmapped(draft, doc, s.title, n, 'only list items are carried over');
  }
}

/** "None at this time." / "None identified yet.": an empty section, nothing to map. */
function saysNone(doc: MdDoc, n: MdNode): boolean {
  return n.type === 'paragraph' && /^none\b[\w\s]*\.?$/i.test(inlineOf(doc, n));
}

function readStreams(doc: MdDoc, s: MdSection, draft: ImportDraft): void {
  const table = s.nodes.find((n) => n.type === 'table');
  const names = table
    ? tableRows(doc, table)
        .slice(1)
        .map((r) => r.cells[0] ?? '')
        .filter(Boolean)
    : [];
  addUnmapped(
    draft,
    doc,
    s.title,
    s.heading,
    'work streams assign owners, files and skills for execution; a plan does not assign work',
    names.length ? `streams: ${names.join(', ')}` : s.title,
  );
}

/** Step numbers: the chunks' own step ids when all carry consistent ones, else 1, 2, 3 … in document order. */
function number(chunks: Chunk[], draft: ImportDraft): void {
  const ids = chunks.map((c) => (c.ref ? (STEP_REF.exec(c.ref)?.[1] ?? null) : null));
  const top = new Set(ids.filter((n): n is string => !!n && !n.includes('.')));
  const ok = ids.every((n) => n !== null) && new Set(ids).size === ids.length && ids.every((n) => !n!.includes('.') || top.has(n!.split('.')[0]!));
  if (ok) {
    chunks.forEach((c, i) => (c.number = ids[i]!));
    draft.notes.push('chunk titles carry step ids (plan#N), so the steps keep those numbers');
  } else {
    chunks.forEach((c, i) => (c.number = String(i + 1)));
    if (ids.some((n) => n !== null))
      draft.notes.push('some chunks carry step ids and some do not (or they clash); steps are numbered in document order instead');
  }
}

function resolveDependencies(chunks: Chunk[], draft: ImportDraft, doc: MdDoc): void {
  const byPhase = new Map<number, Chunk[]>();
  for (const c of chunks) (byPhase.get(c.phase.index) ?? byPhase.set(c.phase.index, []).get(c.phase.index)!).push(c);
  const previousPhase = (index: number): Chunk[] => {
    for (let i = index - 1; i >= 0; i--) if (byPhase.get(i)?.length) return byPhase.get(i)!;
    return [];
  };
  const find = (token: string): Chunk[] | null => {
    const phase = /^phase\s+(\d+)/i.exec(token);
    if (phase) {
      const hit = chunks.filter((c) => c.phase.number === Number(phase[1]));
      return hit.length ? hit : null;
    }
    const ref = STEP_REF.exec(token);
    if (ref) {
      const hit = chunks.filter((c) => c.number === ref[1] || c.ref === token);
      if (hit.length) return hit;
    }
    const slug = slugify(token, 200);
    if (!slug) return null;
    const exact = chunks.filter((c) => c.names.includes(slug));
    if (exact.length) return exact.slice(0, 1);
    const prefix = chunks.filter((c) => c.names.some((n) => n.startsWith(slug) || slug.startsWith(n)));
    return prefix.length === 1 ? prefix : null;
  };
  for (const c of chunks) {
    const cell = (c.dependsOn ?? '').trim();
    let deps: Chunk[] = [];
    if (cell === '' || /^[-—–]$/.test(cell)) {
      deps = previousPhase(c.phase.index);
      if (c.phase.sequential) {
        const same = byPhase.get(c.phase.index)!;
        const k = same.indexOf(c);
        if (k > 0) deps = [...deps, same[k - 1]!];
      }
    } else if (!/^\(?\s*none\s*\)?\.?$/i.test(cell)) {
      for (const token of cell
        .split(/\s*(?:\+|,|;|\band\b)\s*/i)
        .map((t) => t.trim())
        .filter(Boolean)) {
        const hit = find(token);
        if (hit) deps.push(...hit);
        else addUnmapped(draft, doc, `Phase ${c.phase.number}`, c.line, `dependency "${token}" of chunk "${c.title}" names no phase or chunk`, token);
      }
    }
    const own = c.number;
    c.deps = [...new Set(deps.map((d) => d.number))].filter((n) => n !== own && !own.startsWith(`${n}.`) && !n.startsWith(`${own}.`)).sort(compareStep);
  }
}

function readCommunication(doc: MdDoc, s: MdSection, chunks: Chunk[], draft: ImportDraft): void {
  const table = s.nodes.find((n) => n.type === 'table');
  for (const n of s.nodes) if (n.type !== 'table' && !isNoise(n)) addUnmapped(draft, doc, s.title, n, 'text of the Communication section outside its table');
  if (!table) return;
  const [head, ...rows] = tableRows(doc, table);
  const col = (name: string) => (head?.cells ?? []).findIndex((c) => normalizeHeading(c) === name);
  const [from, to, when, what] = [col('from'), col('to'), col('when'), col('what')];
  for (const r of rows) {
    const stream = (r.cells[from] ?? '').trim().toLowerCase();
    const phase = /phase\s+(\d+)/i.exec(r.cells[when] ?? '');
    const producers = chunks.filter((c) => (c.stream ?? '').toLowerCase() === stream && (!phase || c.phase.number === Number(phase[1])));
    const consumers = chunks.filter((c) => (c.stream ?? '').toLowerCase() === (r.cells[to] ?? '').trim().toLowerCase());
    const awaited = producers.filter((p) => consumers.some((c) => c.deps.includes(p.number)));
    const target = (awaited.length ? awaited : producers).at(-1);
    if (!target) {
      addUnmapped(
        draft,
        doc,
        s.title,
        r.line,
        `hand-off from stream "${r.cells[from] ?? ''}" ${r.cells[when] ?? ''} matches no chunk of that stream in that phase`,
        r.cells.join(' | '),
      );
      continue;
    }
    // Artifacts the producing chunks already declare (their Produces lines) are not added twice.
    let rest = r.cells[what] ?? '';
    for (const known of producers.flatMap((c) => c.produces.map(artifactName)).sort((a, b) => b.length - a.length)) rest = rest.split(known).join('');
    const whatItems = rest
      .split(/,\s*/)
      .map((x) => x.trim())
      .filter((x) => x !== '' && !/^[,;\s]*$/.test(x));
    for (const item of whatItems) {
      const key = artifactKey(item);
      if (producers.some((c) => c.produces.some((p) => artifactKey(p) === key))) continue;
      target.produces.push(`${item} (for ${r.cells[to] || 'the next stream'}, ${r.cells[when] || 'at the phase boundary'})`);
      if (producers.length > 1)
        draft.notes.push(
          `hand-off "${item}" of stream ${r.cells[from]} is produced by "${target.title}", ${awaited.length ? `the chunk of that phase the ${r.cells[to]} stream waits for` : 'its last chunk in that phase'}`,
        );
    }
  }
}

function reportStreams(doc: MdDoc, chunks: Chunk[], draft: ImportDraft): void {
  const withStream = chunks.filter((c) => c.stream || c.skills);
  if (!withStream.length) return;
  const counts = new Map<string, number>();
  for (const c of withStream) if (c.stream) counts.set(c.stream, (counts.get(c.stream) ?? 0) + 1);
  const list = [...counts.entries()]
    .sort((a, b) => (a[0] < b[0] ? -1 : 1))
    .map(([k, v]) => `${k} (${v})`)
    .join(', ');
  addUnmapped(
    draft,
    doc,
    `Phase ${withStream[0]!.phase.number}`,
    withStream[0]!.line,
    'chunk Stream and Skills lines assign agents for execution; a plan step does not name its owner',
    `Stream/Skills of ${withStream.length} chunks${list ? `: ${list}` : ''}`,
  );
}

function toSteps(chunks: Chunk[]): Step[] {
  const sorted = [...chunks].sort((a, b) => compareStep(a.number, b.number));
  const steps: Step[] = [];
  for (const c of sorted) {
    if (!c.number.includes('.')) {
      steps.push({ ...newStep(c.number, c.title, c.body), dependsOn: c.deps, produces: c.produces, acceptanceCriteria: c.outcomes });
      continue;
    }
    const parent = steps.find((s) => s.number === c.number.split('.')[0]);
    const sub: SubStep = {
      number: c.number,
      title: c.title,
      body: c.body,
      dependsOn: c.deps.length ? c.deps : null,
      produces: c.produces,
      acceptanceCriteria: c.outcomes,
      extraFields: [],
    };
    parent?.subSteps.push(sub);
  }
  return steps;
}
