import { cpSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll } from 'vitest';
import { gitDated, gitInit as init } from './git.js';
import { PROJECT } from './project.js';
import { tempDir as makeTempDir, write } from './repo.js';

export { read } from './repo.js';
export { write };

const made: string[] = [];
afterAll(() => {
  for (const d of made) rmSync(d, { recursive: true, force: true });
});

/** A fresh temp directory, removed after the test file. */
export function tempDir(prefix = 'wn-'): string {
  const d = makeTempDir(prefix);
  made.push(d);
  return d;
}

export const REPORT = 'spec/plans/WHATS-NEXT.md';

export interface PlanSpec {
  title?: string;
  status: string;
  features?: string[];
  effort?: string;
  impact?: string;
  steps?: number;
  supersededBy?: string;
}

/** A plan document in the seed's format, written at `spec/plans/<planPath>/README.md`. */
export function planDoc(planPath: string, p: PlanSpec): string {
  const up = '../'.repeat(planPath.split('/').length + 1);
  const features = p.features ?? ['core'];
  const head = [`# Plan: ${p.title ?? planPath}`, '', `**Status:** ${p.status}`, '**Features:**'];
  for (const f of features) head.push(`  - [${f}](${up}features/${f}/README.md)`);
  head.push('**Source type:** feature', `**Source:** [${features[0]} spec](${up}features/${features[0]}/)`, '**Author:** @test');
  if (p.status === 'approved') head.push('**Approver:** @lead');
  head.push('**Created:** 2026-03-01');
  if (p.status === 'approved') head.push('**Approved:** 2026-03-02');
  if (p.effort) head.push(`**Effort:** ${p.effort}`);
  if (p.impact) head.push(`**Impact:** ${p.impact}`);
  if (p.supersededBy) head.push(`**Superseded by:** [${p.supersededBy}](../${p.supersededBy}/)`);
  const body = ['', '## Context', '', `Why ${planPath} exists.`, '', '## Acceptance criteria', '', '- It works', '', '## Steps', ''];
  for (let i = 1; i <= (p.steps ?? 2); i++)
    body.push(`### ${i}. Step ${i}`, '', `**Depends on:** ${i === 1 ? '(none)' : `Step ${i - 1}`}`, '', '**Acceptance criteria:**', `- Step ${i} verified`, '');
  body.push('## Outstanding Questions', '', 'None at this time.', '');
  return `${head.join('\n')}\n${body.join('\n')}`;
}

/** A roadmap document whose Child Plans table lists `children` in order. */
export function roadmapDoc(children: Array<{ slug: string; status: string; effort?: string; impact?: string }>, features = ['core']): string {
  const head = ['# Plan: Roadmap', '', '**Status:** draft', '**Features:**'];
  for (const f of features) head.push(`  - [${f}](../../features/${f}/README.md)`);
  head.push('**Source type:** feature', `**Source:** [${features[0]} spec](../../features/${features[0]}/)`, '**Author:** @test', '**Created:** 2026-03-01');
  const rows = children.map((c, i) => `| ${i + 1} | [${c.slug}](${c.slug}/) | ${c.status} | ${c.effort ?? '-'} | ${c.impact ?? '-'} |`);
  return `${head.join('\n')}\n\n## Context\n\nA roadmap.\n\n## Acceptance criteria\n\n- All child plans completed\n\n## Child Plans\n\n| Order | Plan | Status | Effort | Impact |\n|-------|------|--------|--------|--------|\n${rows.join('\n')}\n\n## Outstanding Questions\n\nNone at this time.\n`;
}

export function featureDoc(name: string, status: string): string {
  return `# Feature: ${name}\n\n**Status:** ${status}\n\n## Summary\n\nThe ${name} feature.\n`;
}

export interface LedgerItem {
  id: string;
  plan: string;
  step?: string;
  status: string;
  updated?: string;
}

export function writeLedger(root: string, items: readonly LedgerItem[]): void {
  const lines = ['items:'];
  for (const i of items) {
    const parts = [`id: ${i.id}`, `plan: ${i.plan}`];
    if (i.step) parts.push(`step: "${i.step}"`);
    parts.push(`status: ${i.status}`);
    if (i.updated) parts.push(`updated: ${i.updated}`);
    lines.push(`  - { ${parts.join(', ')} }`);
  }
  write(root, '.specscore/work-items.yaml', `${lines.join('\n')}\n`);
}

/** Steps 1..n of a plan marked with one status. */
export function stepItems(plan: string, n: number, status: string, updated: string, prefix = plan): LedgerItem[] {
  return Array.from({ length: n }, (_, i) => ({ id: `${prefix}-${i + 1}`, plan, step: String(i + 1), status, updated }));
}

const GIT_DATE = '2026-04-01T10:00:00Z';

/** git with the dates pinned to 2026-04-01T10:00:00Z. */
export function git(root: string, ...args: string[]): string {
  return gitDated(root, GIT_DATE, ...args);
}

/** `git init` with a local identity and one commit of everything. */
export function gitInit(root: string): void {
  init(root, { date: GIT_DATE });
}

/** The bundled example, copied to a temp folder (tests never modify examples/). */
export function copyExample(): string {
  const dest = tempDir('wn-example-');
  cpSync(path.join(PROJECT, 'examples/acme-spec'), dest, { recursive: true });
  return dest;
}

/** Run the `whats-next` CLI in-process, capturing stdout and stderr. */
export { runWhatsNextCli as cli } from './cli.js';
