import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { WorkItem } from '../../src/model/execution.js';
import type { Portfolio } from '../../src/model/portfolio.js';
import type { SpecRepo } from '../../src/model/repository.js';
import { loadExecution } from '../../src/repo/execution.js';
import { loadRepo } from '../../src/repo/load-repo.js';
import { rankPlans } from '../../src/rank/score.js';
import { lintRepo } from '../../src/lint/index.js';
import { updateIndex } from '../../src/app/index.js';
import { renderPortfolioDot, renderPortfolioMermaid } from '../../src/render/portfolio.js';
import { gatherFacts, planLintErrors } from '../../src/whats-next/facts.js';
import { generateWhatsNext } from '../../src/whats-next/generate.js';
import { portfolioOf } from '../../src/whats-next/portfolio-of.js';
import { corpus } from '../support/corpus.js';
import { checkDot, mermaidBlocks, parseMermaid } from '../support/diagrams.js';
import { PROJECT } from '../support/project.js';

const EXAMPLE = path.join(PROJECT, 'examples/acme-spec');
const TODAY = '2026-12-06';

const temps: string[] = [];
afterAll(() => temps.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A lint-clean repository of `roadmaps` roadmaps of `children` chained child plans each, plus `loose` plans. */
async function generatedRepo(roadmaps: number, children: number, loose: number): Promise<string> {
  const root = mkdtempSync(path.join(os.tmpdir(), 'portfolio-'));
  temps.push(root);
  const plans = path.join(root, 'spec/plans');
  mkdirSync(path.join(root, 'spec/features/core'), { recursive: true });
  writeFileSync(path.join(root, 'spec/features/core/README.md'), '# Feature: Core\n\n**Status:** In Progress\n\n## Summary\n\nThe core.\n');
  const plan = (title: string, status: string, steps: number, depth: number) => {
    const up = '../'.repeat(depth + 1);
    return [
      `# Plan: ${title}`,
      '',
      `**Status:** ${status}`,
      '**Features:**',
      `  - [core](${up}features/core/README.md)`,
      '**Source type:** feature',
      `**Source:** [Core feature spec](${up}features/core/)`,
      '**Author:** @maya',
      ...(status === 'approved' ? ['**Approver:** @jordan'] : []),
      '**Created:** 2026-03-02',
      ...(status === 'approved' ? ['**Approved:** 2026-03-09'] : []),
      '',
      '## Context',
      '',
      'Generated.',
      '',
      '## Acceptance criteria',
      '',
      '- Works',
      '',
      '## Steps',
      '',
      ...Array.from({ length: steps }, (_, i) =>
        [`### ${i + 1}. Step ${i + 1}`, '', `**Depends on:** ${i ? `Step ${i}` : '(none)'}`, '', '**Acceptance criteria:**', '- Done', ''].join('\n'),
      ),
      '## Outstanding Questions',
      '',
      'None at this time.',
      '',
    ].join('\n');
  };
  for (let r = 0; r < roadmaps; r++) {
    const rp = path.join(plans, `road-${String(r).padStart(2, '0')}`);
    mkdirSync(rp, { recursive: true });
    const rows = Array.from({ length: children }, (_, c) => `| ${c + 1} | [child-${c}](child-${c}/) | approved | M | high |`);
    writeFileSync(
      path.join(rp, 'README.md'),
      plan(`Roadmap ${r} "quoted" [x] | <b>`, 'approved', 0, 1).replace(
        '## Steps\n\n',
        `## Child Plans\n\n| Order | Plan | Status | Effort | Impact |\n|-------|------|--------|--------|--------|\n${rows.join('\n')}\n\n`,
      ),
    );
    for (let c = 0; c < children; c++) {
      mkdirSync(path.join(rp, `child-${c}`));
      writeFileSync(path.join(rp, `child-${c}`, 'README.md'), plan(`Child ${c} of ${r} <script>x</script> #${c};`, c % 3 === 2 ? 'draft' : 'approved', 2, 2));
    }
  }
  for (let l = 0; l < loose; l++) {
    mkdirSync(path.join(plans, `loose-${l}`), { recursive: true });
    writeFileSync(path.join(plans, `loose-${l}`, 'README.md'), plan(`Loose ${l} | end`, l % 2 ? 'draft' : 'approved', 3, 1));
  }
  await updateIndex(root);
  return root;
}

/** Items completing the first child of every roadmap and starting the second. */
function progressItems(repo: SpecRepo): WorkItem[] {
  const items: WorkItem[] = [];
  for (const p of repo.plans.keys()) {
    if (p.endsWith('/child-0'))
      for (const step of ['1', '2']) items.push({ id: `${p}-${step}`, plan: p, step, status: 'done', updated: '2026-04-01', source: 'ledger' } as WorkItem);
    if (p.endsWith('/child-1')) items.push({ id: `${p}-1`, plan: p, step: '1', status: 'in_progress', updated: '2026-04-02', source: 'ledger' } as WorkItem);
  }
  return items;
}

/** Whether the drawn arrows lead from `from` to `to`. */
function reaches(p: Portfolio, from: string, to: string): boolean {
  const stack = [from];
  const seen = new Set(stack);
  while (stack.length) {
    const n = stack.pop()!;
    if (n === to) return true;
    for (const e of p.edges) if (e.from === n && !seen.has(e.to)) seen.add(e.to), stack.push(e.to);
  }
  return false;
}

/** The picture agrees with the facts it was drawn from. */
function checkAgainstFacts(repo: SpecRepo, items: readonly WorkItem[], p: Portfolio): void {
  const facts = gatherFacts(repo, items, planLintErrors(repo, items));
  const byPath = new Map(facts.map((f) => [f.path, f]));
  const ranking = rankPlans(facts, { newlyUnblocked: new Map() });
  const drawn = new Map(p.nodes.map((n) => [n.plan, n]));
  for (const n of p.nodes) {
    const f = byPath.get(n.plan)!;
    expect(f.progress.completed, `${n.plan} is completed but drawn`).toBe(false);
    expect(f.status, `${n.plan} is superseded but drawn`).not.toBe('superseded');
    if (n.state === 'blocked' || n.state === 'in_progress') {
      for (const b of f.blockedBy) {
        if (n.state !== 'blocked' && !drawn.has(b)) continue;
        if (p.impliedEdges === 0) expect(p.edges, `${n.plan} waits for ${b}`).toContainEqual({ from: b, to: n.plan });
        else expect(reaches(p, b, n.plan), `${n.plan} waits for ${b}`).toBe(true);
      }
    }
  }
  for (const r of ranking.ranked.slice(0, 5)) expect(drawn.get(r.plan)?.state, `recommended ${r.plan}`).toBe('recommended');
  for (const x of ranking.excluded) if (x.why === 'completed' || x.why === 'superseded') expect(drawn.has(x.plan)).toBe(false);
  const mermaid = renderPortfolioMermaid(p);
  const ids = new Map([...p.nodes.map((n) => [n.plan, n.id] as const), ...p.groups.map((g) => [g.plan, g.id] as const)]);
  for (const e of p.edges) expect(mermaid).toContain(`  ${ids.get(e.from)} --> ${ids.get(e.to)}\n`);
  expect(p.nodes.length).toBeLessThanOrEqual(40);
  expect(mermaid.length).toBeLessThan(50_000);
}

async function report(repo: SpecRepo, items: readonly WorkItem[], previousText: string | null, mode: 'full' | 'incremental') {
  return generateWhatsNext({ repo, items, previousText, mode, today: TODAY, llm: null });
}

function section(text: string): string {
  return /## Portfolio\n[\s\S]*?(?=\n<!-- whats-next-state)/.exec(text)![0];
}

const specscore = corpus('specscore-spec');
const corpora = [
  ['examples/acme-spec', EXAMPLE, it],
  ['synchestra-spec corpus', corpus('synchestra-spec').root, corpus('synchestra-spec').it],
  ['specscore-spec corpus', corpus('specscore-spec').root, corpus('specscore-spec').it],
] as const;

describe('the portfolio picture in WHATS-NEXT.md', () => {
  for (const [name, root, test] of corpora) {
    test(`${name}: every mermaid block parses and the picture agrees with the facts`, async () => {
      const repo = loadRepo(root);
      const { items } = await loadExecution(root);
      const r = await report(repo, items, null, 'full');
      const blocks = mermaidBlocks(r.text);
      for (const b of blocks) await parseMermaid(b);
      const p = portfolioOf({ repo, items, previousText: null, top: 5 });
      if (p.nodes.length) expect(blocks).toHaveLength(1);
      checkAgainstFacts(repo, items, p);
      checkDot(renderPortfolioDot(p));
      const again = await report(repo, items, null, 'full');
      expect(again.text).toBe(r.text);
    });
  }

  it('a 220-plan repository: reduced to what matters now, says how many were left out, and still parses', async () => {
    const root = await generatedRepo(20, 8, 40);
    const repo = loadRepo(root);
    const items = progressItems(repo);
    const p = portfolioOf({ repo, items, previousText: null, top: 5 });
    expect(p.open).toBeGreaterThan(40);
    expect(p.nodes.length).toBeLessThanOrEqual(40);
    expect(p.omitted).toBe(p.open - p.nodes.length);
    expect(p.nodes.filter((n) => n.state === 'recommended')).toHaveLength(5);
    expect(p.nodes.filter((n) => n.state === 'in_progress')).toHaveLength(20);
    const r = await report(repo, items, null, 'full');
    expect(r.text).toContain(`Showing ${p.nodes.length} of ${p.open} open plans`);
    const [block] = mermaidBlocks(r.text);
    await parseMermaid(block!);
    checkAgainstFacts(repo, items, p);
    checkDot(renderPortfolioDot(p));
  });

  it('the generated plans are lint-clean, so the ranking sees them as written', async () => {
    const root = await generatedRepo(2, 4, 2);
    const repo = loadRepo(root);
    // The index and feature tables are written without the synthetic items; the plans themselves must be clean.
    const planFiles = new Set([...repo.plans.values()].map((p) => p.file));
    const errors = lintRepo(repo, { items: progressItems(repo) }).diagnostics.filter((d) => d.severity === 'error' && planFiles.has(d.file));
    expect(errors.map((d) => `${d.file}:${d.line} ${d.rule} ${d.message}`)).toEqual([]);
  });

  it('the whole picture below the cap: blocked children wait for their predecessor, roadmaps show progress', async () => {
    const root = await generatedRepo(2, 4, 2);
    const repo = loadRepo(root);
    const items = progressItems(repo);
    const p = portfolioOf({ repo, items, previousText: null, top: 5 });
    expect(p.omitted).toBe(0);
    expect(p.edges).toContainEqual({ from: 'road-00/child-1', to: 'road-00/child-2' });
    expect(p.nodes.find((n) => n.plan === 'road-00/child-2')?.state).toBe('blocked');
    expect(p.nodes.find((n) => n.plan === 'road-00/child-0')).toBeUndefined();
    expect(p.roadmaps.map((g) => [g.plan, g.done, g.total])).toEqual([
      ['road-00', 1, 4],
      ['road-01', 1, 4],
    ]);
    checkAgainstFacts(repo, items, p);
    const scoped = portfolioOf({ repo, items, previousText: null, top: 5, scope: 'road-01' });
    expect(scoped.nodes.every((n) => n.plan.startsWith('road-01/'))).toBe(true);
    expect(scoped.groups.map((g) => g.plan)).toEqual(['road-01']);
  });

  it('a long ordered roadmap: arrows implied by others are left out past the edge cap, and the note says so', async () => {
    const root = await generatedRepo(1, 30, 0);
    const repo = loadRepo(root);
    const p = portfolioOf({ repo, items: [], previousText: null, top: 5 });
    expect(p.nodes).toHaveLength(30);
    expect(p.edges).toHaveLength(29);
    expect(p.impliedEdges).toBe((29 * 30) / 2 - 29);
    checkAgainstFacts(repo, [], p);
    const r = await report(repo, [], null, 'full');
    expect(r.text).toContain(`${p.impliedEdges} blocking arrows implied by others are not drawn.`);
    await parseMermaid(mermaidBlocks(r.text)[0]!);
  });

  it('the agreement check is a real check: a missing edge or a completed plan drawn fails it', async () => {
    const root = await generatedRepo(1, 3, 0);
    const repo = loadRepo(root);
    const items = progressItems(repo);
    const p = portfolioOf({ repo, items, previousText: null, top: 5 });
    expect(p.edges.length).toBeGreaterThan(0);
    expect(() => checkAgainstFacts(repo, items, { ...p, edges: p.edges.slice(1) })).toThrow(/waits for/);
    const done = {
      id: 'p_done',
      plan: 'road-00/child-0',
      title: 'done',
      state: 'ready' as const,
      rank: null,
      progress: { done: 2, total: 2 },
      group: null,
      singleFile: false,
    };
    expect(() => checkAgainstFacts(repo, items, { ...p, nodes: [...p.nodes, done] })).toThrow(/completed but drawn/);
  });

  specscore.it('single-file plans of the current format link to their file, folder plans to their folder', async () => {
    const repo = loadRepo(specscore.root);
    const { items } = await loadExecution(specscore.root);
    const mermaid = renderPortfolioMermaid(portfolioOf({ repo, items, previousText: null, top: 5 }));
    const clicks = [...mermaid.matchAll(/^  click \S+ "([^"]+)"/gm)].map((m) => m[1]!);
    expect(clicks.length).toBeGreaterThan(0);
    for (const href of clicks) {
      const file = href.endsWith('/') ? `spec/plans/${href}README.md` : `spec/plans/${href}`;
      expect(
        [...repo.plans.values()].some((e) => e.file === file),
        href,
      ).toBe(true);
    }
  });

  it('byte-identical across runs, and the same picture in full and incremental mode for the same state', async () => {
    const root = await generatedRepo(3, 4, 3);
    const repo = loadRepo(root);
    const before: WorkItem[] = [];
    const first = await report(repo, before, null, 'full');
    const unchanged = await report(repo, before, first.text, 'incremental');
    expect(unchanged.text).toBe(first.text);
    const items = progressItems(repo);
    const incremental = await report(repo, items, first.text, 'incremental');
    const full = await report(repo, items, first.text, 'full');
    expect(incremental.mode).toBe('incremental');
    expect(section(incremental.text)).toBe(section(full.text));
    expect(section(incremental.text)).not.toBe(section(first.text));
    const fullAgain = await report(repo, items, first.text, 'full');
    expect(fullAgain.text).toBe(full.text);
  });
});
