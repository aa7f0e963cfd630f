#!/usr/bin/env node
// Generates docs/rules.md from the lint rule registry (src/lint/rules/index.ts).
//   node scripts/rules-doc.mjs           write docs/rules.md
//   node scripts/rules-doc.mjs --check   exit 1 when docs/rules.md is out of date
// The registry is TypeScript: it is bundled in memory with esbuild and imported from a data URL,
// so the script needs no build of its own. test/lint/rules-doc.test.ts checks the file is current.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const REGISTRY = 'src/lint/rules/index.ts';
const TARGET = 'docs/rules.md';

/** GitHub's heading anchor for a heading whose text is `text`. */
function anchor(text) {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9 _-]/g, '')
    .replace(/ /g, '-');
}

/** The text of docs/rules.md for `rules` (objects with id, description, defaultSeverity, fix?, adopts?). */
export function renderRulesDoc(rules) {
  const sorted = [...rules].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const out = [
    '<!-- Generated from the rule registry by `npm run docs:rules`; do not edit by hand. -->',
    '',
    '# Lint rules',
    '',
    '`specplan lint` (and the MCP tool `lint_plans`) checks features, proposals, plans, the plans',
    'index and the feature back-references in one pass. Every finding names its file, line and',
    'column, the rule, what was found and what was expected. A plan that is submitted, approved,',
    'drafted by a model, imported or written through MCP must pass the same rules first.',
    '',
    '## Severity and configuration',
    '',
    '`error` findings make `specplan lint` exit 1; `warning` and `info` findings are shown but do not',
    'fail the run. Each rule’s severity can be changed in `specscore.yaml`, and `off` switches a rule',
    'off together with the reading findings it owns:',
    '',
    '```yaml',
    'planning:',
    '  lint:',
    '    rules:',
    '      plan/header-order: error',
    '      plan/outstanding-questions: "off"',
    '      plan/step-heading: info',
    '```',
    '',
    'Findings made while reading documents (`plan/title`, `plan/step-heading`, `plan/list-format`,',
    '`feature/title`, `proposal/status`, …) and problems with the files themselves (`repo/binary`,',
    '`repo/encoding`, `repo/symlink-outside`, …, listed in [format](format.md#problems-with-files-are-findings-not-crashes))',
    'are reported too, and their severity is set the same way.',
    '',
    '## Rules',
    '',
    '| rule | default severity |',
    '|---|---|',
    ...sorted.map((r) => `| [\`${r.id}\`](#${anchor(r.id)}) | ${r.defaultSeverity} |`),
    '',
  ];
  for (const r of sorted) {
    out.push(`### \`${r.id}\``, '', `Default severity: **${r.defaultSeverity}**.`, '', r.description.trim(), '');
    if (r.fix) out.push(`**Fix:** ${r.fix.trim()}`, '');
    const adopted = (r.adopts ?? []).filter((id) => id !== r.id);
    if (adopted.length) out.push(`Also reports the reading findings ${adopted.map((id) => `\`${id}\``).join(', ')}.`, '');
  }
  return out.join('\n');
}

/** Import the registry's rules from the TypeScript source. */
async function loadRules() {
  const { build } = await import('esbuild');
  const result = await build({
    entryPoints: [path.join(ROOT, REGISTRY)],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'node',
    logLevel: 'error',
  });
  const code = result.outputFiles[0].text;
  const mod = await import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`);
  return mod.RULES;
}

async function main() {
  const check = process.argv.includes('--check');
  const text = renderRulesDoc(await loadRules());
  const file = path.join(ROOT, TARGET);
  let current = null;
  try {
    current = readFileSync(file, 'utf8');
  } catch {
    current = null;
  }
  if (check) {
    if (current === text) return;
    process.stderr.write(`${TARGET} is out of date; run "npm run docs:rules"\n`);
    process.exitCode = 1;
    return;
  }
  if (current !== text) writeFileSync(file, text);
  process.stdout.write(`${current === text ? 'up to date' : 'wrote'} ${TARGET}\n`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
