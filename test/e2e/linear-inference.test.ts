import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { estimatePlan } from '../../src/analysis/estimate.js';
import { planStates } from '../../src/analysis/plan-state.js';
import { statusText } from '../../src/render/status-text.js';
import { statusViews } from '../../src/analysis/status.js';
import { defaultPlanningConfig } from '../../src/model/config-defaults.js';
import type { WorkItem } from '../../src/model/execution.js';
import { parsePlan } from '../../src/parse/plan.js';
import { rankPlans } from '../../src/rank/score.js';
import { loadRepo } from '../../src/repo/load-repo.js';
import { computeIndexChanges } from '../../src/edit/index-sync.js';
import { emptyRepo, type PlanEntry, type SpecRepo } from '../../src/model/repository.js';
import { gatherFacts } from '../../src/whats-next/facts.js';
import { generateWhatsNext } from '../../src/whats-next/generate.js';
import { tempRepo, type TempRepo } from '../support/security-render-support.js';

/**
 * A bound only an algorithm that rescans per step or per child plan can break: the linear code
 * takes about as long as parsing the same plans; the quadratic one took close to a minute. The
 * bound grows with a reference measured in the same run (parsing), so a loaded machine slowing
 * both does not fail it.
 */
function expectLinear(ms: number, referenceMs: number): void {
  expect(ms).toBeLessThan(Math.max(5_000, 10 * referenceMs));
}

/** Time to parse every plan of a repository again: linear work of the same size. */
function parseTime(repo: SpecRepo): number {
  const t0 = performance.now();
  for (const e of repo.plans.values()) parsePlan(e.text);
  return performance.now() - t0;
}

function head(title: string, up: string, extra = ''): string {
  return `# Plan: ${title}\n\n**Status:** draft\n**Features:**\n  - [cli](${up}features/cli/README.md)\n**Source type:** feature\n**Source:** [cli](${up}features/cli/)\n**Author:** @alex\n**Created:** 2026-03-01\n${extra}\n## Context\n\n${title}.\n\n## Acceptance criteria\n\n- It works\n\n`;
}

/** A plan whose steps are given as [number, depends-on numbers]. */
function stepsPlan(steps: ReadonlyArray<readonly [number, readonly number[]]>): string {
  const body = steps
    .map(
      ([n, deps]) =>
        `### ${n}. Step ${n}\n\n**Depends on:** ${deps.length ? deps.map((d) => `Step ${d}`).join(', ') : '(none)'}\n\n**Acceptance criteria:**\n- done ${n}\n`,
    )
    .join('\n');
  return `${head('Steps', '../../')}## Steps\n\n${body}\n## Outstanding Questions\n\nNone at this time.\n`;
}

function memoryRepo(plans: Record<string, string>, parents: Record<string, string> = {}): SpecRepo {
  const repo: SpecRepo = emptyRepo('/nonexistent', defaultPlanningConfig(), null);
  for (const [p, text] of Object.entries(plans)) {
    const entry: PlanEntry = {
      path: p,
      file: `spec/plans/${p}/README.md`,
      parent: parents[p] ?? null,
      children: [],
      text,
      parsed: parsePlan(text),
      extraFiles: [],
      acs: [],
      reports: [],
    };
    repo.plans.set(p, entry);
  }
  for (const e of repo.plans.values()) if (e.parent) repo.plans.get(e.parent)!.children.push(e.path);
  for (const e of repo.plans.values()) e.children.sort();
  return repo;
}

/** Reference: the most level-1 steps any step waits for, by a separate walk from every step. */
function naiveDepth(steps: ReadonlyArray<readonly [number, readonly number[]]>): number {
  const preds = new Map(steps.map(([n, d]) => [String(n), d.map(String)]));
  let best = 0;
  for (const [n] of steps) {
    const seen = new Set<string>();
    const stack = [...preds.get(String(n))!];
    while (stack.length) {
      const v = stack.pop()!;
      if (seen.has(v) || v === String(n)) continue;
      seen.add(v);
      stack.push(...(preds.get(v) ?? []));
    }
    best = Math.max(best, seen.size);
  }
  return best;
}

describe('effort/impact inference is linear in the steps', () => {
  it('a 16,000-step chain: depth, critical path and effort, within the bound', () => {
    const n = 16_000;
    const steps = Array.from({ length: n }, (_, i) => [i + 1, i ? [i] : []] as const);
    const repo = memoryRepo({ 'long-chain': stepsPlan(steps) });
    const reference = parseTime(repo);
    const t0 = performance.now();
    const e = estimatePlan(repo, repo.plans.get('long-chain')!);
    const ms = performance.now() - t0;
    expect(e.metrics.steps).toBe(n);
    expect(e.metrics.dependencyDepth).toBe(n - 1);
    expect(e.metrics.criticalPath).toHaveLength(n);
    expect(e.metrics.criticalPath[0]).toBe('1');
    expect(e.metrics.criticalPath.at(-1)).toBe(String(n));
    expect(e.effort).toBe('XL');
    for (const line of [...e.evidence.effort, ...e.evidence.impact]) expect(line.length).toBeLessThan(400);
    expectLinear(ms, reference);
  }, 60_000);

  it('dependency depth equals the reference walk on any step graph', () => {
    const graph = fc.integer({ min: 1, max: 14 }).chain((n) =>
      fc
        .tuple(
          ...Array.from({ length: n }, (_, i) =>
            fc.subarray(
              Array.from({ length: i }, (_, k) => k + 1),
              { maxLength: Math.min(4, i) },
            ),
          ),
        )
        .map((deps) => deps.map((d, i) => [i + 1, d] as const)),
    );
    fc.assert(
      fc.property(graph, (steps) => {
        const repo = memoryRepo({ p: stepsPlan(steps) });
        expect(estimatePlan(repo, repo.plans.get('p')!).metrics.dependencyDepth).toBe(naiveDepth(steps));
      }),
      { numRuns: 150, seed: 11 },
    );
  });
});

/** A roadmap with `n` children in Order 1..n (or a Depends on column when `deps` is given). */
function roadmapRepo(
  n: number,
  opts: { deps?: (i: number) => number[]; order?: (i: number) => string } = {},
): { plans: Record<string, string>; parents: Record<string, string> } {
  const slug = (i: number) => `child-${String(i).padStart(5, '0')}`;
  const plans: Record<string, string> = {};
  const parents: Record<string, string> = {};
  const rows: string[] = [];
  for (let i = 1; i <= n; i++) {
    const dep = opts.deps ? ` | ${opts.deps(i).map(slug).join(', ') || '—'}` : '';
    rows.push(`| ${opts.order ? opts.order(i) : i} | [${slug(i)}](${slug(i)}/) | draft | — | —${dep} |`);
    plans[`big-roadmap/${slug(i)}`] =
      `${head(`Child ${i}`, '../../../')}## Steps\n\n### 1. Do it\n\n**Depends on:** (none)\n\n**Acceptance criteria:**\n- done\n\n### 2. Check it\n\n**Depends on:** Step 1\n\n**Acceptance criteria:**\n- checked\n\n## Outstanding Questions\n\nNone at this time.\n`;
    parents[`big-roadmap/${slug(i)}`] = 'big-roadmap';
  }
  const header = opts.deps
    ? '| Order | Plan | Status | Effort | Impact | Depends on |\n|---|---|---|---|---|---|'
    : '| Order | Plan | Status | Effort | Impact |\n|---|---|---|---|---|';
  plans['big-roadmap'] = `${head('Big roadmap', '../../')}## Child Plans\n\n${header}\n${rows.join('\n')}\n\n## Outstanding Questions\n\nNone at this time.\n`;
  return { plans, parents };
}

/** Every third child completed (both steps done), every seventh one in progress. */
function roadmapItems(n: number): WorkItem[] {
  const items: WorkItem[] = [];
  for (let i = 1; i <= n; i++) {
    const plan = `big-roadmap/child-${String(i).padStart(5, '0')}`;
    if (i % 3 === 1) for (const step of ['1', '2']) items.push({ id: `W-${i}-${step}`, plan, step, status: 'done', updated: '2026-03-10', source: 'ledger' });
    else if (i % 7 === 0) items.push({ id: `W-${i}`, plan, step: '1', status: 'in_progress', updated: '2026-03-11', source: 'ledger' });
  }
  return items;
}

describe('roadmap roll-ups are linear in the child plans', () => {
  const N = 2_000;
  let t: TempRepo;
  let repo: SpecRepo;
  const items = roadmapItems(N);
  const completed = (i: number) => i % 3 === 1;

  beforeAll(() => {
    const { plans } = roadmapRepo(N);
    t = tempRepo(Object.fromEntries(Object.entries(plans).map(([p, text]) => [`spec/plans/${p}/README.md`, text])));
    repo = loadRepo(t.root);
  }, 60_000);
  afterAll(() => t.cleanup());

  it('facts: predecessors, blockers, downstream counts and the roll-up, within the bound', () => {
    const reference = parseTime(repo);
    const t0 = performance.now();
    const facts = gatherFacts(repo, items);
    const ms = performance.now() - t0;
    const by = new Map(facts.map((f) => [f.path, f]));
    const road = by.get('big-roadmap')!;
    const done = Array.from({ length: N }, (_, k) => k + 1).filter(completed).length;
    expect(road.progress).toMatchObject({ done: done * 2 + 0, total: N * 2, completed: false, inProgress: true });
    for (const i of [1, 2, 3, 500, 1999, 2000]) {
      const f = by.get(`big-roadmap/child-${String(i).padStart(5, '0')}`)!;
      const openBefore = Array.from({ length: i - 1 }, (_, k) => k + 1).filter((k) => !completed(k)).length;
      expect(f.predecessors).toHaveLength(i - 1);
      expect(f.blockedBy).toHaveLength(openBefore);
      expect(f.downstream).toBe(N - i);
    }
    expectLinear(ms, reference);
    const t1 = performance.now();
    const ranking = rankPlans(facts, { newlyUnblocked: new Map() });
    expect(ranking.ranked.map((r) => r.plan)).toEqual(['big-roadmap/child-00002']);
    expectLinear(performance.now() - t1, reference);
  }, 60_000);

  it('status: the roadmap rolls up its children; the text stays proportional to the plans', () => {
    const reference = parseTime(repo);
    const t0 = performance.now();
    const views = statusViews(repo, items);
    const text = statusText(views);
    const ms = performance.now() - t0;
    const road = views.find((v) => v.plan === 'big-roadmap')!;
    const done = Array.from({ length: N }, (_, k) => k + 1).filter(completed).length;
    expect(road.childPlans).toEqual({ completed: done, total: N });
    expect(road.progress.text).toBe(`${done * 2}/${N * 2} steps`);
    expect(road.status).toBe('in_progress');
    expect(text.split('\n').length).toBe(N + 2);
    expect(text.length).toBeLessThan(400 * (N + 1));
    const last = views.find((v) => v.plan === 'big-roadmap/child-02000')!;
    expect(last.blockers.plans.length).toBe(Array.from({ length: N - 1 }, (_, k) => k + 1).filter((k) => !completed(k)).length);
    expectLinear(ms, reference);
    expect(planStates(repo, items).plans.get('big-roadmap')!.status).toBe('in_progress');
  }, 60_000);

  it('index and WHATS-NEXT.md: progress rolled up once, report size proportional to the plans', async () => {
    const reference = parseTime(repo);
    const t0 = performance.now();
    const changes = computeIndexChanges(repo, { items });
    const index = changes.find((c) => c.file === 'spec/plans/README.md')!.content;
    const done = Array.from({ length: N }, (_, k) => k + 1).filter(completed).length;
    expect(index).toContain(`| [big-roadmap](big-roadmap/) | in_progress | ${done}/${N} plans |`);
    const r = await generateWhatsNext({ repo, items, previousText: null, mode: 'full', today: '2026-03-20' });
    const ms = performance.now() - t0;
    expect(r.report.recommended.map((e) => e.plan)).toEqual(['big-roadmap/child-00002']);
    expect(r.report.inProgress.length).toBeGreaterThan(100);
    expect(r.text.length).toBeLessThan(400 * (N + 1));
    expectLinear(ms, 2 * reference);
  }, 120_000);
});

/** Reference: predecessors by the contract's words, then a separate walk from every plan. */
function naiveDownstream(children: ReadonlyArray<{ path: string; order: string; deps: string[] | null }>): Map<string, number> {
  const byDeps = children.some((c) => c.deps !== null);
  const preds = new Map<string, string[]>();
  for (const c of children) {
    preds.set(
      c.path,
      byDeps
        ? (c.deps ?? []).filter((d) => d !== c.path && children.some((o) => o.path === d))
        : children.filter((o) => Number.parseFloat(o.order) < Number.parseFloat(c.order)).map((o) => o.path),
    );
  }
  const out = new Map<string, number>();
  for (const c of children) {
    const seen = new Set<string>();
    const stack = children.filter((o) => preds.get(o.path)!.includes(c.path)).map((o) => o.path);
    while (stack.length) {
      const v = stack.pop()!;
      if (seen.has(v) || v === c.path) continue;
      seen.add(v);
      for (const o of children) if (preds.get(o.path)!.includes(v)) stack.push(o.path);
    }
    out.set(c.path, seen.size);
  }
  return out;
}

describe('downstream counts equal the reference walk', () => {
  const child = (i: number) => `child-${String(i).padStart(5, '0')}`;
  it('for Order tables (ties, gaps, non-numbers) and Depends on tables (cycles included)', () => {
    const table = fc.integer({ min: 1, max: 9 }).chain((n) =>
      fc.record({
        orders: fc.array(fc.constantFrom('1', '2', '2', '3', '5', 'x', '1.5'), { minLength: n, maxLength: n }),
        deps: fc.option(
          fc.array(
            fc.subarray(
              Array.from({ length: n }, (_, k) => k + 1),
              { maxLength: Math.min(3, n) },
            ),
            { minLength: n, maxLength: n },
          ),
          { nil: null },
        ),
      }),
    );
    fc.assert(
      fc.property(table, ({ orders, deps }) => {
        const n = orders.length;
        const { plans, parents } = roadmapRepo(n, { order: (i) => orders[i - 1]!, deps: deps ? (i) => deps[i - 1]! : undefined });
        const repo = memoryRepo(plans, parents);
        const facts = new Map(gatherFacts(repo, []).map((f) => [f.path, f]));
        const ref = naiveDownstream(
          Array.from({ length: n }, (_, k) => ({
            path: `big-roadmap/${child(k + 1)}`,
            order: orders[k]!,
            deps: deps ? deps[k]!.map((d) => `big-roadmap/${child(d)}`) : null,
          })),
        );
        for (const [p, count] of ref) expect(facts.get(p)!.downstream, p).toBe(count);
        for (const [p] of ref) {
          const e = estimatePlan(repo, repo.plans.get(p)!);
          expect(e.metrics.downstream, p).toBe(ref.get(p));
        }
      }),
      { numRuns: 120, seed: 5 },
    );
  });
});
