/**
 * Property and fuzz tests: random and mutated plan documents through parse → lint (in the
 * context of a real temp repository) → render → parse. Hostile text: random unicode, CRLF, BOM,
 * tabs, NUL and control characters, enormous tables, 100,000-line files, deeply nested lists.
 * No crash, no hang (a time bound per document), findings instead.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lintPlanText, lintRepo } from '../../src/lint/index.js';
import { parseFeature } from '../../src/parse/feature.js';
import { parsePlan } from '../../src/parse/plan.js';
import { parsePlansIndex } from '../../src/parse/plans-index.js';
import { parseProposal } from '../../src/parse/proposal.js';
import { renderPlan } from '../../src/render/plan.js';
import { loadRepo } from '../../src/repo/load-repo.js';
import type { SpecRepo } from '../../src/model/repository.js';
import { planModel } from '../support/plan-arbitrary.js';
import { makeArena, planText, write, type Arena } from '../support/hardening-helpers.js';
import { corpus } from '../support/corpus.js';

const SYNCHESTRA = corpus('synchestra-spec');
const CORPUS_ROOT = SYNCHESTRA.root;

/** Per-document bound for ordinary-sized documents (parse + lint + render + parse). */
const BOUND_MS = 1_000;

let arena: Arena;
let stableChecked = 0;
let repo: SpecRepo;
const SEEDS: string[] = [];

beforeAll(() => {
  arena = makeArena({ git: false, symlinks: false });
  repo = loadRepo(arena.root);
  SEEDS.push(planText({ title: 'Seed plan' }), planText({ title: 'Approved seed', status: 'approved' }));
  if (SYNCHESTRA.present) {
    SEEDS.push(readFileSync(path.join(CORPUS_ROOT, 'spec/plans/chat-feature/chat-infrastructure/README.md'), 'utf8'));
    SEEDS.push(readFileSync(path.join(CORPUS_ROOT, 'spec/plans/chat-feature/README.md'), 'utf8'));
  }
});
afterAll(() => arena?.cleanup());

/**
 * The whole pipeline on one document. Returns the elapsed milliseconds. Throws only when a stage
 * throws (a crash) or the re-render of a parsed document is not stable.
 */
function pipeline(text: string, stable: 'always' | 'when-valid' = 'when-valid'): { ms: number; findings: number } {
  const planPath = 'fuzzed';
  const t0 = performance.now();
  const parsed = parsePlan(text);
  const lint = lintPlanText(repo, planPath, text);
  for (const d of lint.diagnostics) {
    if (!(d.line >= 1 && d.column >= 1 && typeof d.message === 'string' && d.message.length > 0)) throw new Error(`bad diagnostic ${JSON.stringify(d)}`);
  }
  const rendered = renderPlan(parsed.plan);
  const again = parsePlan(rendered);
  const rerendered = renderPlan(again.plan);
  // A document in the renderer's domain, or one that passes validation, has a stable canonical
  // form (rendering what was read back changes nothing). A broken one only has to come back with
  // findings: a duplicated section or an unclosed fence swallowing the header is reported, and
  // the writing tools refuse documents with errors, so its rendering is never written.
  const clean = stable === 'always' || (lint.errorCount === 0 && parsed.findings.length === 0);
  if (clean) stableChecked++;
  if (clean && rerendered !== rendered) throw new Error(`render is not stable:\n--- first\n${rendered.slice(0, 800)}\n--- second\n${rerendered.slice(0, 800)}`);
  lintPlanText(repo, planPath, rendered);
  return { ms: performance.now() - t0, findings: lint.diagnostics.length + parsed.findings.length };
}

/** Unicode that breaks naive code: controls, NUL, RTL marks, surrogates, combining marks, emoji. */
const NASTY = [
  '\u0000',
  '\u0007',
  '\u200b',
  '\u200e',
  '\u202e',
  '\ufeff',
  '\ud800',
  '\udfff',
  '\u0301',
  '🧨',
  '👩‍👩‍👧',
  '\u2028',
  '\u2029',
  '\r',
  '\t',
  '|',
  '`',
  '```',
  '**',
  '#',
  '- ',
  '> ',
  '<!--',
  '-->',
  '\\',
  '[x](',
  ')',
  '**Status:** approved',
];
const nastyString = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.constantFrom(...NASTY),
  fc.array(fc.constantFrom(...NASTY), { maxLength: 6 }).map((a) => a.join('')),
);

type Mutation = (lines: string[], rnd: { at: number; s: string; n: number }) => string[];
const MUTATIONS: Record<string, Mutation> = {
  insertLine: (l, r) => [...l.slice(0, r.at % (l.length + 1)), r.s, ...l.slice(r.at % (l.length + 1))],
  deleteLine: (l, r) => l.filter((_, i) => i !== r.at % l.length),
  duplicateLine: (l, r) => [...l.slice(0, (r.at % l.length) + 1), ...l.slice(r.at % l.length)],
  swapLines: (l, r) => {
    const a = r.at % l.length;
    const b = r.n % l.length;
    const out = [...l];
    [out[a], out[b]] = [out[b]!, out[a]!];
    return out;
  },
  injectIntoLine: (l, r) => l.map((x, i) => (i === r.at % l.length ? x.slice(0, r.n % (x.length + 1)) + r.s + x.slice(r.n % (x.length + 1)) : x)),
  indentLine: (l, r) => l.map((x, i) => (i === r.at % l.length ? `${r.n % 2 ? '\t' : '    '.repeat((r.n % 5) + 1)}${x}` : x)),
  truncate: (l, r) => l.slice(0, r.at % l.length),
  spacesToTabs: (l) => l.map((x) => x.replace(/^ {2}/, '\t')),
  crlf: (l) => l.map((x) => `${x}\r`),
  bom: (l) => (l.length ? [`\ufeff${l[0]}`, ...l.slice(1)] : l),
  headingLevel: (l, r) => l.map((x, i) => (i === r.at % l.length && x.startsWith('#') ? '#'.repeat((r.n % 7) + 1) + x.replace(/^#+/, '') : x)),
  fenceOpen: (l, r) => [...l.slice(0, r.at % (l.length + 1)), r.n % 2 ? '```' : '~~~~', ...l.slice(r.at % (l.length + 1))],
};

const mutation = fc.record({ kind: fc.constantFrom(...Object.keys(MUTATIONS)), at: fc.nat(10_000), n: fc.nat(10_000), s: nastyString });

describe('fuzz: parse → lint → render → parse never crashes or hangs', () => {
  it('random plan models (the renderer’s own domain) survive the whole pipeline', () => {
    let worst = 0;
    fc.assert(
      fc.property(planModel, (plan) => {
        const { ms } = pipeline(renderPlan(plan), 'always');
        worst = Math.max(worst, ms);
        return ms < BOUND_MS;
      }),
      { numRuns: 120, seed: 20261122 },
    );
    expect(worst).toBeLessThan(BOUND_MS);
    expect(stableChecked).toBeGreaterThan(100);
  });

  SYNCHESTRA.it('mutated plans (corpus and seeds, 1-8 hostile edits each) give findings, never an exception', () => {
    let worst = 0;
    let withFindings = 0;
    const stableBefore = stableChecked;
    fc.assert(
      fc.property(fc.nat(SEEDS.length - 1), fc.array(mutation, { minLength: 1, maxLength: 8 }), (seed, edits) => {
        let lines = SEEDS[seed]!.split('\n');
        for (const e of edits) lines = MUTATIONS[e.kind]!(lines.length ? lines : [''], e);
        const { ms, findings } = pipeline(lines.join('\n'));
        worst = Math.max(worst, ms);
        if (findings) withFindings++;
        return ms < BOUND_MS;
      }),
      { numRuns: 300, seed: 42 },
    );
    expect(worst).toBeLessThan(BOUND_MS);
    expect(withFindings).toBeGreaterThan(50); // the mutations really break documents
    expect(stableChecked - stableBefore).toBeGreaterThan(30); // and many still pass validation: those must round-trip
  });

  it('arbitrary unicode and binary text is read as a document with findings', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: 'grapheme', maxLength: 2000 }),
          fc.string({ unit: 'binary', maxLength: 2000 }),
          fc.array(nastyString, { maxLength: 200 }).map((a) => a.join('\n')),
        ),
        (text) => {
          const { ms } = pipeline(text);
          return ms < BOUND_MS;
        },
      ),
      { numRuns: 200, seed: 7 },
    );
  });

  it('the other document kinds (feature, proposal, plans index) parse hostile text without throwing', () => {
    fc.assert(
      fc.property(fc.nat(SEEDS.length - 1), fc.array(mutation, { minLength: 1, maxLength: 6 }), (seed, edits) => {
        let lines = SEEDS[seed]!.replace(/^# Plan:/, '# Feature:').split('\n');
        for (const e of edits) lines = MUTATIONS[e.kind]!(lines.length ? lines : [''], e);
        const text = lines.join('\n');
        parseFeature(text);
        parseProposal(text);
        parsePlansIndex(text);
      }),
      { numRuns: 150, seed: 11 },
    );
  });
});

describe('enormous and pathological documents: bounded time, findings instead of a crash', () => {
  const head = planText({ title: 'Big' }).split('## Steps')[0]!;
  const cases: Array<{ name: string; text: () => string; boundMs: number }> = [
    {
      name: '100,000-line file (50,000 acceptance criteria)',
      text: () =>
        `${head.replace('- Nothing leaves the root', Array.from({ length: 50_000 }, (_, i) => `- criterion ${i}\n  continued`).join('\n'))}## Steps\n\n### 1. Only\n\n**Depends on:** (none)\n`,
      boundMs: 8_000,
    },
    {
      name: '100,000 lines of steps (10,000 steps, each depending on the previous)',
      text: () =>
        `${head}## Steps\n\n${Array.from({ length: 10_000 }, (_, i) => `### ${i + 1}. Step ${i + 1}\n\n**Depends on:** ${i ? `Step ${i}` : '(none)'}\n\n**Acceptance criteria:**\n- done ${i}\n- checked ${i}\n`).join('\n')}`,
      boundMs: 15_000,
    },
    {
      name: 'enormous table (Child Plans with 20,000 rows, 30 columns)',
      text: () =>
        `${head}## Child Plans\n\n| Order | Plan | Status | Effort | Impact |${' x |'.repeat(25)}\n|---|---|---|---|---|${'---|'.repeat(25)}\n${Array.from({ length: 20_000 }, (_, i) => `| ${i} | [c${i}](c${i}/) | draft | S | low |${' y |'.repeat(25)}`).join('\n')}\n`,
      boundMs: 10_000,
    },
    {
      name: 'deeply nested list (5,000 levels of markers on one line)',
      text: () => `${head}## Steps\n\n### 1. Deep\n\n${'- '.repeat(5_000)}x\n${'1. '.repeat(5_000)}y\n`,
      boundMs: 5_000,
    },
    {
      name: 'deeply nested list (300 levels by indentation, 90 KB)',
      text: () => `${head}## Steps\n\n### 1. Deep\n\n${Array.from({ length: 300 }, (_, i) => `${'  '.repeat(i)}- level ${i}`).join('\n')}\n`,
      boundMs: 2_000,
    },
    { name: 'nested blockquotes (5,000 levels)', text: () => `${head}${'> '.repeat(5_000)}deep\n`, boundMs: 5_000 },
    { name: 'one 2 MB line', text: () => `${head}## Steps\n\n### 1. ${'x'.repeat(2_000_000)}\n`, boundMs: 5_000 },
    { name: '50,000 unclosed fences and emphasis', text: () => `${head}${'```\n**a\n~~~\n['.repeat(12_500)}`, boundMs: 8_000 },
    {
      name: 'CRLF + BOM + tabs everywhere',
      text: () => `\ufeff${planText({ title: 'Windows' }).replace(/ {2}/g, '\t').replace(/\n/g, '\r\n')}`,
      boundMs: BOUND_MS,
    },
    { name: '10,000 duplicate Status fields and headings', text: () => `${head}${'**Status:** approved\n## Steps\n'.repeat(10_000)}`, boundMs: 8_000 },
    {
      name: 'a dependency cycle across 5,000 steps',
      text: () =>
        `${head}## Steps\n\n${Array.from({ length: 5_000 }, (_, i) => `### ${i + 1}. S\n\n**Depends on:** Step ${((i + 1) % 5_000) + 1}\n`).join('\n')}`,
      boundMs: 10_000,
    },
  ];
  for (const c of cases) {
    it(`${c.name}`, () => {
      const text = c.text();
      const t0 = performance.now();
      const parsed = parsePlan(text);
      const lint = lintPlanText(repo, 'big', text);
      renderPlan(parsed.plan);
      const ms = performance.now() - t0;
      expect(ms, `${c.name}: ${ms.toFixed(0)} ms`).toBeLessThan(c.boundMs);
      expect(lint.diagnostics.length + lint.errorCount).toBeGreaterThanOrEqual(0);
    }, 60_000);
  }

  it('a CRLF + BOM plan reads as the same plan as its LF form', () => {
    const lf = planText({ title: 'Windows' });
    const crlf = `\ufeff${lf.replace(/\n/g, '\r\n')}`;
    expect(parsePlan(crlf).plan).toEqual(parsePlan(lf).plan);
  });
});

describe('a temp repository full of hostile files still loads and lints', () => {
  it('lintRepo reports findings for every broken file and throws for none', () => {
    const root = arena.root;
    const docs = fc.sample(fc.tuple(fc.nat(SEEDS.length - 1), fc.array(mutation, { minLength: 1, maxLength: 8 })), { numRuns: 40, seed: 99 });
    docs.forEach(([seed, edits], i) => {
      let lines = SEEDS[seed]!.split('\n');
      for (const e of edits) lines = MUTATIONS[e.kind]!(lines.length ? lines : [''], e);
      write(root, `spec/plans/fuzz-${i}/README.md`, lines.join('\n'));
    });
    writeFileSync(path.join(root, 'spec/plans/README.md'), '\ufeff# Plans\r\n\r\n| Plan | Status |\r\n|---|\r\n| [x](../../../etc/) | \u0000 |\r\n');
    write(
      root,
      'spec/features/broken/README.md',
      '\ufeff# Feature: \u202eBroken\r\n\r\n**Status:** \u0000\r\n\r\n## Plans\r\n\r\n| Plan |\r\n|---|\r\n| [p](../../../../../etc/passwd) |\r\n',
    );
    write(
      root,
      'spec/features/cli/proposals/broken/README.md',
      '# Proposal\n\n| Field | Value |\n|---|\n| Status | `approved` | extra |\n| Plan | [evil](../../../../../../etc/) |\n',
    );
    const t0 = performance.now();
    const result = lintRepo(loadRepo(root));
    expect(performance.now() - t0).toBeLessThan(10_000);
    const files = new Set(result.diagnostics.map((d) => d.file));
    expect([...files].some((f) => f.startsWith('spec/plans/fuzz-'))).toBe(true);
    expect(result.diagnostics.every((d) => !path.isAbsolute(d.file) && !d.file.startsWith('..'))).toBe(true);
  });
});
