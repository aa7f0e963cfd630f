import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { buildStepGraph } from '../../src/analysis/step-graph.js';
import { parsePlan } from '../../src/parse/plan.js';
import { renderMermaid } from '../../src/render/step-graph.js';
import { RULE_FIXTURES, runCli, tempCopy } from '../support/index-helpers.js';
import { corpus } from '../support/corpus.js';

const SYNCHESTRA = corpus('synchestra-spec');
const CORPUS_ROOT = SYNCHESTRA.root;

const BATCH = path.join(RULE_FIXTURES, 'plan/depends-on/ok');

const LATER = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../support/fixtures/later-format');

describe('specplan graph', () => {
  test('a plan of the current SpecScore format is drawn with its tasks named as the plan names them', async () => {
    const r = await runCli(['graph', 'approved', '--root', LATER]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('s1["1. Define the schema"]');
    expect(r.stdout).toContain('%% critical path: Task 1 → Task 2');
    expect(r.stdout).not.toMatch(/\bStep\b/);
  });

  test('mermaid: titled nodes, sub-steps in a subgraph, dotted container edges, critical path, layers', async () => {
    const r = await runCli(['graph', 'add-batch-mode', '--root', BATCH]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(`%% add-batch-mode: Add batch mode to CLI
graph TD
  s1["1. Define batch input schema"]
  s2["2. Implement batch parser"]
  subgraph s2_parts["Step 2 sub-steps"]
    s2_1["2.1. Add streaming support"]
  end
  s3["3. Update CLI entry point"]
  s1 --> s2
  s1 -.-> s2_1
  s2_1 -.-> s2
  s2 --> s3
  classDef critical stroke-width:3px
  class s1,s2_1,s2,s3 critical
%% layer 1: Step 1
%% layer 2: Step 2.1
%% layer 3: Step 2
%% layer 4: Step 3
%% critical path: Step 1 → Step 2.1 → Step 2 → Step 3
`);
  });

  SYNCHESTRA.it('json: nodes, edges, parallel layers and the critical path of a real corpus plan', async () => {
    const r = await runCli(['graph', 'chat-feature/chat-infrastructure', '--format', 'json', '--root', CORPUS_ROOT]);
    expect(r.code).toBe(0);
    const g = JSON.parse(r.stdout);
    expect(Object.keys(g)).toEqual(['plan', 'title', 'nodes', 'edges', 'layers', 'criticalPath', 'cycles', 'unknown', 'kind']);
    expect(g.kind).toBe('steps');
    expect(g.layers).toEqual([['1'], ['2', '3', '4'], ['5', '6', '9'], ['7'], ['8']]);
    expect(g.criticalPath).toEqual(['1', '3', '5', '7', '8']);
    // Same edges as the plan's own hand-drawn mermaid "Dependency graph" section.
    expect(g.edges.map((e: { from: string; to: string }) => `S${e.from} --> S${e.to}`).sort()).toEqual(
      ['S1 --> S2', 'S1 --> S3', 'S1 --> S4', 'S3 --> S5', 'S4 --> S5', 'S2 --> S6', 'S3 --> S6', 'S5 --> S7', 'S6 --> S8', 'S7 --> S8', 'S2 --> S9'].sort(),
    );
  });

  test('steps without Depends on are parallel-eligible (first layer)', () => {
    const plan = parsePlan('# Plan: P\n\n## Steps\n\n### 1. A\n\n### 2. B\n\n### 3. C\n\n**Depends on:** Step 1, Step 2\n').plan;
    const g = buildStepGraph(plan);
    expect(g.layers).toEqual([['1', '2'], ['3']]);
    expect(renderMermaid(g)).toContain('%% layer 1: Step 1, Step 2\n%% layer 2: Step 3\n');
  });

  test('a cycle is printed and reported: exit 1, the cycle on stderr and in JSON', async () => {
    const root = path.join(RULE_FIXTURES, 'plan/dependency-cycle/not-ok');
    const r = await runCli(['graph', 'add-batch-mode', '--json', '--root', root]);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toMatchObject({ cycles: [['1', '2', '3', '1']], layers: [], criticalPath: [] });
    expect(r.stderr).toBe(
      'specplan: spec/plans/add-batch-mode/README.md has a dependency cycle Step 1 → Step 2 → Step 3 → Step 1; layers and critical path need an acyclic graph\n',
    );
    const m = await runCli(['graph', 'add-batch-mode', '--root', root]);
    expect(m.stdout).toContain('%% cycle: Step 1 → Step 2 → Step 3 → Step 1\n');
  });

  SYNCHESTRA.it('unknown plan, bad plan path and unknown format exit 2 with one clear sentence; a roadmap draws its child plans', async () => {
    const unknown = await runCli(['graph', 'chat-infrastructure', '--root', CORPUS_ROOT]);
    expect(unknown.code).toBe(2);
    expect(unknown.stdout).toBe('');
    expect(unknown.stderr).toBe(
      'specplan: no plan "chat-infrastructure" in this repository\n  did you mean "chat-feature/chat-infrastructure" or "chat-feature" or "chat-feature/chat-workflow-engine"? See the plan paths with `specplan status`\n',
    );
    const escape = await runCli(['graph', '../../etc', '--root', CORPUS_ROOT]);
    expect(escape.code).toBe(2);
    expect(escape.stderr).toMatch(/^specplan: "\.\.\/\.\.\/etc" is not a valid plan path/);
    const roadmap = await runCli(['graph', 'chat-feature', '--root', CORPUS_ROOT]);
    expect(roadmap.code).toBe(0);
    expect(roadmap.stdout).toContain('schat_feature_chat_infrastructure["chat-feature/chat-infrastructure: ');
    expect(roadmap.stdout).toContain('schat_feature_chat_workflow_engine["chat-feature/chat-workflow-engine: ');
    const format = await runCli(['graph', 'hero-scene', '--format', 'dot', '--root', CORPUS_ROOT]);
    expect(format.code).toBe(2);
    expect(format.stderr).toContain('unknown format "dot"');
  });

  test('titles with quotes and angle brackets stay valid mermaid labels', async () => {
    const root = tempCopy(BATCH);
    const dir = path.join(root, 'spec/plans/quoted');
    mkdirSync(dir);
    writeFileSync(path.join(dir, 'README.md'), '# Plan: Q\n\n## Steps\n\n### 1. Parse "quoted" <input>\n');
    const r = await runCli(['graph', 'quoted', '--root', root]);
    expect(r.stdout).toContain('s1["1. Parse #34;quoted#34; #60;input#62;"]');
  });
});
