import type { ExtraField, ExtraSection } from '../model/common.js';
import type { ChildPlanRow, Plan, PlanHeader, Step, SubStep } from '../model/plan.js';
import { codeLineSet, extractLinks, firstLink, joinTrimmed, type LineSet, matchField, readList, scalar } from './blocks.js';
import type { Finding, Positions } from './finding.js';
import type { Outline, OutlineHeading } from './outline.js';
import { toLines } from './outline.js';
import { scanOutline } from './outline-fast.js';

export interface ParsedPlan {
  plan: Plan;
  positions: Positions;
  findings: Finding[];
  /** Body line range (1-based, inclusive) of every level-2 section, by normalized title. */
  sections: Record<string, { line: number; endLine: number }>;
}

export const KNOWN_SECTIONS = {
  context: 'Context',
  'acceptance criteria': 'Acceptance criteria',
  steps: 'Steps',
  'child plans': 'Child Plans',
  'dependency graph': 'Dependency graph',
  'risks and open decisions': 'Risks and open decisions',
  'outstanding questions': 'Outstanding Questions',
} as const;
export type KnownSection = keyof typeof KNOWN_SECTIONS;

const HEADER_KEYS: Record<string, keyof PlanHeader> = {
  status: 'status',
  features: 'features',
  'source type': 'sourceType',
  source: 'source',
  author: 'author',
  approver: 'approver',
  created: 'created',
  approved: 'approved',
  effort: 'effort',
  impact: 'impact',
  'superseded by': 'supersededBy',
};

export function normalizeTitle(text: string): string {
  return text.replace(/[*_`]/g, '').replace(/\s+/g, ' ').trim().toLowerCase();
}

function emptyPlan(): Plan {
  return {
    title: '',
    preamble: '',
    header: {
      status: null, features: [], sourceType: null, source: null, author: null, approver: null,
      created: null, approved: null, effort: null, impact: null, supersededBy: null, extra: [],
    },
    context: null,
    acceptanceCriteria: null,
    steps: null,
    stepsPreamble: '',
    childPlans: null,
    childPlansNotes: '',
    dependencyGraph: null,
    risks: null,
    outstandingQuestions: null,
    extraSections: [],
  };
}

const STEP_HEADING = /^(?:([A-Za-z]+)\s+)?(\d+(?:\.\d+)*)\s*[.:)]?\s*(.*)$/;

/**
 * Parse "Step 1, Steps 2.1 and 3" / "(none)" into step numbers. Notes in parentheses are
 * comments; ranges ("Steps 2.1–2.4", "1-3") expand to every number in them; tokens that are not
 * step numbers are kept as written (the lint rules report them).
 */
export function parseDependsOn(value: string): string[] {
  const v = value.trim();
  if (v === '' || /^\(?\s*none\s*\)?\.?$/i.test(v) || /^[-—–]$/.test(v)) return [];
  const out: string[] = [];
  for (const token of v.replace(/\([^()]*\)/g, ' ').split(/,|;|\band\b|&/)) {
    const t = token.trim();
    if (!t) continue;
    const range = /^(?:steps?\s*)?(\d+(?:\.\d+)*)\s*(?:[-–—]|\.\.|\bto\b)\s*(?:steps?\s*)?(\d+(?:\.\d+)*)$/i.exec(t);
    if (range) {
      out.push(...expandRange(range[1]!, range[2]!));
      continue;
    }
    const m = /^(?:steps?\s*)?(\d+(?:\.\d+)*)\b/i.exec(t);
    out.push(m ? m[1]! : t);
  }
  return out;
}

/** "2.1".."2.4" → 2.1, 2.2, 2.3, 2.4; endpoints only when they do not share a prefix. */
function expandRange(from: string, to: string): string[] {
  const a = from.split('.');
  const b = to.split('.');
  const last = (xs: string[]) => Number(xs[xs.length - 1]);
  if (a.length !== b.length || a.slice(0, -1).join('.') !== b.slice(0, -1).join('.') || last(b) < last(a) || last(b) - last(a) > 100) return [from, to];
  const prefix = a.length > 1 ? `${a.slice(0, -1).join('.')}.` : '';
  const out: string[] = [];
  for (let k = last(a); k <= last(b); k++) out.push(`${prefix}${k}`);
  return out;
}

/** Parse one plan document. Never throws: problems become findings. */
export function parsePlan(text: string, outline?: Outline): ParsedPlan {
  const src = toLines(text);
  const lines = src.lines;
  const ol = outline ?? scanOutline(lines);
  const code = codeLineSet(ol);
  const plan = emptyPlan();
  const positions: Positions = {};
  const findings: Finding[] = [];
  const sections: ParsedPlan['sections'] = {};
  const find = (line: number, column: number, severity: Finding['severity'], rule: string, message: string) =>
    findings.push({ line, column, severity, rule, message });

  const titleHeading = ol.headings.find((h) => h.depth === 1);
  const h2 = ol.headings.filter((h) => h.depth === 2 && (!titleHeading || h.line > titleHeading.line));
  if (!titleHeading) {
    find(1, 1, 'error', 'plan/title', 'no "# Plan: <title>" heading found; expected the document to start with one');
  } else {
    positions.title = { line: titleHeading.line, column: titleHeading.column };
    const m = /^Plan:\s*(.*)$/i.exec(titleHeading.text);
    plan.title = (m ? m[1]! : titleHeading.text).trim();
    if (!m) find(titleHeading.line, titleHeading.column, 'warning', 'plan/title', `title "${titleHeading.text}" does not start with "Plan:"; expected "# Plan: <title>"`);
  }

  // Header: between the title and the first level-2 heading.
  const headerFrom = titleHeading ? titleHeading.line : 0; // 0-based index of the line after the title
  const headerTo = h2[0] ? h2[0].line - 1 : lines.length;
  readHeader(lines, headerFrom, headerTo, code, plan, positions, find);

  // Level-2 sections.
  const seen = new Set<string>();
  h2.forEach((h, idx) => {
    const bodyFrom = h.line; // 0-based index of the line after the heading
    const bodyTo = idx + 1 < h2.length ? h2[idx + 1]!.line - 1 : lines.length;
    const key = normalizeTitle(h.text);
    const known = key in KNOWN_SECTIONS || key === 'risks';
    const norm = (key === 'risks' ? 'risks and open decisions' : key) as KnownSection;
    if (!known || seen.has(norm)) {
      if (known) find(h.line, h.column, 'warning', 'plan/duplicate-section', `section "${h.text}" appears twice; the second one is kept as an extra section`);
      plan.extraSections.push({ title: h.text, depth: 2, body: joinTrimmed(lines, bodyFrom, bodyTo) } satisfies ExtraSection);
      return;
    }
    seen.add(norm);
    sections[norm] = { line: h.line, endLine: bodyTo };
    positions[`section.${norm}`] = { line: h.line, column: h.column };
    const body = joinTrimmed(lines, bodyFrom, bodyTo);
    switch (norm) {
      case 'context':
        plan.context = body;
        break;
      case 'acceptance criteria': {
        const list = readList(lines, bodyFrom, bodyTo);
        plan.acceptanceCriteria = list.items.map((it, i) => {
          positions[`acceptanceCriteria.${i}`] = { line: it.line, column: it.column };
          return it.text;
        });
        if (list.before || list.after) find(h.line, h.column, 'warning', 'plan/list-format', 'text outside the bullet list in "Acceptance criteria" is not read as a criterion; expected one "- " bullet per criterion');
        break;
      }
      case 'steps':
        readSteps(lines, ol.headings, bodyFrom, bodyTo, code, plan, positions, find);
        break;
      case 'child plans':
        readChildPlans(lines, ol, bodyFrom, bodyTo, plan, positions, find);
        break;
      case 'dependency graph':
        plan.dependencyGraph = body;
        break;
      case 'risks and open decisions':
        plan.risks = body;
        break;
      case 'outstanding questions':
        plan.outstandingQuestions = body;
        break;
    }
  });
  return { plan, positions, findings, sections };
}

type Find = (line: number, column: number, severity: Finding['severity'], rule: string, message: string) => void;

function readHeader(lines: readonly string[], from: number, to: number, code: LineSet, plan: Plan, positions: Positions, find: Find): void {
  const pre: string[] = [];
  const post: string[] = [];
  let current: { key: string; name: string; value: string[]; list: string[]; listAt: Array<{ line: number; column: number }>; line: number; column: number } | null = null;
  const flush = () => {
    if (!current) return;
    applyHeaderField(current.name, current.value.join('\n'), current.list, plan, find, current.line);
    if (current.key === 'features') {
      // One position per feature link: its list item, or the field line for links written inline.
      const inline = extractLinks(current.value.join('\n')).length;
      let k = 0;
      for (; k < inline; k++) positions[`header.features.${k}`] = { line: current.line, column: current.column };
      current.list.forEach((l, j) => {
        for (let n = extractLinks(l).length; n > 0; n--) positions[`header.features.${k++}`] = current!.listAt[j]!;
      });
    }
    current = null;
  };
  let sawField = false;
  for (let i = from; i < to; i++) {
    const line = lines[i] ?? '';
    const indent = line.length - line.trimStart().length;
    const field = code.has(i + 1) || indent > 3 ? null : matchField(line.trimStart());
    if (field) {
      flush();
      sawField = true;
      const key = field[0].toLowerCase();
      const path = HEADER_KEYS[key] ? `header.${HEADER_KEYS[key]}` : `header.extra.${field[0]}`;
      positions[path] = { line: i + 1, column: line.length - line.trimStart().length + 1 };
      current = { key, name: field[0], value: field[1] ? [field[1]] : [], list: [], listAt: [], line: i + 1, column: indent + 1 };
      continue;
    }
    const bullet = current ? /^\s*[-*+]\s+(.*)$/.exec(line) : null;
    if (current && bullet) {
      current.list.push(bullet[1]!.trim());
      current.listAt.push({ line: i + 1, column: indent + 1 });
      continue;
    }
    if (line.trim() === '') {
      if (current) flush();
      (sawField ? post : pre).push(line);
      continue;
    }
    if (current) {
      current.value.push(line.trim());
      continue;
    }
    flush();
    (sawField ? post : pre).push(line);
  }
  flush();
  const preamble = [pre.join('\n').trim(), post.join('\n').trim()].filter(Boolean).join('\n\n');
  plan.preamble = preamble;
}

function applyHeaderField(name: string, value: string, list: string[], plan: Plan, find: Find, line: number): void {
  const key = HEADER_KEYS[name.toLowerCase()];
  const h = plan.header;
  if (!key) {
    const full = [value, ...list.map((l) => `- ${l}`)].filter(Boolean).join('\n');
    h.extra.push({ name, value: full } satisfies ExtraField);
    return;
  }
  if (key === 'features') {
    const fromValue = extractLinks(value);
    const fromList = list.flatMap((l) => extractLinks(l));
    h.features = [...fromValue, ...fromList];
    const stray = list.filter((l) => extractLinks(l).length === 0);
    if (stray.length) find(line, 1, 'warning', 'plan/features-format', `Features entries without a link (${stray.join('; ')}); expected "- [feature](../../features/feature/README.md)"`);
    return;
  }
  if (key === 'supersededBy') {
    h.supersededBy = firstLink(value) ?? (value ? { text: value, href: '' } : null);
    return;
  }
  const joined = [value, ...list].filter(Boolean).join('\n');
  if (key === 'source') h.source = joined;
  else if (key === 'status' || key === 'sourceType' || key === 'effort' || key === 'impact') h[key] = scalar(joined);
  else if (key === 'author' || key === 'approver' || key === 'created' || key === 'approved') h[key] = joined.trim();
}

function readSteps(lines: readonly string[], headings: readonly OutlineHeading[], from: number, to: number, code: LineSet, plan: Plan, positions: Positions, find: Find): void {
  const inner = headings.filter((h) => h.line > from && h.line <= to && h.depth >= 3);
  plan.steps = [];
  plan.stepsPreamble = joinTrimmed(lines, from, inner[0] ? inner[0].line - 1 : to);
  let parent: Step | null = null;
  inner.forEach((h, idx) => {
    if (h.depth > 4) return; // deeper headings stay inside the enclosing step's body
    let k = idx + 1;
    while (k < inner.length && inner[k]!.depth > 4) k++;
    const bodyTo = k < inner.length ? inner[k]!.line - 1 : to;
    const m = STEP_HEADING.exec(h.text);
    const number = m ? m[2]! : '';
    const title = m ? (m[3] ?? '').trim() : h.text;
    if (!m) find(h.line, h.column, 'error', 'plan/step-heading', `step heading "${h.text}" has no number; expected "${'#'.repeat(h.depth)} N. Title"`);
    else if (m[1] || !/^\d+(\.\d+)*\.\s/.test(h.text)) find(h.line, h.column, 'info', 'plan/step-heading', `step heading "${h.text}" is not in the canonical form "${'#'.repeat(h.depth)} ${number}. ${title}"`);
    const own: Positions = {};
    const step = readStepBody(lines, h.line, bodyTo, code, number, title, own, find);
    if (h.depth === 3) {
      parent = { ...step, subSteps: [] };
      const i = plan.steps!.length;
      plan.steps!.push(parent);
      copyPositions(positions, own, `steps.${i}`);
      positions[`steps.${i}`] = { line: h.line, column: h.column };
    } else {
      if (!parent) {
        find(h.line, h.column, 'error', 'plan/nesting', `sub-step "${h.text}" comes before any step; expected a "### N. Title" step above it`);
        parent = { number: number.split('.')[0] ?? number, title: '(missing step)', body: '', dependsOn: null, produces: [], acceptanceCriteria: [], extraFields: [], subSteps: [] };
        plan.steps!.push(parent);
      }
      const i = plan.steps!.length - 1;
      const j = parent.subSteps.length;
      parent.subSteps.push(step);
      copyPositions(positions, own, `steps.${i}.subSteps.${j}`);
      positions[`steps.${i}.subSteps.${j}`] = { line: h.line, column: h.column };
    }
  });
  const deeper = inner.filter((h) => h.depth > 4);
  for (const h of deeper) find(h.line, h.column, 'error', 'plan/nesting', `heading "${h.text}" nests deeper than sub-steps; plans allow steps (###) and sub-steps (####) only`);
}

/** Copy a step's own positions (keyed `dependsOn`, `produces`, …) under `prefix.`. */
function copyPositions(positions: Positions, own: Positions, prefix: string): void {
  for (const k in own) positions[`${prefix}.${k}`] = own[k]!;
}

const STEP_FIELDS: Record<string, 'dependsOn' | 'produces' | 'acceptanceCriteria'> = {
  'depends on': 'dependsOn',
  produces: 'produces',
  'acceptance criteria': 'acceptanceCriteria',
};

function readStepBody(lines: readonly string[], from: number, to: number, code: LineSet, number: string, title: string, positions: Positions, find: Find): SubStep {
  const step: SubStep = { number, title, body: '', dependsOn: null, produces: [], acceptanceCriteria: [], extraFields: [] };
  // Field lines at column 1 outside code split the body.
  const fieldAt: Array<{ i: number; name: string; value: string }> = [];
  for (let i = from; i < to; i++) {
    if (code.has(i + 1)) continue;
    const f = matchField(lines[i] ?? '');
    if (f) fieldAt.push({ i, name: f[0], value: f[1] });
  }
  const bodyParts: string[] = [];
  bodyParts.push(joinTrimmed(lines, from, fieldAt[0] ? fieldAt[0].i : to));
  fieldAt.forEach((f, k) => {
    const end = k + 1 < fieldAt.length ? fieldAt[k + 1]!.i : to;
    const key = STEP_FIELDS[f.name.toLowerCase()];
    positions[key ?? `extra.${f.name}`] = { line: f.i + 1, column: 1 };
    if (!key) {
      const rest = joinTrimmed(lines, f.i + 1, end);
      step.extraFields.push({ name: f.name, value: [f.value, rest].filter(Boolean).join('\n') });
      return;
    }
    const list = readList(lines, f.i + 1, end);
    if (list.after) bodyParts.push(list.after);
    if (key === 'dependsOn') {
      const values = [f.value, ...list.items.map((x) => x.text)].filter(Boolean).join(', ');
      step.dependsOn = parseDependsOn(values);
    } else {
      // One position per item: its bullet, or the field line for a value written inline.
      const target = step[key];
      if (f.value) {
        positions[`${key}.${target.length}`] = { line: f.i + 1, column: 1 };
        target.push(f.value);
      }
      for (const x of list.items) {
        positions[`${key}.${target.length}`] = { line: x.line, column: x.column };
        target.push(x.text);
      }
    }
    if (list.before && key !== 'dependsOn') {
      find(f.i + 1, 1, 'warning', 'plan/list-format', `text under "**${f.name}:**" is not a bullet list; expected "- " items`);
      bodyParts.push(list.before);
    }
  });
  step.body = bodyParts.filter(Boolean).join('\n\n');
  return step;
}

function readChildPlans(lines: readonly string[], ol: Outline, from: number, to: number, plan: Plan, positions: Positions, find: Find): void {
  const table = ol.tables.find((t) => t.line > from && t.line <= to);
  plan.childPlans = [];
  if (!table) {
    plan.childPlansNotes = joinTrimmed(lines, from, to);
    find(from, 1, 'error', 'plan/child-plans-table', 'section "Child Plans" has no table; expected "| Order | Plan | Status | Effort | Impact |"');
    return;
  }
  const cols = table.header.map((c) => normalizeTitle(c));
  const col = (name: string) => cols.indexOf(name);
  const hasDeps = col('depends on') >= 0;
  table.rows.forEach((row, i) => {
    const cell = (name: string) => {
      const k = col(name);
      return k >= 0 ? (row.cells[k] ?? '').trim() : '';
    };
    const planCell = cell('plan').replace(/&ensp;|&emsp;|&nbsp;/g, '').trim();
    const link = firstLink(planCell) ?? { text: planCell, href: '' };
    const r: ChildPlanRow = {
      order: cell('order'),
      plan: link,
      status: scalar(cell('status')),
      effort: cell('effort'),
      impact: cell('impact'),
      dependsOn: hasDeps ? splitList(cell('depends on')) : null,
    };
    positions[`childPlans.${i}`] = { line: row.line, column: 1 };
    plan.childPlans!.push(r);
  });
  const before = joinTrimmed(lines, from, table.line - 1);
  const after = joinTrimmed(lines, table.endLine, to);
  plan.childPlansNotes = [before, after].filter(Boolean).join('\n\n');
}

function splitList(cell: string): string[] {
  const t = cell.trim();
  if (t === '' || /^[-—–]$/.test(t) || /^\(?none\)?$/i.test(t)) return [];
  return t.split(/,/).map((x) => (firstLink(x)?.text ?? x).trim()).filter(Boolean);
}
