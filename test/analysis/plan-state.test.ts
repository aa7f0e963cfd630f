import { describe, expect, it } from 'vitest';
import { rng } from '../../bench/generate-repo.mjs';
import { planStates } from '../../src/analysis/plan-state.js';
import { statusViews } from '../../src/analysis/status.js';
import { indexModel } from '../../src/edit/index-sync.js';
import { defaultPlanningConfig } from '../../src/model/config-defaults.js';
import type { WorkItem } from '../../src/model/execution.js';
import { emptyRepo, type PlanEntry, type SpecRepo } from '../../src/model/repository.js';
import { parsePlan } from '../../src/parse/plan.js';
import { gatherFacts } from '../../src/whats-next/facts.js';

function plan(title: string, status: string, body: string, extra = ''): string {
  return `# Plan: ${title}\n\n**Status:** ${status}\n**Features:**\n  - [cli](../../features/cli/README.md)\n**Source type:** feature\n**Source:** [cli](../../features/cli/)\n**Author:** @alex\n**Created:** 2026-03-01\n${extra}\n## Context\n\n${title}.\n\n${body}\n## Outstanding Questions\n\nNone at this time.\n`;
}

const steps = (n: number) => `## Steps\n\n${Array.from({ length: n }, (_, i) => `### ${i + 1}. Step ${i + 1}\n\n**Depends on:** (none)\n`).join('\n')}\n`;
const childPlans = (rows: string[]) => `## Child Plans\n\n| Order | Plan | Status | Effort | Impact |\n|---|---|---|---|---|\n${rows.join('\n')}\n\n`;

function repoOf(plans: Record<string, string>): SpecRepo {
  const repo: SpecRepo = emptyRepo('/nonexistent', defaultPlanningConfig(), null);
  for (const [p, text] of Object.entries(plans)) {
    const parent = p.includes('/') ? p.slice(0, p.indexOf('/')) : null;
    const entry: PlanEntry = {
      path: p,
      file: `spec/plans/${p}/README.md`,
      parent,
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

const done = (plan: string, step: string | null, updated: string): WorkItem => ({
  id: `${plan}#${step}`,
  plan,
  step,
  status: 'done',
  updated,
  source: 'ledger',
});

// A roadmap (with a step of its own, which lint reports) whose children are: `a` completed,
// `b` untouched, `c` superseded with its work done; `b` waits for `a` and `c` (Order).
const repo = repoOf({
  road: plan(
    'Road',
    'draft',
    `${steps(1)}${childPlans(['| 1 | [a](a/) | approved | — | — |', '| 1 | [c](c/) | superseded | — | — |', '| 2 | [b](b/) | approved | M | high |'])}`,
    '**Effort:** XL\n',
  ),
  'road/a': plan('A', 'approved', steps(2), '**Effort:** S\n**Impact:** low\n'),
  'road/b': plan('B', 'approved', steps(3)),
  'road/c': plan('C', 'superseded', steps(1)),
  folders: plan('Folders', 'draft', steps(1)),
  'folders/x': plan('X', 'in_review', steps(1)),
  undecomposed: plan('Undecomposed', 'in_review', childPlans([])),
  solo: plan('Solo', 'draft', steps(2)),
});
const items = [done('road', '1', '2026-03-02'), done('road/a', '1', '2026-03-03'), done('road/a', '2', '2026-03-05'), done('road/c', '1', '2026-03-04')];

describe('one derived plan state', () => {
  const states = planStates(repo, items);
  const road = states.plans.get('road')!;

  it('rolls a roadmap up over its active children only: superseded children and its own steps do not count', () => {
    expect(road).toMatchObject({
      roadmap: true,
      status: 'in_progress',
      declaredStatus: 'draft',
      derived: true,
      reason: '1 of 2 child plans completed, the other not started',
      progress: { done: 2, total: 5 },
      childPlans: { completed: 1, total: 2 },
      completed: false,
      inProgress: true,
      tracked: true,
    });
  });

  it('counts a plan with child folders and a plan with a Child Plans section as roadmaps', () => {
    expect(states.plans.get('folders')).toMatchObject({ roadmap: true, status: 'in_review', derived: true, progress: { done: 0, total: 1 } });
    expect(states.plans.get('undecomposed')).toMatchObject({
      roadmap: true,
      status: 'in_review',
      derived: false,
      reason: 'no active child plans',
      progress: { done: 0, total: 0 },
      childPlans: null,
    });
    expect(states.plans.get('solo')).toMatchObject({ roadmap: false, status: 'draft', reason: 'Status field' });
  });

  it('blocks on unfinished predecessors only; superseded ones are named apart', () => {
    const b = states.plans.get('road/b')!;
    expect(b.predecessors).toEqual(['road/a', 'road/c']);
    expect(b.blockers.plans).toEqual([]);
    expect(b.supersededPredecessors).toEqual(['road/c']);
    expect(states.plans.get('road/a')!.downstream).toBe(1);
  });

  it('takes effort and impact from the header, else from the roadmap row; infers them with evidence on request', () => {
    expect([states.plans.get('road/a')!.effort, states.plans.get('road/a')!.impact]).toEqual(['S', 'low']);
    expect([states.plans.get('road/b')!.effort, states.plans.get('road/b')!.impact]).toEqual(['M', 'high']);
    expect([road.effort, road.impact]).toEqual(['XL', null]);
    const e = states.estimate('solo')!;
    expect(e.effort).toBe('S');
    expect(e.effortEvidence).toContain('2 steps');
    expect(states.estimate('nope')).toBeNull();
  });

  it("is what status, the index and What's Next show", () => {
    const view = statusViews(repo, items, 'road')[0]!;
    expect(view).toMatchObject({
      plan: 'road',
      status: 'in_progress',
      reason: road.reason,
      progress: { done: 2, total: 5, text: '2/5 steps' },
      childPlans: { completed: 1, total: 2 },
    });
    const row = indexModel(repo, states).rows.find((r) => r.path === 'road')!;
    expect([row.status, row.progress, row.effort]).toEqual(['in_progress', '1/2 plans', 'XL']);
    const facts = gatherFacts(repo, items);
    const f = facts.find((x) => x.path === 'road')!;
    expect(f.progress).toMatchObject({ done: 2, total: 5, completed: false, inProgress: true });
    expect(facts.find((x) => x.path === 'road/b')!).toMatchObject({ effort: 'M', impact: 'high', blockedBy: [], supersededPredecessors: ['road/c'] });
    expect(facts.find((x) => x.path === 'folders')!.roadmap).toBe(true);
  });

  it('without execution items nothing is in progress or completed', () => {
    const bare = planStates(repo);
    expect(bare.execution).toBe(false);
    expect(bare.plans.get('road')).toMatchObject({
      status: 'approved',
      reason: 'all child plans are approved',
      completed: false,
      inProgress: false,
      tracked: false,
    });
  });
});

describe("What's Next facts: a plan's features", () => {
  it('property: sorted by path, whatever order the plan lists them in', () => {
    const next = rng(7);
    const names = ['cli', 'chat', 'chat/workflow', 'a-b', 'a', 'b', 'ab', 'Z', 'z/y', 'cli/x'];
    const plans: Record<string, string> = {};
    const listed = new Map<string, string[]>();
    for (let i = 0; i < 300; i++) {
      const picked = [...new Set(Array.from({ length: Math.floor(next() * 6) }, () => names[Math.floor(next() * names.length)]!))];
      listed.set(`p${i}`, picked);
      const features = picked.map((f) => `  - [${f}](../../features/${f}/README.md)`).join('\n');
      plans[`p${i}`] = `# Plan: P${i}\n\n**Status:** draft\n**Features:**\n${features}\n\n## Context\n\nP.\n`;
    }
    for (const f of gatherFacts(repoOf(plans), [])) expect(f.features.map((x) => x.path)).toEqual([...listed.get(f.path)!].sort());
  });
});
