#!/usr/bin/env node
/**
 * Deterministic synthetic spec repository for load/lint benchmarks: nested features (some with
 * proposals), roadmaps with child plans (some Child Plans tables with a Depends on column),
 * standalone plans with steps, sub-steps, Produces lists, fenced code and mermaid graphs, the
 * plans index and every feature's `## Plans` back-reference table. The same options always give
 * byte-identical files.
 *
 *   node bench/generate-repo.mjs [--plans 10000] [--features 2000] [--seed 1] --out DIR
 *
 * Defaults give about 31 MB of markdown. Exported as `generateRepo` for other benchmarks.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** mulberry32: a small deterministic PRNG returning floats in [0, 1) (the benches' and the tests' one). */
export function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = (
  'agent artifact branch cache chat commit context contract dependency deploy document draft ' +
  'endpoint event feature flag git graph handler index input ledger lifecycle link lint load ' +
  'message metadata migration model module output parser pipeline plan policy proposal queue ' +
  'record release repository request retry review roadmap rule runner schema server session ' +
  'spec state status step storage stream summary table task test token trigger user validate ' +
  'value version workflow worker write the a of to and for with in on by from each every'
).split(' ');
const STATUSES = ['draft', 'draft', 'in_review', 'approved', 'approved', 'superseded'];
const EFFORTS = ['S', 'M', 'L', 'XL'];
const IMPACTS = ['low', 'medium', 'high', 'critical'];
const FEATURE_STATUSES = ['Conceptual', 'Draft', 'Approved', 'In Progress', 'Implemented', 'Stable'];
const AUTHORS = ['@alex', '@jordan', '@sam', '@riley', '@casey'];

function makeText(rand) {
  const pick = (list) => list[Math.floor(rand() * list.length)];
  const sentence = (min = 5, max = 11) => {
    const n = min + Math.floor(rand() * (max - min));
    const w = Array.from({ length: n }, () => pick(WORDS));
    if (rand() < 0.3) w[Math.floor(rand() * n)] = `\`${pick(WORDS)}.${pick(['go', 'ts', 'md', 'yaml'])}\``;
    if (rand() < 0.15) w[Math.floor(rand() * n)] = `**${pick(WORDS)}**`;
    const s = w.join(' ');
    return `${s[0].toUpperCase()}${s.slice(1)}.`;
  };
  const paragraph = (sentences = 3) => Array.from({ length: sentences }, () => sentence()).join(' ');
  return { pick, sentence, paragraph, int: (a, b) => a + Math.floor(rand() * (b - a + 1)) };
}

const pad = (n, w = 4) => String(n).padStart(w, '0');

/**
 * Write a synthetic repository below `root`.
 * @param {{root: string, plans?: number, features?: number, seed?: number}} opts
 * @returns {{files: number, bytes: number, plans: number, roadmaps: number, children: number, features: number, proposals: number}}
 */
export function generateRepo({ root, plans = 10000, features = 2000, seed = 1 }) {
  const rand = rng(seed);
  const t = makeText(rand);
  let files = 0;
  let bytes = 0;
  const write = (rel, text) => {
    const abs = path.join(root, rel);
    mkdirSync(path.dirname(abs), { recursive: true });
    writeFileSync(abs, text);
    files++;
    bytes += Buffer.byteLength(text);
  };

  // Feature tree: top-level areas with four sub-features each.
  const featurePaths = [];
  const tops = Math.max(1, Math.ceil(features / 5));
  for (let a = 0; a < tops && featurePaths.length < features; a++) {
    const top = `area-${pad(a)}`;
    featurePaths.push(top);
    for (let c = 0; c < 4 && featurePaths.length < features; c++) featurePaths.push(`${top}/part-${c}`);
  }

  // Plans: roadmaps with five children each (40% of all plans), the rest standalone.
  const planList = [];
  const roadmapCount = Math.floor((plans * 0.4) / 6);
  for (let r = 0; r < roadmapCount; r++) {
    const slug = `roadmap-${pad(r)}`;
    const kids = Array.from({ length: 5 }, (_, k) => `${slug}/phase-${k + 1}`);
    planList.push({ path: slug, children: kids, parent: null });
    for (const k of kids) planList.push({ path: k, children: [], parent: slug });
  }
  for (let s = 0; planList.length < plans; s++) planList.push({ path: `plan-${pad(s, 5)}`, children: [], parent: null });

  const byPath = new Map();
  for (const p of planList) {
    const feats = Array.from({ length: t.int(1, 3) }, () => t.pick(featurePaths));
    p.features = [...new Set(feats)].sort();
    p.status = t.pick(STATUSES);
    p.author = t.pick(AUTHORS);
    p.created = `2026-0${t.int(1, 9)}-${pad(t.int(10, 28), 2)}`;
    p.approved = p.status === 'approved' ? p.created.replace(/-(\d\d)$/, (_, d) => `-${pad(Math.min(28, Number(d) + 1), 2)}`) : null;
    p.effort = rand() < 0.7 ? t.pick(EFFORTS) : null;
    p.impact = rand() < 0.7 ? t.pick(IMPACTS) : null;
    byPath.set(p.path, p);
  }
  const plansByFeature = new Map();
  for (const p of planList) for (const f of p.features) (plansByFeature.get(f) ?? plansByFeature.set(f, []).get(f)).push(p);

  // The status the index and feature tables show: a roadmap's is derived from its active children
  // (the seed's table; no execution items, so never in_progress).
  const shown = (p) => {
    if (!p.children.length || p.status === 'superseded') return p.status;
    const active = p.children.map((k) => byPath.get(k).status).filter((s) => s !== 'superseded');
    if (!active.length) return p.status;
    if (active.includes('draft')) return 'draft';
    return active.every((s) => s === 'approved') ? 'approved' : 'in_review';
  };

  // A superseded plan names another plan (the last standalone one, or the first) as successor.
  const successor = (p) => (p === planList[planList.length - 1] ? planList[0] : planList[planList.length - 1]);

  // Plan documents.
  for (const p of planList) {
    const depth = p.path.split('/').length;
    const up = '../'.repeat(depth + 1);
    const header = [
      `# Plan: ${t.sentence(3, 7).slice(0, -1)}`,
      '',
      `**Status:** ${p.status}`,
      '**Features:**',
      ...p.features.map((f) => `  - [${f}](${up}features/${f}/README.md)`),
      '**Source type:** feature',
      `**Source:** [${p.features[0]} feature spec](${up}features/${p.features[0]}/)`,
      `**Author:** ${p.author}`,
      ...(p.approved ? [`**Approver:** ${t.pick(AUTHORS)}`] : []),
      `**Created:** ${p.created}`,
      ...(p.approved ? [`**Approved:** ${p.approved}`] : []),
      ...(p.effort ? [`**Effort:** ${p.effort}`] : []),
      ...(p.impact ? [`**Impact:** ${p.impact}`] : []),
      ...(p.status === 'superseded' ? [`**Superseded by:** [${successor(p).path}](${'../'.repeat(depth)}${successor(p).path}/)`] : []),
    ];
    const parts = [header.join('\n'), `## Context\n\n${t.paragraph(2)}\n\n${t.paragraph(2)}`];
    parts.push(`## Acceptance criteria\n\n${Array.from({ length: t.int(2, 4) }, () => `- ${t.sentence()}`).join('\n')}`);
    if (p.children.length) {
      const withDeps = rand() < 0.3;
      const head = `| Order | Plan | Status | Effort | Impact |${withDeps ? ' Depends on |' : ''}`;
      const delim = `|-------|------|--------|--------|--------|${withDeps ? '------------|' : ''}`;
      const rows = p.children.map((k, i) => {
        const c = byPath.get(k);
        const slug = k.split('/')[1];
        const deps = i === 0 ? '—' : p.children[i - 1].split('/')[1];
        return `| ${i + 1} | [${slug}](${slug}/) | ${c.status} | ${c.effort ?? '—'} | ${c.impact ?? '—'} |${withDeps ? ` ${deps} |` : ''}`;
      });
      parts.push(`## Child Plans\n\n${[head, delim, ...rows].join('\n')}`);
    } else {
      const steps = [];
      const n = t.int(2, 5);
      for (let s = 1; s <= n; s++) {
        const deps = s === 1 ? '(none)' : rand() < 0.3 ? `Step ${s - 1}, Step ${Math.max(1, s - 2)}` : `Step ${s - 1}`;
        const block = [
          `### ${s}. ${t.sentence(3, 6).slice(0, -1)}`,
          '',
          t.paragraph(t.int(1, 2)),
          '',
          `**Depends on:** ${deps}`,
          '**Produces:**',
          ...Array.from({ length: t.int(1, 2) }, () => `  - \`${t.pick(WORDS)}-${t.pick(WORDS)}.md\` — ${t.sentence(4, 9)}`),
          '',
          '**Acceptance criteria:**',
          ...Array.from({ length: t.int(1, 3) }, () => `- ${t.sentence()}`),
        ];
        if (rand() < 0.25) block.push('', '```go', `func ${t.pick(WORDS)}() error {`, '\t// ## not a heading', '\treturn nil', '}', '```');
        steps.push(block.join('\n'));
        if (rand() < 0.3) {
          for (let k = 1; k <= t.int(1, 2); k++) {
            steps.push(
              [`#### ${s}.${k}. ${t.sentence(3, 6).slice(0, -1)}`, '', t.paragraph(1), '', '**Acceptance criteria:**', `- ${t.sentence()}`].join('\n'),
            );
          }
        }
      }
      parts.push(`## Steps\n\n${steps.join('\n\n')}`);
      parts.push(`## Dependency graph\n\n\`\`\`mermaid\ngraph LR\n${Array.from({ length: n - 1 }, (_, i) => `  S${i + 1} --> S${i + 2}`).join('\n')}\n\`\`\``);
    }
    parts.push(`## Risks and open decisions\n\n- ${t.sentence()}\n- ${t.sentence()}`);
    parts.push('## Outstanding Questions\n\nNone at this time.');
    write(`spec/plans/${p.path}/README.md`, `${parts.join('\n\n')}\n`);
  }

  // Plans index.
  const indexRows = [];
  const fmt = (p) => {
    const slug = p.path.split('/').pop();
    const indent = p.parent ? '&ensp;' : '';
    return `| ${indent}[${slug}](${p.path}/) | ${shown(p)} | — | ${p.features.join(', ')} | ${p.effort ?? '-'} | ${p.impact ?? '-'} | ${p.author} | ${p.approved ?? '-'} |`;
  };
  for (const p of planList)
    if (!p.parent) {
      indexRows.push(fmt(p));
      for (const k of p.children) indexRows.push(fmt(byPath.get(k)));
    }
  // Recently Closed: the superseded plans, dated by their successor's Created, newest first (no work items, so none completed).
  const closed = planList
    .filter((p) => p.status === 'superseded')
    .map((p) => ({ p, date: successor(p).created }))
    .sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : a.p.path < b.p.path ? -1 : 1))
    .slice(0, 5)
    .map(({ p, date }) => `| [${p.path.split('/').pop()}](${p.path}/) | superseded | ${date} |`);
  const closedBlock = closed.length ? `| Plan | Status | Completed |\n|---|---|---|\n${closed.join('\n')}` : '(none)';
  write(
    'spec/plans/README.md',
    `# Plans\n\n| Plan | Status | Progress | Features | Effort | Impact | Author | Approved |\n|---|---|---|---|---|---|---|---|\n${indexRows.join('\n')}\n\n## Recently Closed\n\n${closedBlock}\n\n## Outstanding Questions\n\nNone at this time.\n`,
  );

  // Feature documents.
  let proposals = 0;
  for (const [i, f] of featurePaths.entries()) {
    const depth = f.split('/').length;
    const toPlans = `${'../'.repeat(depth + 1)}plans/`;
    const rows = (plansByFeature.get(f) ?? []).map(
      (p) => `| [${p.path.split('/').pop()}](${toPlans}${p.path}/) | ${shown(p)} | ${p.author} | ${p.approved ?? '-'} |`,
    );
    const parts = [
      `# Feature: ${f}`,
      `**Status:** ${t.pick(FEATURE_STATUSES)}`,
      `## Summary\n\n${t.paragraph(3)}`,
      `## Problem\n\n${t.paragraph(4)}\n\n- ${t.sentence()}\n- ${t.sentence()}\n- ${t.sentence()}`,
      `## Behavior\n\n${t.paragraph(3)}\n\n### Configuration\n\n| Key | Type | Default | Description |\n|---|---|---|---|\n${Array.from({ length: 4 }, () => `| \`${t.pick(WORDS)}\` | string | \`${t.pick(WORDS)}\` | ${t.sentence(5, 9)} |`).join('\n')}\n\n\`\`\`yaml\n${t.pick(WORDS)}:\n  ${t.pick(WORDS)}: true\n# comment, not a heading\n\`\`\`\n\n### Errors\n\n${t.paragraph(2)}`,
    ];
    if (rows.length) parts.push(`## Plans\n\n| Plan | Status | Author | Approved |\n|---|---|---|---|\n${rows.join('\n')}`);
    parts.push(`## Acceptance Criteria\n\n- ${t.sentence()}\n- ${t.sentence()}`);
    parts.push('## Outstanding Questions\n\n- ' + t.sentence().replace(/\.$/, '?'));
    write(`spec/features/${f}/README.md`, `${parts.join('\n\n')}\n`);
    if (i % 10 === 3) {
      proposals++;
      write(
        `spec/features/${f}/proposals/change-${pad(i)}/README.md`,
        `# Proposal: Change ${i}\n\n| Field | Value |\n|--------|--------|\n| Status | \`${t.pick(['draft', 'approved'])}\` |\n| Author | ${t.pick(AUTHORS)} |\n\n## Summary\n\n${t.paragraph(3)}\n`,
      );
    }
  }
  write('specscore.yaml', 'planning:\n  recently_closed: 5\n');
  return { files, bytes, plans: planList.length, roadmaps: roadmapCount, children: roadmapCount * 5, features: featurePaths.length, proposals };
}

function parseArgs(argv) {
  const out = { plans: 10000, features: 2000, seed: 1, out: null };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const v = argv[i + 1];
    if (a === '--plans' || a === '--features' || a === '--seed') {
      out[a.slice(2)] = Number(v);
      i++;
    } else if (a === '--out') {
      out.out = v;
      i++;
    } else {
      throw new Error(`unknown argument ${a}; expected --plans N --features M --seed S --out DIR`);
    }
  }
  return out;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  try {
    const args = parseArgs(process.argv.slice(2));
    if (!args.out) throw new Error('missing --out DIR');
    const r = generateRepo({ root: path.resolve(args.out), plans: args.plans, features: args.features, seed: args.seed });
    process.stdout.write(`${JSON.stringify(r)}\n`);
  } catch (e) {
    process.stderr.write(`generate-repo: ${e.message}\n`);
    process.exitCode = 2;
  }
}
