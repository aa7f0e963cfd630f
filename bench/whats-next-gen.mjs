#!/usr/bin/env node
/**
 * A synthetic spec repository for the What's Next benchmarks and token measurements:
 * features with statuses, roadmaps with three sequential children, standalone plans in every
 * status, some with Effort/Impact and some without, and a work-items ledger with plans completed,
 * in progress and blocked. Deterministic for a given size and seed.
 *
 *   node bench/whats-next-gen.mjs DIR [PLANS=10000] [SEED=7]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { rng } from './generate-repo.mjs';

const FEATURE_STATUSES = ['Conceptual', 'Draft', 'In Progress', 'Implemented', 'Beta', 'Stable'];
const EFFORTS = ['S', 'M', 'L', 'XL'];
const IMPACTS = ['low', 'medium', 'high', 'critical'];

function write(root, rel, text) {
  const abs = path.join(root, rel);
  mkdirSync(path.dirname(abs), { recursive: true });
  writeFileSync(abs, text);
}

function featureDoc(name, status) {
  return `# Feature: ${name}\n\n**Status:** ${status}\n\n## Summary\n\nThe ${name} capability of the synthetic product.\n`;
}

/** A plan document in the seed's format. `up` is the relative prefix from the plan folder to spec/. */
export function planDoc({
  title,
  status,
  features,
  up,
  effort,
  impact,
  steps,
  author = '@bench',
  created = '2026-01-05',
  approved = null,
  supersededBy = null,
}) {
  const head = [`# Plan: ${title}`, '', `**Status:** ${status}`, '**Features:**'];
  for (const f of features) head.push(`  - [${f}](${up}features/${f}/README.md)`);
  head.push('**Source type:** feature', `**Source:** [${features[0]} feature spec](${up}features/${features[0]}/)`, `**Author:** ${author}`);
  if (approved) head.push('**Approver:** @lead');
  head.push(`**Created:** ${created}`);
  if (approved) head.push(`**Approved:** ${approved}`);
  if (effort) head.push(`**Effort:** ${effort}`);
  if (impact) head.push(`**Impact:** ${impact}`);
  if (supersededBy) head.push(`**Superseded by:** [${supersededBy}](../${supersededBy}/)`);
  const body = [
    '',
    '## Context',
    '',
    `${title} for the synthetic benchmark repository.`,
    '',
    '## Acceptance criteria',
    '',
    '- It works end to end',
    '',
    '## Steps',
    '',
  ];
  for (let i = 1; i <= steps; i++) {
    body.push(
      `### ${i}. Step ${i} of ${title}`,
      '',
      `**Depends on:** ${i === 1 ? '(none)' : `Step ${i - 1}`}`,
      '',
      '**Acceptance criteria:**',
      `- Step ${i} is verified`,
      '',
    );
  }
  body.push('## Outstanding Questions', '', 'None at this time.', '');
  return `${head.join('\n')}\n${body.join('\n')}`;
}

export function roadmapDoc({ title, status, features, children }) {
  const head = [`# Plan: ${title}`, '', `**Status:** ${status}`, '**Features:**'];
  for (const f of features) head.push(`  - [${f}](../../features/${f}/README.md)`);
  head.push(
    '**Source type:** feature',
    `**Source:** [${features[0]} feature spec](../../features/${features[0]}/)`,
    '**Author:** @bench',
    '**Created:** 2026-01-05',
  );
  const rows = children.map((c, i) => `| ${i + 1} | [${c.slug}](${c.slug}/) | ${c.status} | ${c.effort ?? '-'} | ${c.impact ?? '-'} |`);
  return `${head.join('\n')}\n\n## Context\n\n${title}.\n\n## Acceptance criteria\n\n- All child plans completed\n\n## Child Plans\n\n| Order | Plan | Status | Effort | Impact |\n|-------|------|--------|--------|--------|\n${rows.join('\n')}\n\n## Outstanding Questions\n\nNone at this time.\n`;
}

/**
 * Write a synthetic repository with about `plans` plans under `root`. Returns counts and the
 * ledger items written, so tests can change one of them.
 */
export function generateRepo(root, { plans = 10_000, seed = 7 } = {}) {
  const rand = rng(seed);
  const pick = (xs) => xs[Math.floor(rand() * xs.length)];
  const featureCount = Math.max(3, Math.min(200, Math.round(plans / 50)));
  const features = [];
  for (let i = 0; i < featureCount; i++) {
    const name = `feature-${String(i).padStart(3, '0')}`;
    features.push(name);
    write(root, `spec/features/${name}/README.md`, featureDoc(name, pick(FEATURE_STATUSES)));
  }
  write(root, 'specscore.yaml', 'planning:\n  whats_next: incremental\n  llm:\n    provider: none\n');
  const items = [];
  const ledger = (plan, steps, mode, date) => {
    const done = mode === 'completed' ? steps : mode === 'progress' ? Math.max(1, Math.floor(steps / 2)) : 0;
    for (let s = 1; s <= done; s++) items.push({ id: `SYN-${items.length + 1}`, plan, step: String(s), status: 'done', updated: date });
    if (mode === 'progress')
      items.push({ id: `SYN-${items.length + 1}`, plan, step: String(done + 1), status: rand() < 0.2 ? 'blocked' : 'in_progress', updated: date });
  };
  let made = 0;
  let r = 0;
  while (made < plans) {
    const isRoadmap = r % 5 === 0 && made + 4 <= plans;
    r++;
    const f = pick(features);
    const day = String(1 + Math.floor(rand() * 28)).padStart(2, '0');
    const date = `2026-02-${day}`;
    if (isRoadmap) {
      const slug = `roadmap-${String(r).padStart(5, '0')}`;
      const first = rand();
      const children = [0, 1, 2].map((k) => ({
        slug: `phase-${k + 1}`,
        status: k === 0 ? 'approved' : k === 1 ? pick(['approved', 'in_review']) : 'draft',
        effort: rand() < 0.7 ? pick(EFFORTS) : null,
        impact: rand() < 0.7 ? pick(IMPACTS) : null,
        steps: 2 + Math.floor(rand() * 6),
      }));
      write(
        root,
        `spec/plans/${slug}/README.md`,
        roadmapDoc({ title: `Roadmap ${r}`, status: children.some((c) => c.status === 'draft') ? 'draft' : 'in_review', features: [f], children }),
      );
      children.forEach((c, k) => {
        write(
          root,
          `spec/plans/${slug}/${c.slug}/README.md`,
          planDoc({
            title: `Phase ${k + 1} of roadmap ${r}`,
            status: c.status,
            features: [f],
            up: '../../../',
            effort: null,
            impact: null,
            steps: c.steps,
            approved: c.status === 'approved' ? '2026-01-10' : null,
          }),
        );
      });
      if (first < 0.3) ledger(`${slug}/phase-1`, children[0].steps, 'completed', date);
      else if (first < 0.6) ledger(`${slug}/phase-1`, children[0].steps, 'progress', date);
      made += 4;
      continue;
    }
    const slug = `plan-${String(r).padStart(5, '0')}`;
    const status = pick(['draft', 'draft', 'in_review', 'approved', 'approved', 'approved', 'superseded']);
    const steps = 1 + Math.floor(rand() * 9);
    const explicit = rand() < 0.6;
    write(
      root,
      `spec/plans/${slug}/README.md`,
      planDoc({
        title: `Standalone plan ${r}`,
        status,
        features: rand() < 0.3 ? [f, pick(features)].filter((x, i, a) => a.indexOf(x) === i) : [f],
        up: '../../',
        effort: explicit ? pick(EFFORTS) : null,
        impact: explicit ? pick(IMPACTS) : null,
        steps,
        approved: status === 'approved' ? '2026-01-12' : null,
      }),
    );
    if (status === 'approved') {
      const x = rand();
      if (x < 0.3) ledger(slug, steps, 'completed', date);
      else if (x < 0.55) ledger(slug, steps, 'progress', date);
    }
    made++;
  }
  writeLedger(root, items);
  return { plans: made, features: featureCount, items };
}

/** Write `.specscore/work-items.yaml`. */
export function writeLedger(root, items) {
  const lines = ['items:'];
  for (const i of items) lines.push(`  - { id: ${i.id}, plan: ${i.plan}, step: "${i.step}", status: ${i.status}, updated: ${i.updated} }`);
  write(root, '.specscore/work-items.yaml', `${lines.join('\n')}\n`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [dir, n = '10000', seed = '7'] = process.argv.slice(2);
  if (!dir) {
    process.stderr.write('usage: node bench/whats-next-gen.mjs DIR [PLANS=10000] [SEED=7]\n');
    process.exit(2);
  }
  const t = performance.now();
  const out = generateRepo(path.resolve(dir), { plans: Number(n), seed: Number(seed) });
  process.stdout.write(
    `generated ${out.plans} plans, ${out.features} features, ${out.items.length} work items in ${dir} (${Math.round(performance.now() - t)} ms)\n`,
  );
}
