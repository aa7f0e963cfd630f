import type { Plan, Step, SubStep } from '../model/plan.js';
import { fieldName, fieldNameEnd, fieldValue, isWhiteSpace, joinTrimmed, type LineSet, ListReader } from '../markdown/blocks.js';
import type { Positions } from '../model/parsed.js';
import type { OutlineHeading } from '../markdown/outline.js';
import type { Find } from './plan-header.js';
import { exact } from './exact.js';
import { indexedKey, joinKey } from './position-keys.js';

const STEP_HEADING = /^(?:([A-Za-z]+)\s+)?(\d+(?:\.\d+)*)\s*[.:)]?\s*(.*)$/;
const CANONICAL_STEP = /^\d+(\.\d+)*\.\s/;

type StepField = 'dependsOn' | 'produces' | 'acceptanceCriteria';

/**
 * The model key of a step field by its name in any case (as its lower case, `depends on`,
 * `produces`, `acceptance criteria`, says), or undefined for an extra field.
 */
function stepFieldOf(name: string): StepField | undefined {
  switch (name.length) {
    case 10:
      return lowerCaseIs(name, 'depends on') ? 'dependsOn' : undefined;
    case 8:
      return lowerCaseIs(name, 'produces') ? 'produces' : undefined;
    case 19:
      return lowerCaseIs(name, 'acceptance criteria') ? 'acceptanceCriteria' : undefined;
    default:
      return undefined;
  }
}

/**
 * `text.toLowerCase() === lower` for `lower` of ASCII lower-case letters and spaces (none of them
 * `k`, which the Kelvin sign lower-cases to), of the same length as `text`, without lower-casing.
 */
function lowerCaseIs(text: string, lower: string): boolean {
  for (let i = 0; i < lower.length; i++) {
    const c = text.charCodeAt(i);
    const e = lower.charCodeAt(i);
    if (c !== e && !(e >= 97 && e <= 122 && c === e - 32)) return false;
  }
  return true;
}

/** The list reader of step fields, kept from field to field. */
const LIST = new ListReader();

/** Position key part of each list field's items. */
const FIELD_ITEMS = { produces: 'produces.', acceptanceCriteria: 'acceptanceCriteria.' } as const;

/** The common canonical form "Step 1, Step 2.1" (a fast path; everything else takes the general one). */
const SIMPLE_DEPENDS = /^Steps? \d+(?:\.\d+)*(?:, ?Steps? \d+(?:\.\d+)*)*$/;

/**
 * Parse "Step 1, Steps 2.1 and 3" / "(none)" into step numbers. Notes in parentheses are
 * comments; ranges ("Steps 2.1–2.4", "1-3") expand to every number in them; tokens that are not
 * step numbers are kept as written (the lint rules report them).
 */
export function parseDependsOn(value: string): string[] {
  const v = value.trim();
  if (v === '(none)') return [];
  if (SIMPLE_DEPENDS.test(v)) return v.split(',').map(stepNumberOf);
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
  return exact(out);
}

/** The number of a "Step N" or "Steps N" token of the canonical form (spaces around it allowed). */
function stepNumberOf(token: string): string {
  const t = token.trim();
  return t.slice(t.charCodeAt(4) === 115 /* s */ ? 6 : 5);
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

/**
 * For a step heading in the canonical form `N(.N)*. Title` (CANONICAL_STEP, with a title that
 * STEP_HEADING reads: no line terminator), where its number ends (the '.' after it); else -1.
 * Such a heading's number is text[0..end) and its title text[end + 1..] trimmed, as STEP_HEADING
 * reads them.
 */
function canonicalNumberEnd(text: string): number {
  let q = 0;
  for (;;) {
    const d = q;
    while (text.charCodeAt(q) >= 48 && text.charCodeAt(q) <= 57) q++;
    if (q === d || text.charCodeAt(q) !== 46) return -1;
    const next = text.charCodeAt(q + 1);
    if (!(next >= 48 && next <= 57)) break;
    q++;
  }
  if (!isWhiteSpace(text.charCodeAt(q + 1))) return -1;
  for (let i = q + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13 || c === 0x2028 || c === 0x2029) return -1;
  }
  return q;
}

/**
 * Read the `## Steps` section (lines[from..to), 0-based): `###` steps and `####` sub-steps with
 * their bodies and fields, a position for each step and each field and list item.
 */
export function readSteps(
  lines: readonly string[],
  headings: readonly OutlineHeading[],
  from: number,
  to: number,
  code: LineSet,
  plan: Plan,
  positions: Positions,
  find: Find,
): void {
  const inner = headings.filter((h) => h.line > from && h.line <= to && h.depth >= 3);
  const steps: Step[] = [];
  plan.steps = steps;
  plan.stepsPreamble = joinTrimmed(lines, from, inner[0] ? inner[0].line - 1 : to);
  let parent: Step | null = null;
  for (let idx = 0; idx < inner.length; idx++) {
    const h = inner[idx]!;
    if (h.depth > 4) continue; // deeper headings stay inside the enclosing step's body
    let k = idx + 1;
    while (k < inner.length && inner[k]!.depth > 4) k++;
    const bodyTo = k < inner.length ? inner[k]!.line - 1 : to;
    const canonical = canonicalNumberEnd(h.text);
    const m = canonical < 0 ? STEP_HEADING.exec(h.text) : null;
    const number = canonical >= 0 ? h.text.slice(0, canonical) : m ? m[2]! : '';
    const title = canonical >= 0 ? h.text.slice(canonical + 1).trim() : m ? (m[3] ?? '').trim() : h.text;
    if (canonical >= 0) {
      // "N. Title": numbered and in the canonical form.
    } else if (!m) find(h.line, h.column, 'error', 'plan/step-heading', `step heading "${h.text}" has no number; expected "${'#'.repeat(h.depth)} N. Title"`);
    else if (m[1] || !CANONICAL_STEP.test(h.text))
      find(h.line, h.column, 'info', 'plan/step-heading', `step heading "${h.text}" is not in the canonical form "${'#'.repeat(h.depth)} ${number}. ${title}"`);
    let key: string;
    if (h.depth === 3) key = indexedKey('steps.', steps.length);
    else {
      if (!parent) {
        find(h.line, h.column, 'error', 'plan/nesting', `sub-step "${h.text}" comes before any step; expected a "### N. Title" step above it`);
        parent = {
          number: number.split('.')[0] ?? number,
          title: '(missing step)',
          body: '',
          dependsOn: null,
          produces: [],
          acceptanceCriteria: [],
          extraFields: [],
          subSteps: [],
        };
        steps.push(parent);
      }
      key = indexedKey(joinKey(indexedKey('steps.', steps.length - 1), 'subSteps.'), parent.subSteps.length);
    }
    positions.set(key, h.line, h.column);
    if (h.depth === 3) {
      if (parent) parent.subSteps = exact(parent.subSteps);
      parent = readStepBody(lines, h.line, bodyTo, code, number, title, positions, key, find, true) as Step;
      steps.push(parent);
    } else parent!.subSteps.push(readStepBody(lines, h.line, bodyTo, code, number, title, positions, key, find, false));
  }
  if (parent) parent.subSteps = exact(parent.subSteps);
  plan.steps = exact(steps);
  for (const h of inner)
    if (h.depth > 4)
      find(h.line, h.column, 'error', 'plan/nesting', `heading "${h.text}" nests deeper than sub-steps; plans allow steps (###) and sub-steps (####) only`);
}

/** Body and fields of one step: lines[from..to), positions under `key.`. */
function readStepBody(
  lines: readonly string[],
  from: number,
  to: number,
  code: LineSet,
  number: string,
  title: string,
  positions: Positions,
  key: string,
  find: Find,
  withSubSteps: boolean,
): SubStep {
  // A step holds its sub-steps from the start: a property added later would live outside the object.
  const withSubs: Step | null = withSubSteps
    ? { number, title, body: '', dependsOn: null, produces: [], acceptanceCriteria: [], extraFields: [], subSteps: [] }
    : null;
  const step: SubStep = withSubs ?? { number, title, body: '', dependsOn: null, produces: [], acceptanceCriteria: [], extraFields: [] };
  // Field lines at column 1 outside code split the body: each field runs to the next one (or
  // `to`), read once the next is found. Body text found after a field's list is kept in `more`.
  let body = '';
  let more: string[] | null = null;
  let fieldLine = -1;
  let name = '';
  let value = '';
  for (let i = from; i <= to; i++) {
    let nameEnd = -1;
    if (i < to) {
      const line = lines[i]!;
      if (line.charCodeAt(0) !== 42 || code.has(i + 1)) continue;
      nameEnd = fieldNameEnd(line);
      if (nameEnd < 0) continue;
    }
    if (fieldLine < 0) body = joinTrimmed(lines, from, i);
    else {
      const field = stepFieldOf(name);
      positions.set(field ? joinKey(key, field) : `${key}.extra.${name}`, fieldLine + 1, 1);
      if (!field) {
        const rest = joinTrimmed(lines, fieldLine + 1, i);
        step.extraFields.push({ name, value: value && rest ? `${value}\n${rest}` : value || rest });
      } else {
        LIST.read(lines, fieldLine + 1, i);
        const count = LIST.count;
        if (LIST.after) (more ??= []).push(LIST.after);
        if (field === 'dependsOn') {
          step.dependsOn = parseDependsOn(count === 0 ? value : [value, ...LIST.texts.slice(0, count)].filter(Boolean).join(', '));
        } else {
          // One position per item: its bullet, or the field line for a value written inline.
          const target = step[field];
          const itemPrefix = joinKey(key, FIELD_ITEMS[field]);
          if (value) {
            positions.set(indexedKey(itemPrefix, target.length), fieldLine + 1, 1);
            target.push(value);
          }
          // Items go into an array of their exact length (see `exact`).
          const at = target.length;
          for (let k = 0; k < count; k++) positions.set(indexedKey(itemPrefix, at + k), LIST.lines[k]!, LIST.columns[k]!);
          if (at === 0) {
            if (count > 0) step[field] = LIST.itemTexts();
          } else {
            for (let k = 0; k < count; k++) target.push(LIST.texts[k]!);
            step[field] = exact(target);
          }
          if (LIST.before) {
            find(fieldLine + 1, 1, 'warning', 'plan/list-format', `text under "**${name}:**" is not a bullet list; expected "- " items`);
            (more ??= []).push(LIST.before);
          }
        }
      }
    }
    if (nameEnd >= 0) {
      fieldLine = i;
      name = fieldName(lines[i]!, nameEnd);
      value = fieldValue(lines[i]!, nameEnd);
    }
  }
  step.body = more === null ? body : [body, ...more].filter(Boolean).join('\n\n');
  step.extraFields = exact(step.extraFields);
  return step;
}
