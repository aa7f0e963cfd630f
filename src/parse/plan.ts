import type { ExtraSection } from '../model/common.js';
import type { ChildPlanRow, Plan } from '../model/plan.js';
import { codeLineSet, firstLink, isWhiteSpace, joinTrimmed, ListReader, scalar } from '../markdown/blocks.js';
import type { Finding, ParsedPlan } from '../model/parsed.js';
import { Positions } from '../model/positions.js';
import type { Outline } from '../markdown/outline.js';
import { documentLines } from '../markdown/text-lines.js';
import { scanOutline } from '../markdown/outline-fast.js';
import { type Find, readHeader } from './plan-header.js';
import { readSteps } from './plan-steps.js';
import { exact } from './exact.js';
import { indexedKey, joinKey } from './position-keys.js';

export { parseDependsOn } from './plan-steps.js';

const KNOWN_SECTIONS = {
  context: 'Context',
  'acceptance criteria': 'Acceptance criteria',
  steps: 'Steps',
  'child plans': 'Child Plans',
  'dependency graph': 'Dependency graph',
  'risks and open decisions': 'Risks and open decisions',
  'outstanding questions': 'Outstanding Questions',
} as const;
type KnownSection = keyof typeof KNOWN_SECTIONS;

/** Section titles (normalized) → known section; "Risks" is short for the risks section. */
const SECTION_KEYS: ReadonlyMap<string, KnownSection> = new Map<string, KnownSection>([
  ...(Object.keys(KNOWN_SECTIONS) as KnownSection[]).map((k) => [k, k] as const),
  ['risks', 'risks and open decisions'],
]);

/** The list reader of the Acceptance criteria section, kept from plan to plan. */
const LIST = new ListReader();

/**
 * True for words without `*`, `_`, backticks or white space, one space between each two
 * (as /^[^*_`\s]+(?: [^*_`\s]+)*$/): such a title only needs lower-casing.
 */
function isPlainTitle(text: string): boolean {
  let afterSpace = true; // the start, like a space, may not be followed by one
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 32) {
      if (afterSpace) return false;
      afterSpace = true;
    } else if (c === 42 || c === 95 || c === 96 || isWhiteSpace(c)) return false;
    else afterSpace = false;
  }
  return !afterSpace;
}

/** Heading or column text for comparison: no emphasis markers, single spaces, lower case. */
export function normalizeTitle(text: string): string {
  if (isPlainTitle(text)) return text.toLowerCase();
  return text.replace(/[*_`]/g, '').replace(/\s+/g, ' ').trim().toLowerCase();
}

function emptyPlan(): Plan {
  return {
    title: '',
    preamble: '',
    header: {
      status: null,
      features: [],
      sourceType: null,
      source: null,
      author: null,
      approver: null,
      created: null,
      approved: null,
      effort: null,
      impact: null,
      supersededBy: null,
      extra: [],
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

/**
 * Parse one plan document into the model, with a position for every field (keys such as
 * `title`, `header.status`, `header.features.0`, `section.steps`, `steps.1`, `steps.1.dependsOn`,
 * `steps.1.acceptanceCriteria.0`, `steps.1.subSteps.0`, `childPlans.2`, `acceptanceCriteria.0`).
 * Uses the fast outline unless one is given (the differential test passes remark's). Never
 * throws: problems become findings.
 */
export function parsePlan(text: string, outline?: Outline): ParsedPlan {
  const lines = documentLines(text);
  const ol = outline ?? scanOutline(lines);
  const code = codeLineSet(ol);
  const plan = emptyPlan();
  const positions = new Positions();
  const findings: Finding[] = [];
  const sections: ParsedPlan['sections'] = {};
  const find: Find = (line, column, severity, rule, message) => {
    findings.push({ line, column, severity, rule, message });
  };

  const titleHeading = ol.headings.find((h) => h.depth === 1);
  const h2 = ol.headings.filter((h) => h.depth === 2 && (!titleHeading || h.line > titleHeading.line));
  if (!titleHeading) {
    find(1, 1, 'error', 'plan/title', 'no "# Plan: <title>" heading found; expected the document to start with one');
  } else {
    positions.set('title', titleHeading.line, titleHeading.column);
    const m = /^Plan:\s*(.*)$/i.exec(titleHeading.text);
    plan.title = (m ? m[1]! : titleHeading.text).trim();
    if (!m)
      find(
        titleHeading.line,
        titleHeading.column,
        'warning',
        'plan/title',
        `title "${titleHeading.text}" does not start with "Plan:"; expected "# Plan: <title>"`,
      );
  }

  // Header: between the title and the first level-2 heading.
  const headerFrom = titleHeading ? titleHeading.line : 0; // 0-based index of the line after the title
  const headerTo = h2[0] ? h2[0].line - 1 : lines.length;
  const sourceLinks = readHeader(lines, headerFrom, headerTo, code, plan, positions, find);

  // Level-2 sections.
  const seen = new Set<KnownSection>();
  for (let idx = 0; idx < h2.length; idx++) {
    const h = h2[idx]!;
    const bodyFrom = h.line; // 0-based index of the line after the heading
    const bodyTo = idx + 1 < h2.length ? h2[idx + 1]!.line - 1 : lines.length;
    const norm = SECTION_KEYS.get(normalizeTitle(h.text));
    if (!norm || seen.has(norm)) {
      if (norm) find(h.line, h.column, 'warning', 'plan/duplicate-section', `section "${h.text}" appears twice; the second one is kept as an extra section`);
      plan.extraSections.push({ title: h.text, depth: 2, body: joinTrimmed(lines, bodyFrom, bodyTo) } satisfies ExtraSection);
      continue;
    }
    seen.add(norm);
    sections[norm] = { line: h.line, endLine: bodyTo };
    positions.set(joinKey('section', norm), h.line, h.column);
    switch (norm) {
      case 'context':
        plan.context = joinTrimmed(lines, bodyFrom, bodyTo);
        break;
      case 'acceptance criteria': {
        LIST.read(lines, bodyFrom, bodyTo);
        for (let i = 0; i < LIST.count; i++) positions.set(indexedKey('acceptanceCriteria.', i), LIST.lines[i]!, LIST.columns[i]!);
        plan.acceptanceCriteria = LIST.itemTexts();
        if (LIST.before || LIST.after)
          find(
            h.line,
            h.column,
            'warning',
            'plan/list-format',
            'text outside the bullet list in "Acceptance criteria" is not read as a criterion; expected one "- " bullet per criterion',
          );
        break;
      }
      case 'steps':
        readSteps(lines, ol.headings, bodyFrom, bodyTo, code, plan, positions, find);
        break;
      case 'child plans':
        readChildPlans(lines, ol, bodyFrom, bodyTo, plan, positions, find);
        break;
      case 'dependency graph':
        plan.dependencyGraph = joinTrimmed(lines, bodyFrom, bodyTo);
        break;
      case 'risks and open decisions':
        plan.risks = joinTrimmed(lines, bodyFrom, bodyTo);
        break;
      case 'outstanding questions':
        plan.outstandingQuestions = joinTrimmed(lines, bodyFrom, bodyTo);
        break;
    }
  }
  positions.seal();
  plan.extraSections = exact(plan.extraSections);
  plan.header.extra = exact(plan.header.extra);
  plan.header.features = exact(plan.header.features);
  if (plan.childPlans) plan.childPlans = exact(plan.childPlans);
  return { plan, sourceLinks, positions, findings: exact(findings), sections };
}

function readChildPlans(lines: readonly string[], ol: Outline, from: number, to: number, plan: Plan, positions: Positions, find: Find): void {
  const table = ol.tables.find((t) => t.line > from && t.line <= to);
  const rows: ChildPlanRow[] = [];
  plan.childPlans = rows;
  if (!table) {
    plan.childPlansNotes = joinTrimmed(lines, from, to);
    find(from, 1, 'error', 'plan/child-plans-table', 'section "Child Plans" has no table; expected "| Order | Plan | Status | Effort | Impact |"');
    return;
  }
  const cols = table.header.map((c) => normalizeTitle(c));
  const hasDeps = cols.includes('depends on');
  table.rows.forEach((row, i) => {
    const cell = (name: string) => {
      const k = cols.indexOf(name);
      return k >= 0 ? (row.cells[k] ?? '').trim() : '';
    };
    const planCell = cell('plan')
      .replace(/&ensp;|&emsp;|&nbsp;/g, '')
      .trim();
    positions.set(indexedKey('childPlans.', i), row.line, 1);
    rows.push({
      order: cell('order'),
      plan: firstLink(planCell) ?? { text: planCell, href: '' },
      status: scalar(cell('status')),
      effort: cell('effort'),
      impact: cell('impact'),
      dependsOn: hasDeps ? splitList(cell('depends on')) : null,
    });
  });
  const before = joinTrimmed(lines, from, table.line - 1);
  const after = joinTrimmed(lines, table.endLine, to);
  plan.childPlansNotes = before && after ? `${before}\n\n${after}` : before || after;
}

function splitList(cell: string): string[] {
  const t = cell.trim();
  if (t === '' || /^[-—–]$/.test(t) || /^\(?none\)?$/i.test(t)) return [];
  return t
    .split(/,/)
    .map((x) => (firstLink(x)?.text ?? x).trim())
    .filter(Boolean);
}
