import { describe, expect, test } from 'vitest';
import { rng } from '../../bench/generate-repo.mjs';
import { joinTrimmed, matchField, readList } from '../../src/markdown/blocks.js';
import { scanOutline } from '../../src/markdown/outline-fast.js';
import { documentLines } from '../../src/markdown/text-lines.js';
import type { SubStep } from '../../src/model/plan.js';
import { Positions } from '../../src/model/positions.js';
import { parseDependsOn, parsePlan } from '../../src/parse/plan.js';
import { randomLines } from '../support/random-lines.js';

const FIELDS: Record<string, 'dependsOn' | 'produces' | 'acceptanceCriteria'> = {
  'depends on': 'dependsOn',
  produces: 'produces',
  'acceptance criteria': 'acceptanceCriteria',
};

/** A step's body and fields by their definition: field lines found first, then each read up to the next. */
function byDefinition(lines: readonly string[], from: number, to: number, positions: Positions): Omit<SubStep, 'number' | 'title'> {
  const step = {
    body: '',
    dependsOn: null as string[] | null,
    produces: [] as string[],
    acceptanceCriteria: [] as string[],
    extraFields: [] as SubStep['extraFields'],
  };
  const fieldAt: Array<{ i: number; name: string; value: string }> = [];
  for (let i = from; i < to; i++) {
    const f = matchField(lines[i]!);
    if (f) fieldAt.push({ i, name: f[0], value: f[1] });
  }
  const bodyParts = [joinTrimmed(lines, from, fieldAt[0] ? fieldAt[0].i : to)];
  for (let k = 0; k < fieldAt.length; k++) {
    const f = fieldAt[k]!;
    const end = k + 1 < fieldAt.length ? fieldAt[k + 1]!.i : to;
    const field = FIELDS[f.name.toLowerCase()];
    positions.set(field ? `steps.0.${field}` : `steps.0.extra.${f.name}`, f.i + 1, 1);
    if (!field) {
      const rest = joinTrimmed(lines, f.i + 1, end);
      step.extraFields.push({ name: f.name, value: f.value && rest ? `${f.value}\n${rest}` : f.value || rest });
      continue;
    }
    const list = readList(lines, f.i + 1, end);
    if (list.after) bodyParts.push(list.after);
    if (field === 'dependsOn') step.dependsOn = parseDependsOn([f.value, ...list.items.map((x) => x.text)].filter(Boolean).join(', '));
    else {
      const target = step[field];
      if (f.value) {
        positions.set(`steps.0.${field}.${target.length}`, f.i + 1, 1);
        target.push(f.value);
      }
      for (const x of list.items) {
        positions.set(`steps.0.${field}.${target.length}`, x.line, x.column);
        target.push(x.text);
      }
      if (list.before) bodyParts.push(list.before);
    }
  }
  step.body = bodyParts.filter(Boolean).join('\n\n');
  return step;
}

const LINES = [
  '**Depends on:** Step 1',
  '**Depends on:**',
  '**Produces:**',
  '**Produces:** `a.md`',
  '**Acceptance criteria:**',
  '**Acceptance criteria:** inline',
  '**Owner:** me',
  '**DEPENDS ON:** Step 2',
  '**Acceptance Criteria:**',
  '**PRODUCES:** `b.md`',
  '**Produces :**',
  '**Acceptance cr\u0130teria:**',
  '**\u212Aey:** v',
  '**Notes:**',
  '- item',
  '  - nested',
  '- Step 2',
  'text',
  '  continued',
  '',
  '',
];

describe('step fields', () => {
  test('agree with their definition on 5,000 generated steps', () => {
    const next = rng(5);
    for (let n = 0; n < 5_000; n++) {
      const body = randomLines(next, LINES, 14);
      const lines = ['# Plan: P', '', '## Steps', '', '### 1. One', ...body];
      const parsed = parsePlan(`${lines.join('\n')}\n`);
      const positions = new Positions();
      const expected = byDefinition(lines, 5, lines.length, positions);
      const { number, title, subSteps, ...got } = parsed.plan.steps![0]!;
      expect(got, JSON.stringify(body)).toEqual(expected);
      const stepKeys = (listing: string) =>
        listing
          .split('\n')
          .filter((l) => l.startsWith('steps.0.'))
          .join('\n');
      expect(stepKeys(parsed.positions.listing())).toBe(stepKeys(positions.listing()));
    }
  });
});

describe('step headings', () => {
  const STEP_HEADING = /^(?:([A-Za-z]+)\s+)?(\d+(?:\.\d+)*)\s*[.:)]?\s*(.*)$/;
  const CANONICAL_STEP = /^\d+(\.\d+)*\.\s/;
  const PIECES = ['1', '2', '10', '.', '.', ' ', ' ', 'Step', 'a', ':', ')', '\t', '\u00a0', '\u2028', '\r', 'Title', '#'];
  test('read number, title and form as the heading expressions say, on 20,000 generated headings', () => {
    const next = rng(13);
    for (let n = 0; n < 20_000; n++) {
      let text = '';
      const len = 1 + Math.floor(next() * 8);
      for (let k = 0; k < len; k++) text += PIECES[Math.floor(next() * PIECES.length)];
      if (next() < 0.4) text = `${['1.', '2.1. ', '3. '][Math.floor(next() * 3)]}${text}`;
      const doc = `# Plan: P\n\n## Steps\n\n### ${text}\n`;
      const parsed = parsePlan(doc);
      const step = parsed.plan.steps?.[0];
      const heading = scanOutline(documentLines(doc)).headings.find((h) => h.depth === 3)?.text;
      if (!step || heading === undefined) continue; // the text made the line something other than a step heading
      const m = STEP_HEADING.exec(heading);
      const rules = parsed.findings.filter((f) => f.rule === 'plan/step-heading').map((f) => f.severity);
      expect(step.number, JSON.stringify(text)).toBe(m ? m[2] : '');
      expect(step.title, JSON.stringify(text)).toBe(m ? (m[3] ?? '').trim() : heading);
      expect(rules, JSON.stringify(text)).toEqual(!m ? ['error'] : m[1] || !CANONICAL_STEP.test(heading) ? ['info'] : []);
    }
  });
});
