import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { lintPlanText, lintRepo, RULES } from '../../src/lint/index.js';
import { loadRepo } from '../../src/repo/load-repo.js';
import { RULE_FIXTURES, runCli, tempCopy } from '../support/index-helpers.js';
import { corpus } from '../support/corpus.js';

const SYNCHESTRA = corpus('synchestra-spec');
const CORPUS_ROOT = SYNCHESTRA.root;

const fixture = (rule: string, kind: 'ok' | 'not-ok') => path.join(RULE_FIXTURES, rule, kind);

SYNCHESTRA.describe('lint of the real corpus', () => {
  // Each finding was checked by hand against the corpus files (see docs/readme/lint-index-graph.md).
  // index/features: the e2e-testing-framework row names testing-framework/test-scenario and testing-framework/test-runner,
  // the hero-scene row names landing; none of the three exists under spec/features/.
  // plan/no-completion-markers: 31 marker lines in agent-skills-roadmap ("✅ Implemented" and "Done"/"Created" status
  // cells, "(COMPLETE)", a step "**Status:**", "— ✅ Done", ✅ bullets), 10 in superpowers-integration ("Phase 0 … (done)"
  // and nine checked boxes), 3 in e2e-testing-framework ("**Status: COMPLETED**", "**Status: PARTIALLY COMPLETED**", "(done)").
  const EXPECTED = [
    'spec/features/agent-skills/README.md:84:1 error feature/plans-table',
    'spec/features/chat/README.md:188:1 error feature/plans-table',
    'spec/features/chat/README.md:191:1 error feature/plans-table',
    'spec/features/chat/README.md:192:1 error feature/plans-table',
    'spec/features/chat/workflow/README.md:209:1 error feature/plans-table',
    'spec/features/chat/workflow/README.md:209:1 error feature/plans-table',
    'spec/features/chat/workflow/README.md:211:1 error feature/plans-table',
    'spec/features/cli/feature/README.md:1:1 error feature/plans-table',
    'spec/features/cli/project/init/README.md:1:1 error feature/plans-table',
    'spec/features/embedded-state/README.md:1:1 error feature/plans-table',
    'spec/plans/README.md:5:1 error index/features',
    'spec/plans/README.md:5:1 error index/features',
    'spec/plans/README.md:10:1 error index/features',
    'spec/plans/agent-skills-roadmap/README.md:1:1 error plan/header-required',
    'spec/plans/agent-skills-roadmap/README.md:8:1 error plan/source-links',
    'spec/plans/agent-skills-roadmap/README.md:66:1 info plan/step-heading',
    'spec/plans/agent-skills-roadmap/README.md:72:34 warning plan/no-completion-markers',
    'spec/plans/agent-skills-roadmap/README.md:73:32 warning plan/no-completion-markers',
    'spec/plans/agent-skills-roadmap/README.md:74:36 warning plan/no-completion-markers',
    'spec/plans/agent-skills-roadmap/README.md:75:35 warning plan/no-completion-markers',
    'spec/plans/agent-skills-roadmap/README.md:76:1 warning plan/no-completion-markers',
    'spec/plans/agent-skills-roadmap/README.md:77:1 warning plan/no-completion-markers',
    'spec/plans/agent-skills-roadmap/README.md:78:31 warning plan/no-completion-markers',
    'spec/plans/agent-skills-roadmap/README.md:79:42 warning plan/no-completion-markers',
    'spec/plans/agent-skills-roadmap/README.md:80:31 warning plan/no-completion-markers',
    'spec/plans/agent-skills-roadmap/README.md:169:33 warning plan/no-completion-markers',
    'spec/plans/agent-skills-roadmap/README.md:173:1 warning plan/no-completion-markers',
    'spec/plans/agent-skills-roadmap/README.md:183:3 warning plan/no-completion-markers',
    'spec/plans/agent-skills-roadmap/README.md:184:3 warning plan/no-completion-markers',
    'spec/plans/agent-skills-roadmap/README.md:185:3 warning plan/no-completion-markers',
    'spec/plans/agent-skills-roadmap/README.md:186:3 warning plan/no-completion-markers',
    'spec/plans/agent-skills-roadmap/README.md:187:3 warning plan/no-completion-markers',
    'spec/plans/agent-skills-roadmap/README.md:188:3 warning plan/no-completion-markers',
    'spec/plans/agent-skills-roadmap/README.md:189:3 warning plan/no-completion-markers',
    'spec/plans/agent-skills-roadmap/README.md:190:3 warning plan/no-completion-markers',
    'spec/plans/agent-skills-roadmap/README.md:191:3 warning plan/no-completion-markers',
    'spec/plans/agent-skills-roadmap/README.md:192:3 warning plan/no-completion-markers',
    'spec/plans/agent-skills-roadmap/README.md:194:1 info plan/step-heading',
    'spec/plans/agent-skills-roadmap/README.md:200:33 warning plan/no-completion-markers',
    'spec/plans/agent-skills-roadmap/README.md:207:37 warning plan/no-completion-markers',
    'spec/plans/agent-skills-roadmap/README.md:213:84 warning plan/no-completion-markers',
    'spec/plans/agent-skills-roadmap/README.md:214:107 warning plan/no-completion-markers',
    'spec/plans/agent-skills-roadmap/README.md:219:3 warning plan/no-completion-markers',
    'spec/plans/agent-skills-roadmap/README.md:220:3 warning plan/no-completion-markers',
    'spec/plans/agent-skills-roadmap/README.md:221:3 warning plan/no-completion-markers',
    'spec/plans/agent-skills-roadmap/README.md:222:3 warning plan/no-completion-markers',
    'spec/plans/agent-skills-roadmap/README.md:223:3 warning plan/no-completion-markers',
    'spec/plans/agent-skills-roadmap/README.md:225:3 warning plan/no-completion-markers',
    'spec/plans/agent-skills-roadmap/README.md:286:1 info plan/step-heading',
    'spec/plans/e2e-testing-framework/README.md:1:1 error plan/header-required',
    'spec/plans/e2e-testing-framework/README.md:1:1 error plan/required-sections',
    'spec/plans/e2e-testing-framework/README.md:1:1 warning plan/outstanding-questions',
    'spec/plans/e2e-testing-framework/README.md:1:1 warning plan/title',
    'spec/plans/e2e-testing-framework/README.md:1728:1 warning plan/no-completion-markers',
    'spec/plans/e2e-testing-framework/README.md:1752:1 warning plan/no-completion-markers',
    'spec/plans/e2e-testing-framework/README.md:1754:26 warning plan/no-completion-markers',
    'spec/plans/hero-scene/README.md:1:1 error plan/header-required',
    'spec/plans/hero-scene/README.md:1:1 error plan/required-sections',
    'spec/plans/hero-scene/README.md:1:1 warning plan/title',
    'spec/plans/superpowers-integration/README.md:1:1 error plan/header-required',
    'spec/plans/superpowers-integration/README.md:1:1 error plan/required-sections',
    'spec/plans/superpowers-integration/README.md:8:1 error plan/source-type-value',
    'spec/plans/superpowers-integration/README.md:147:27 warning plan/no-completion-markers',
    'spec/plans/superpowers-integration/README.md:148:1 warning plan/no-completion-markers',
    'spec/plans/superpowers-integration/README.md:149:1 warning plan/no-completion-markers',
    'spec/plans/superpowers-integration/README.md:150:1 warning plan/no-completion-markers',
    'spec/plans/superpowers-integration/README.md:151:1 warning plan/no-completion-markers',
    'spec/plans/superpowers-integration/README.md:154:1 warning plan/no-completion-markers',
    'spec/plans/superpowers-integration/README.md:155:1 warning plan/no-completion-markers',
    'spec/plans/superpowers-integration/README.md:156:1 warning plan/no-completion-markers',
    'spec/plans/superpowers-integration/README.md:157:1 warning plan/no-completion-markers',
    'spec/plans/superpowers-integration/README.md:158:1 warning plan/no-completion-markers',
  ];

  test('finishes with exactly the findings checked by hand', () => {
    const result = lintRepo(loadRepo(CORPUS_ROOT));
    expect(result.diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.severity} ${d.rule}`)).toEqual(EXPECTED);
    expect(result.errorCount).toBe(22);
    expect(result.warningCount).toBe(47);
    expect(result.infoCount).toBe(3);
    const msg = (file: string, line: number) => result.diagnostics.filter((d) => d.file === file && d.line === line).map((d) => d.message);
    expect(msg('spec/features/chat/README.md', 191)).toEqual([
      expect.stringContaining(
        '"../../plans/chat-infrastructure/" (spec/plans/chat-infrastructure), which is not a plan folder; expected "../../plans/chat-feature/chat-infrastructure/"',
      ),
    ]);
    expect(msg('spec/plans/superpowers-integration/README.md', 8)).toEqual(['Source type is "strategy"; expected one of feature | change-request']);
  });

  test('same input, same output: two runs give identical JSON', async () => {
    const a = await runCli(['lint', '--format', 'json', '--root', CORPUS_ROOT]);
    const b = await runCli(['lint', '--json', '--root', CORPUS_ROOT]);
    expect(a.code).toBe(1);
    expect(a.stdout).toBe(b.stdout);
    const doc = JSON.parse(a.stdout);
    expect(Object.keys(doc)).toEqual(['diagnostics', 'errorCount', 'warningCount', 'infoCount']);
    expect(doc.infoCount).toBe(3);
    expect(Object.keys(doc.diagnostics[0])).toEqual(['file', 'line', 'column', 'severity', 'rule', 'message']);
    expect(doc.diagnostics).toHaveLength(EXPECTED.length);
  });
});

describe('specplan lint output and exit codes', () => {
  test('text lines are "path:line:col severity rule message"; the summary goes to stderr; exit 1 on errors', async () => {
    const r = await runCli(['lint', '--root', fixture('plan/date-format', 'not-ok')]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(
      'spec/plans/add-batch-mode/README.md:10:1 error plan/date-format Created is "2026-02-30"; expected an ISO date YYYY-MM-DD that exists, e.g. 2026-03-14\n',
    );
    expect(r.stderr).toBe('1 error, 0 warnings\n');
  });

  test('warnings alone exit 0; a clean repository prints nothing on stdout', async () => {
    const warn = await runCli(['lint', '--root', fixture('plan/header-order', 'not-ok')]);
    expect(warn.code).toBe(0);
    expect(warn.stdout).toMatch(/^spec\/plans\/add-batch-mode\/README\.md:8:1 warning plan\/header-order /);
    const clean = await runCli(['lint', '--root', fixture('plan/header-order', 'ok')]);
    expect(clean).toEqual({ code: 0, stdout: '', stderr: '0 errors, 0 warnings\n' });
  });

  test('PATH arguments filter: root-relative, plan paths and cwd-relative; outside the root is a usage error', async () => {
    const root = fixture('plan/superseded-by', 'not-ok');
    const all = await runCli(['lint', '--json', '--root', root]);
    expect(JSON.parse(all.stdout).diagnostics.map((d: { file: string }) => d.file)).toContain('spec/plans/old-batch/README.md');
    for (const arg of ['spec/plans/add-batch-mode', 'add-batch-mode', path.join(root, 'spec/plans/add-batch-mode/README.md')]) {
      const r = await runCli(['lint', '--json', '--root', root, arg]);
      expect(JSON.parse(r.stdout)).toEqual({ diagnostics: [], errorCount: 0, warningCount: 0, infoCount: 0 });
    }
    const old = await runCli(['lint', '--json', '--root', root, 'old-batch']);
    expect(JSON.parse(old.stdout).errorCount).toBe(1);
    const outside = await runCli(['lint', '--root', root, '../../..']);
    expect(outside.code).toBe(2);
    expect(outside.stderr).toMatch(/^specplan: path "\.\.\/\.\.\/\.\." is outside the repository root/);
  });

  test('an unknown format and a missing root are usage errors (exit 2), not stack traces', async () => {
    const bad = await runCli(['lint', '--format', 'xml', '--root', fixture('plan/slug', 'ok')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('unknown format "xml"');
    const missing = await runCli(['lint', '--root', '/nonexistent/dir']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('severity configuration (planning.lint.rules)', () => {
  test('a rule can be raised, lowered or switched off; reading findings follow the same overrides', () => {
    const root = tempCopy(fixture('plan/child-depth', 'not-ok'));
    const before = lintRepo(loadRepo(root));
    expect(before.diagnostics.filter((d) => d.rule === 'plan/child-depth').map((d) => d.severity)).toEqual(['error', 'error']);
    writeFileSync(
      path.join(root, 'specscore.yaml'),
      'planning:\n  lint:\n    rules:\n      plan/child-depth: warning\n      roadmap/no-steps: "off"\n      roadmap/child-plans: info\n',
    );
    const after = lintRepo(loadRepo(root));
    expect(after.diagnostics.filter((d) => d.rule === 'plan/child-depth').map((d) => d.severity)).toEqual(['warning', 'warning']);
    expect(after.diagnostics.some((d) => d.rule === 'roadmap/no-steps')).toBe(false);
    expect(after.diagnostics.filter((d) => d.rule === 'roadmap/child-plans').map((d) => d.severity)).toEqual(['info']);
    expect(after.errorCount).toBe(0);
    writeFileSync(path.join(root, 'specscore.yaml'), 'planning:\n  lint:\n    rules:\n      plan/child-depth: "off"\n');
    // Switching the rule off also drops the loader finding it owns.
    expect(lintRepo(loadRepo(root)).diagnostics.some((d) => d.rule === 'plan/child-depth')).toBe(false);
  });

  SYNCHESTRA.it('a parser finding without a rule of its own can be overridden by its id', () => {
    const root = tempCopy(CORPUS_ROOT);
    writeFileSync(path.join(root, 'specscore.yaml'), 'planning:\n  lint:\n    rules:\n      plan/step-heading: "off"\n      plan/title: error\n');
    const result = lintRepo(loadRepo(root));
    expect(result.diagnostics.some((d) => d.rule === 'plan/step-heading')).toBe(false);
    expect(result.diagnostics.filter((d) => d.rule === 'plan/title').map((d) => d.severity)).toEqual(['error', 'error']);
  });
});

describe('lintPlanText (validating a plan before it is written)', () => {
  const repo = loadRepo(fixture('plan/superseded-by', 'ok'));
  const valid = readFileSync(path.join(fixture('plan/superseded-by', 'ok'), 'spec/plans/add-batch-mode/README.md'), 'utf8')
    .replace('**Status:** approved', '**Status:** draft')
    .replace(/\*\*Approver:\*\*.*\n/, '')
    .replace(/\*\*Approved:\*\*.*\n/, '');

  test('a valid new plan has no findings, even though the index does not list it yet', () => {
    expect(lintPlanText(repo, 'new-plan', valid)).toEqual({ diagnostics: [], errorCount: 0, warningCount: 0, infoCount: 0 });
  });

  test('reports problems of the text only, at its own positions', () => {
    const bad = valid.replace('**Depends on:** (none)', '**Depends on:** Step 3').replace('**Effort:** S', '**Effort:** huge');
    const result = lintPlanText(repo, 'new-plan', bad);
    expect(result.diagnostics.map((d) => `${d.file}:${d.line} ${d.rule}`)).toEqual([
      'spec/plans/new-plan/README.md:10 plan/effort-value',
      'spec/plans/new-plan/README.md:25 plan/dependency-cycle',
    ]);
    expect(result.errorCount).toBe(2);
    expect(lintRepo(repo).diagnostics).toEqual([]); // the repository itself is untouched
  });

  test('an unsafe plan path and broken links are reported', () => {
    const result = lintPlanText(repo, 'New_Plan', valid.replace('../../features/cli/README.md', '../../features/nope/README.md'));
    expect(result.diagnostics.map((d) => d.rule).sort()).toEqual(['plan/feature-links', 'plan/slug']);
  });
});

describe('index/rows details', () => {
  test("the seed's index layout without a Progress column is accepted; other column sets are not", () => {
    const root = tempCopy(fixture('plan/header-order', 'ok'));
    const file = path.join(root, 'spec/plans/README.md');
    const text = readFileSync(file, 'utf8');
    writeFileSync(
      file,
      text
        .replace('| Plan | Status | Progress | Features |', '| Plan | Status | Features |')
        .replace('|---|---|---|---|---|---|---|---|', '|---|---|---|---|---|---|---|')
        .replace('| approved | — | cli |', '| approved | cli |'),
    );
    expect(lintRepo(loadRepo(root)).diagnostics).toEqual([]);
    writeFileSync(file, text.replace('| Author | Approved |', '| Owner | Approved |'));
    expect(lintRepo(loadRepo(root)).diagnostics.map((d) => d.message)).toEqual([
      expect.stringContaining('plans table columns are "Plan | Status | Progress | Features | Effort | Impact | Owner | Approved"; expected'),
    ]);
  });

  test('a child plan listed away from its roadmap, or not indented, is reported', () => {
    const root = tempCopy(fixture('roadmap/child-plans', 'ok'));
    const file = path.join(root, 'spec/plans/README.md');
    const lines = readFileSync(file, 'utf8').split('\n');
    const [roadmap, child1, child2] = [lines[4]!, lines[5]!, lines[6]!];
    writeFileSync(file, lines.map((l, i) => (i === 4 ? child1 : i === 5 ? roadmap : i === 6 ? child2.replace('&ensp;', '') : l)).join('\n'));
    expect(lintRepo(loadRepo(root)).diagnostics.map((d) => `${d.line} ${d.message.split(';')[0]}`)).toEqual([
      '5 child plan chat-feature/chat-infrastructure is not listed below its roadmap chat-feature',
      '7 child plan chat-feature/chat-workflow-engine is not indented',
    ]);
  });
});

test('every rule has a description and a default severity', () => {
  for (const r of RULES) {
    expect(r.description.length).toBeGreaterThan(20);
    expect(['error', 'warning', 'info']).toContain(r.defaultSeverity);
  }
});
