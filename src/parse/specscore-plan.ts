import path from 'node:path';
import { firstLink, isDash, scalar } from '../markdown/blocks.js';
import { splitLines } from '../markdown/text-lines.js';
import { scanOutline } from '../markdown/outline-fast.js';
import type { ParsedPlan } from '../model/parsed.js';
import { PLAN_FORMAT_URL, statusValue, type Snapshot, type SpecscorePlanFacts } from '../model/plan-format.js';
import { readFooter, readFrontMatter } from './front-matter.js';
import { normalizeTitle, parsePlan } from './plan.js';
import { readTasks } from './specscore-tasks.js';

/** Header fields only the current format has (`### Task N:` headings alone are common in other plans). */
const LATER_FIELDS = ['Source Feature', 'Owner', 'Supersedes'] as const;

/**
 * True when a line of `text` starts with `**Source Feature:**`, `**Owner:**` or `**Supersedes:**`
 * (the multiline regex `^\*\*(?:Source Feature|Owner|Supersedes):\*\*`): each `:**` is looked at, which a
 * plan has one of per field line, rather than every line start.
 */
function hasLaterField(text: string): boolean {
  for (let at = text.indexOf(':**'); at >= 0; at = text.indexOf(':**', at + 1)) {
    for (const name of LATER_FIELDS) {
      const start = at - name.length - 2;
      if (start < 0 || text.charCodeAt(start) !== 42 || text.charCodeAt(start + 1) !== 42 || !text.startsWith(name, start + 2)) continue;
      const before = start === 0 ? 10 : text.charCodeAt(start - 1);
      if (before === 10 || before === 13 || before === 0x2028 || before === 0x2029) return true;
    }
  }
  return false;
}

/**
 * Whether a plan document is in the current SpecScore format: its front matter `format:` or its
 * adherence footer names the plan specification, or it has the current format's own header
 * fields (Source Feature, Owner, Supersedes).
 */
export function isSpecscorePlan(text: string): boolean {
  // The document is split into lines only when it may open with front matter or hold a footer.
  if (MAY_HAVE_FRONT_MATTER.test(text) || text.includes(FOOTER_WORDS)) {
    const lines = splitLines(text).lines;
    const fm = readFrontMatter(lines);
    if (fm?.fields.format?.value === PLAN_FORMAT_URL) return true;
    if (readFooter(lines)?.url === PLAN_FORMAT_URL) return true;
  }
  return hasLaterField(text);
}

/** Looser than front matter's opening line (`---` alone on the first line). */
const MAY_HAVE_FRONT_MATTER = /^\s*---/;
/** Words every adherence footer holds. */
const FOOTER_WORDS = 'This document follows the ';

/** Sections of the current format that map onto the plan model, by normalized title. */
const MAPPED = new Set(['summary', 'tasks', 'open questions', 'snapshots']);

function extraField(plan: ParsedPlan['plan'], name: string): string | null {
  const f = plan.header.extra.find((x) => x.name.toLowerCase() === name);
  return f ? f.value.trim() : null;
}

/** A section body without a trailing `---` and adherence footer. */
function withoutFooter(body: string): string {
  return body.replace(/\n*-{3,}\s*\n\*?This document follows the \S+\*?\s*$/, '').trim();
}

/**
 * Parse a plan document of the current SpecScore format (`file` is its root-relative path) into
 * the one plan model: the header read by the plan reader, then mapped (`Owner` → author, `Date`
 * → created, `Source Feature` → the feature link and source type, the eleven statuses as model
 * values `in_review`, `implemented`, …), `## Summary` as the context, `## Tasks` as the steps,
 * `## Open Questions` as the outstanding questions; what the model does not carry (front matter,
 * footer, task statuses, Verifies, the snapshot rows) is in `specscore`. Never throws.
 */
export function parseSpecscorePlan(text: string, file: string): ParsedPlan {
  const source = splitLines(text);
  const lines = source.lines;
  const frontMatter = readFrontMatter(lines);
  // The front matter is blanked (line numbers kept) so that its closing `---` is not read as a heading underline.
  const bodyLines = frontMatter ? lines.map((l, i) => (i < frontMatter.endLine ? '' : l)) : lines;
  const parsed = parsePlan(bodyLines.join('\n'));
  const { plan, positions, findings } = parsed;
  const outline = scanOutline(bodyLines);
  const h2 = outline.headings.filter((h) => h.depth === 2);
  const sectionLines: Record<string, number> = {};
  const facts: SpecscorePlanFacts = {
    frontMatter,
    footer: readFooter(lines),
    writtenStatus: plan.header.status,
    statusLine: positions.get('header.status')?.line ?? null,
    sourceFeature: null,
    sourceRef: null,
    parent: extraField(plan, 'parent'),
    parentLine: positions.get('header.extra.Parent')?.line ?? null,
    supersedes: extraField(plan, 'supersedes'),
    tasks: [],
    snapshots: null,
    sections: sectionLines,
    titleLine: positions.get('title')?.line ?? null,
  };
  const find = (line: number, column: number, severity: 'error' | 'warning' | 'info', rule: string, message: string) => {
    findings.push({ line, column, severity, rule, message });
  };

  const h = plan.header;
  if (h.status !== null) h.status = statusValue(h.status);
  h.author ??= extraField(plan, 'owner');
  h.created ??= extraField(plan, 'date');
  const sourceFeature = extraField(plan, 'source feature');
  if (sourceFeature !== null && !isDash(sourceFeature)) {
    const slug = scalar(firstLink(sourceFeature)?.text ?? sourceFeature);
    facts.sourceFeature = slug;
    h.sourceType ??= 'feature';
    if (h.features.length === 0) h.features = [{ text: slug, href: path.posix.relative(path.posix.dirname(file), `spec/features/${slug}/README.md`) }];
  }
  if (h.source !== null) {
    facts.sourceRef = scalar(h.source);
    const idea = /^idea:\s*(\S+)$/.exec(facts.sourceRef);
    if (idea) h.sourceType ??= 'idea';
    else if (/^none$/i.test(facts.sourceRef)) h.sourceType ??= 'none';
  }

  for (let idx = 0; idx < h2.length; idx++) {
    const sec = h2[idx]!;
    const norm = normalizeTitle(sec.text);
    if (sectionLines[norm] !== undefined) continue;
    sectionLines[norm] = sec.line;
    const from = sec.line;
    const to = idx + 1 < h2.length ? h2[idx + 1]!.line - 1 : lines.length;
    if (!MAPPED.has(norm)) continue;
    parsed.sections[norm] = { line: sec.line, endLine: to };
    if (norm === 'tasks') {
      const read = readTasks(bodyLines, outline.headings, from, to, positions, find);
      plan.steps = read.steps;
      plan.stepsPreamble = read.preamble;
      facts.tasks = read.tasks;
    } else if (norm === 'snapshots') facts.snapshots = readSnapshots(outline.tables, from, to);
  }
  // The mapped sections leave the extra sections (Snapshots stays: its table is kept as written);
  // Summary becomes the context unless there is one.
  const kept = [];
  for (const s of plan.extraSections) {
    const norm = normalizeTitle(s.title);
    if (norm === 'summary' && plan.context === null) plan.context = s.body;
    else if (norm === 'open questions' && plan.outstandingQuestions === null) plan.outstandingQuestions = withoutFooter(s.body);
    else if (norm === 'tasks') continue;
    else kept.push({ ...s, body: withoutFooter(s.body) });
  }
  plan.extraSections = kept;
  positions.seal();
  return { ...parsed, specscore: facts };
}

function readSnapshots(tables: ReturnType<typeof scanOutline>['tables'], from: number, to: number): Snapshot[] {
  const table = tables.find((t) => t.line > from && t.line <= to);
  if (!table) return [];
  const cols = table.header.map((c) => normalizeTitle(c));
  const at = (row: string[], name: string) => {
    const k = cols.indexOf(name);
    return k >= 0 ? scalar(row[k] ?? '') : '';
  };
  return table.rows.map((r) => ({
    date: at(r.cells, 'date'),
    hash: at(r.cells, 'git hash'),
    action: at(r.cells, 'action').toLowerCase(),
    comment: at(r.cells, 'comment'),
    line: r.line,
  }));
}
