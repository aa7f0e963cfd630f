import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lintRepo } from '../../src/lint/index.js';
import type { Diagnostic } from '../../src/model/common.js';
import { parseFeature } from '../../src/parse/feature.js';
import { parsePlan } from '../../src/parse/plan.js';
import { parsePlansIndex } from '../../src/parse/plans-index.js';
import { loadRepo } from '../../src/repo/load-repo.js';
import type { SpecRepo } from '../../src/model/repository.js';
import { corpus } from '../support/corpus.js';

/**
 * A real spec repository on disk with one broken file of each kind next to good ones. Each
 * broken file yields a finding for that file; the run never crashes; nothing outside the root
 * is read.
 */
const SYNCHESTRA = corpus('synchestra-spec');
const good = (rel: string) => (SYNCHESTRA.present ? readFileSync(path.join(SYNCHESTRA.root, rel), 'utf8') : '');
const GOOD_PLAN = good('spec/plans/chat-feature/chat-infrastructure/README.md');
const GOOD_FEATURE = good('spec/features/chat/README.md');
const GOOD_INDEX = good('spec/plans/README.md');

let tmp: string;
let root: string;
let outside: string;
let repo: SpecRepo;
let diagnostics: Diagnostic[];
let loadMs: number;

const write = (rel: string, data: string | Uint8Array) => {
  const abs = path.join(root, rel);
  mkdirSync(path.dirname(abs), { recursive: true });
  writeFileSync(abs, data);
};

/** A plan of about `bytes` bytes: the good plan's steps repeated. */
function hugePlan(bytes: number): string {
  const head = GOOD_PLAN.slice(0, GOOD_PLAN.indexOf('## Steps'));
  const steps: string[] = [];
  let size = head.length;
  for (let n = 1; size < bytes; n++) {
    const step = `### ${n}. Step number ${n}\n\nBody of step ${n} with a [link](../x/) and \`code\`.\n\n**Depends on:** Step ${Math.max(1, n - 1)}\n**Produces:**\n  - \`artifact-${n}.md\` — output\n\n**Acceptance criteria:**\n- criterion ${n}\n`;
    steps.push(step);
    size += step.length + 1;
  }
  return `${head}## Steps\n\n${steps.join('\n')}\n## Outstanding Questions\n\nNone at this time.\n`;
}

beforeAll(() => {
  if (!SYNCHESTRA.present) return;
  tmp = mkdtempSync(path.join(os.tmpdir(), 'specplan-broken-'));
  root = path.join(tmp, 'repo');
  outside = path.join(tmp, 'outside');
  mkdirSync(path.join(outside, 'plan'), { recursive: true });
  writeFileSync(path.join(outside, 'secret.md'), '# Plan: Secret\n\n**Status:** approved\n');
  writeFileSync(path.join(outside, 'plan', 'README.md'), '# Plan: Outside folder\n\n**Status:** approved\n');

  write('spec/features/chat/README.md', GOOD_FEATURE);
  write('spec/features/empty/README.md', '');
  write('spec/features/huge-links/README.md', `# Feature: Huge links\n\n**Status:** Draft\n\n## Proposals\n\n${'[a]('.repeat(1_300_000)}\n`);
  write('spec/plans/README.md', GOOD_INDEX);
  write('spec/plans/good/README.md', GOOD_PLAN);
  write('spec/plans/empty/README.md', '');
  write('spec/plans/binary/README.md', Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]));
  write('spec/plans/huge/README.md', hugePlan(5 * 1024 * 1024));
  const latin1 = Buffer.from(GOOD_PLAN.replace('## Context', '## Context\n\nCaf\u00e9 in Latin-1.'), 'latin1');
  write('spec/plans/latin1/README.md', latin1);
  write('spec/plans/crlf/README.md', GOOD_PLAN.replace(/\n/g, '\r\n'));
  write('spec/plans/bom/README.md', `\uFEFF${GOOD_PLAN}`);
  mkdirSync(path.join(root, 'spec/plans/escape'), { recursive: true });
  symlinkSync(path.join(outside, 'secret.md'), path.join(root, 'spec/plans/escape/README.md'));
  symlinkSync(path.join(outside, 'plan'), path.join(root, 'spec/plans/outside-dir'));
  write('spec/plans/roadmap/README.md', GOOD_PLAN.replace('# Plan: Chat infrastructure', '# Plan: Roadmap'));
  write('spec/plans/roadmap/child/README.md', GOOD_PLAN.replace('# Plan: Chat infrastructure', '# Plan: Child'));
  write('spec/plans/roadmap/child/grandchild/README.md', GOOD_PLAN.replace('# Plan: Chat infrastructure', '# Plan: Grandchild'));

  const t = performance.now();
  repo = loadRepo(root);
  loadMs = performance.now() - t;
  diagnostics = lintRepo(repo).diagnostics;
});

afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

const forFile = (file: string) => diagnostics.filter((d) => d.file === file);
const rulesFor = (file: string) => forFile(file).map((d) => d.rule);

SYNCHESTRA.describe('broken files: a finding for the file, never a crash', () => {
  it('loads and lints the repository without throwing, reading the good files', () => {
    expect(repo.plans.get('good')!.parsed.plan.title).toBe('Chat infrastructure');
    expect(forFile('spec/plans/good/README.md').filter((d) => d.rule.startsWith('repo/'))).toEqual([]);
    expect(repo.features.get('chat')!.parsed.feature.title).toBe('Chat');
  });

  it('empty README: the plan and the feature are reported as missing their title', () => {
    expect(repo.plans.get('empty')!.parsed.plan.title).toBe('');
    expect(forFile('spec/plans/empty/README.md').some((d) => d.severity === 'error')).toBe(true);
    expect(rulesFor('spec/plans/empty/README.md')).toContain('plan/title');
    expect(rulesFor('spec/features/empty/README.md')).toContain('feature/title');
  });

  it('binary file: reported and not parsed', () => {
    expect(forFile('spec/plans/binary/README.md')).toMatchObject([{ rule: 'repo/binary', severity: 'error', line: 1 }]);
    expect(repo.plans.has('binary')).toBe(false);
  });

  it('5 MB document: read completely, with a warning, in reasonable time', () => {
    const entry = repo.plans.get('huge')!;
    expect(entry.text.length).toBeGreaterThan(5 * 1024 * 1024);
    expect(forFile('spec/plans/huge/README.md').find((d) => d.rule === 'repo/large-document')).toMatchObject({ severity: 'warning', line: 1 });
    const steps = entry.parsed.plan.steps!;
    expect(steps.length).toBeGreaterThan(20_000);
    expect(steps.at(-1)!.dependsOn).toEqual([String(steps.length - 1)]);
    expect(entry.parsed.plan.outstandingQuestions).toBe('None at this time.');
    // Over 10 MB of markdown in this repository; the fast path reads it in well under a second
    // on an idle machine. The bound is loose so a busy CI machine does not fail it.
    expect(loadMs).toBeLessThan(20_000);
  });

  it('pathological input (5 MB of "[a](" on one line) does not make the link reader backtrack', () => {
    const f = repo.features.get('huge-links')!;
    expect(f.parsed.feature.proposals).toEqual([]);
    expect(rulesFor('spec/features/huge-links/README.md')).toContain('repo/large-document');
  });

  it('invalid UTF-8: reported at the line of the bad byte, and still parsed', () => {
    const d = forFile('spec/plans/latin1/README.md').find((x) => x.rule === 'repo/encoding')!;
    const line = GOOD_PLAN.split('\n').indexOf('## Context') + 3;
    expect(d).toMatchObject({ severity: 'error', line });
    const plan = repo.plans.get('latin1')!.parsed.plan;
    expect(plan.title).toBe('Chat infrastructure');
    expect(plan.context!.startsWith('Caf\uFFFD in Latin-1.')).toBe(true);
  });

  it('CRLF and BOM: reported as info, and read to the same model and positions as LF', () => {
    expect(forFile('spec/plans/crlf/README.md').find((d) => d.rule === 'repo/line-endings')).toMatchObject({ severity: 'info', line: 1 });
    expect(forFile('spec/plans/bom/README.md').find((d) => d.rule === 'repo/bom')).toMatchObject({ severity: 'info', line: 1 });
    const lf = repo.plans.get('good')!.parsed;
    for (const name of ['crlf', 'bom']) {
      const other = repo.plans.get(name)!.parsed;
      expect(other.plan, name).toEqual(lf.plan);
      expect(other.positions, name).toEqual(lf.positions);
      expect(other.findings, name).toEqual(lf.findings);
      expect(other.sections, name).toEqual(lf.sections);
    }
    // The other readers too, including lone CR line endings.
    for (const eol of ['\r\n', '\r']) {
      expect(parseFeature(GOOD_FEATURE.replace(/\n/g, eol))).toEqual(parseFeature(GOOD_FEATURE));
      expect(parsePlansIndex(`\uFEFF${GOOD_INDEX.replace(/\n/g, eol)}`)).toEqual(parsePlansIndex(GOOD_INDEX));
      expect(parsePlan(GOOD_PLAN.replace(/\n/g, eol))).toEqual(parsePlan(GOOD_PLAN));
    }
  });

  it('symbolic links out of the root: reported, never followed', () => {
    expect(forFile('spec/plans/escape/README.md')).toMatchObject([{ rule: 'repo/symlink-outside', severity: 'error' }]);
    expect(forFile('spec/plans/outside-dir')).toMatchObject([{ rule: 'repo/symlink-outside', severity: 'error' }]);
    expect(repo.plans.has('escape')).toBe(false);
    expect(repo.plans.has('outside-dir')).toBe(false);
    const everything = JSON.stringify([...repo.plans.values()].map((p) => p.text));
    expect(everything).not.toContain('Secret');
    expect(everything).not.toContain('Outside folder');
  });

  it('reading on a helper thread gives the same repository and findings', () => {
    process.env.SPECPLAN_PREFETCH = '1';
    try {
      const other = loadRepo(root);
      expect([...other.plans.entries()]).toEqual([...repo.plans.entries()]);
      expect([...other.features.entries()]).toEqual([...repo.features.entries()]);
      expect(other.findings).toEqual(repo.findings);
      expect(other.index).toEqual(repo.index);
    } finally {
      delete process.env.SPECPLAN_PREFETCH;
    }
  });

  it('a plan folder three levels deep: reported, not read as a plan', () => {
    expect(rulesFor('spec/plans/roadmap/child/grandchild/README.md')).toEqual(['plan/child-depth']);
    expect(repo.plans.has('roadmap/child')).toBe(true);
    expect(repo.plans.has('roadmap/child/grandchild')).toBe(false);
  });
});
