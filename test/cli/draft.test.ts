import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { indexChangesFor } from '../../src/app/unit-of-work.js';
import { lintRepo } from '../../src/lint/index.js';
import { parsePlan } from '../../src/parse/plan.js';
import { renderPlan } from '../../src/render/plan.js';
import { loadRepo } from '../../src/repo/load-repo.js';
import { useMsw } from '../support/msw.js';
import { makeRepo, snapshot } from '../support/llm-fixture-repo.js';
import { runCli } from '../support/cli.js';

const msw = useMsw();
const ANTHROPIC = { ANTHROPIC_API_KEY: 'sk-ant-test-key' };
const OPENAI = { OPENAI_API_KEY: 'sk-test-key' };
const DRAFT = (root: string, ...extra: string[]) => ['draft', '--root', root, '--feature', 'cli', '--slug', 'cli-batch', '--date', '2026-03-14', ...extra];

/** A JSON path of the draft or plan model (`steps[2].dependsOn[0]`, `header.approver`): never shown to the model. */
const INTERNAL_PATH = /\b[a-zA-Z]+\[\d+\]|\b(?:header|steps|children|document|extraSections)\.[a-zA-Z]/;

function read(root: string, rel: string): string {
  return readFileSync(path.join(root, rel), 'utf8');
}

/** The text of the last user message of a captured request (Messages API or Chat Completions). */
function lastUserText(body: unknown): string {
  const messages = (body as { messages: Array<{ role: string; content: string }> }).messages;
  return messages.filter((m) => m.role === 'user').at(-1)!.content;
}

function expectLintClean(root: string): void {
  const result = lintRepo(loadRepo(root));
  expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
}

describe('specplan draft with a recorded Anthropic reply', () => {
  it('writes a valid draft, updates the index and back-references, passes lint and prints usage', async () => {
    const root = makeRepo();
    const replay = msw.replay('anthropic/draft-valid');
    const run = await runCli(DRAFT(root), ANTHROPIC);
    expect(run.stderr).toContain('usage: 1 LLM call, 2,480 input tokens, 690 output tokens');
    expect(run.code).toBe(0);
    replay.assertDone();
    expect(run.stdout).toContain('wrote spec/plans/cli-batch/README.md');

    const text = read(root, 'spec/plans/cli-batch/README.md');
    const plan = parsePlan(text).plan;
    expect(plan.header).toMatchObject({ status: 'draft', author: '@specplan', created: '2026-03-14', sourceType: 'feature', effort: 'M', impact: 'high' });
    expect(plan.header.features).toEqual([{ text: 'cli', href: '../../features/cli/README.md' }]);
    expect(plan.steps!.map((s) => s.number)).toEqual(['1', '2', '3', '4']);
    expect(plan.steps![1]!.subSteps.map((s) => s.number)).toEqual(['2.1']);
    expect(renderPlan(plan)).toBe(text);
    expect(read(root, 'spec/plans/README.md')).toContain('[cli-batch](cli-batch/)');
    expect(read(root, 'spec/features/cli/README.md')).toMatch(/## Plans[\s\S]*\[cli-batch\]\(\.\.\/\.\.\/plans\/cli-batch\/\)/);
    expectLintClean(root);
    expect(indexChangesFor(loadRepo(root), [])).toEqual([]); // no index drift: `specplan index --check` is clean

    // What was sent: the plan's JSON Schema as the forced tool, the key, the context without proposals.
    const req = replay.calls[0]!;
    expect(req.host).toBe('api.anthropic.com');
    expect(req.headers.authorization).toBe('<redacted>'); // SDK 1.12 sends the key as a Bearer token
    expect(req.headers['anthropic-version']).toBeTruthy();
    const body = req.body as {
      system: string;
      tools: Array<{ name: string; input_schema: { properties: Record<string, { items?: { properties: Record<string, unknown> } }>; required: string[] } }>;
      tool_choice: unknown;
    };
    expect(body.tool_choice).toEqual({ type: 'tool', name: 'plan_draft', disable_parallel_tool_use: true });
    const schema = body.tools[0]!.input_schema;
    expect(Object.keys(schema.properties).sort()).toEqual([
      'acceptanceCriteria',
      'context',
      'effort',
      'impact',
      'outstandingQuestions',
      'risks',
      'steps',
      'title',
    ]);
    expect(schema.required).toHaveLength(8);
    expect(Object.keys(schema.properties.steps!.items!.properties).sort()).toEqual([
      'acceptanceCriteria',
      'dependsOn',
      'description',
      'number',
      'produces',
      'subSteps',
      'title',
    ]);
    const prompt = lastUserText(req.body);
    expect(prompt).toContain('### Batch execution');
    expect(prompt).toContain('spec/plans/cli-batch/README.md');
    expect(prompt).toContain('All diagrams in development plans use mermaid syntax');
    expect(prompt).not.toContain('proposals/batch-mode');
    expect(prompt).not.toContain('Add a --batch flag');
    expect(body.system).toContain('At most two levels');
  });

  it('drafts from an approved proposal: change-request source and the proposal forward reference', async () => {
    const root = makeRepo();
    const replay = msw.replay('anthropic/draft-valid');
    const run = await runCli(['draft', '--root', root, '--proposal', 'cli/batch-mode', '--author', '@alex', '--date', '2026-03-14'], ANTHROPIC);
    expect(run.code, run.stderr).toBe(0);
    replay.assertDone();
    const plan = parsePlan(read(root, 'spec/plans/batch-mode/README.md')).plan;
    expect(plan.header).toMatchObject({ sourceType: 'change-request', author: '@alex', source: '[Batch mode](../../features/cli/proposals/batch-mode/)' });
    expect(read(root, 'spec/features/cli/proposals/batch-mode/README.md')).toContain('| Plan | [batch-mode](../../../../plans/batch-mode/) |');
    expect(lastUserText(replay.calls[0]!.body)).toContain('Add a --batch flag');
    expectLintClean(root);
  });

  const repairs: Array<[string, Record<string, string>, RegExp[]]> = [
    ['anthropic/repair-cycle', ANTHROPIC, [/The steps form a dependency cycle Step 1 → Step 2 → Step 3 → Step 4 → Step 1/]],
    [
      'anthropic/repair-unknown-step',
      ANTHROPIC,
      [/Step 3 \(Run items concurrently\) depends on Step 7, which does not exist; expected one of 1, 2, 2\.1, 3, 4/],
    ],
    ['anthropic/repair-wrong-enum', ANTHROPIC, [/The Effort field is "Medium"; expected one of "S", "M", "L", "XL"/]],
    ['anthropic/repair-nesting', ANTHROPIC, [/Step 2\.1 \([^)]+\) has the unknown field "subSteps"; sub-steps cannot have sub-steps of their own/]],
    ['anthropic/repair-truncated', ANTHROPIC, [/cut off at the output limit of 8192 tokens/]],
    ['anthropic/repair-refusal', ANTHROPIC, [/the reply was a refusal \(I can't help with that request\.\)/]],
    ['openai/repair-truncated', OPENAI, [/cut off at the output limit of 8192 tokens/]],
    ['openai/repair-refusal', OPENAI, [/the reply was a refusal \(I'm sorry, I can't assist with that request\.\)/]],
    ['openai/repair-malformed-json', OPENAI, [/the reply is not valid JSON/]],
  ];
  it.each(repairs)('%s: repaired on the second attempt with the errors in the second request', async (recording, env, expected) => {
    const root = makeRepo();
    const replay = msw.replay(recording);
    const run = await runCli(DRAFT(root), env);
    expect(run.code, run.stderr).toBe(0);
    replay.assertDone();
    expect(replay.calls).toHaveLength(2);
    expect(run.stderr).toMatch(/in 2 attempts/);
    expect(run.stderr).toMatch(/usage: 2 LLM calls/);
    const first = lastUserText(replay.calls[0]!.body);
    const second = lastUserText(replay.calls[1]!.body);
    for (const re of expected) {
      expect(second).toMatch(re);
      expect(first).not.toMatch(re);
    }
    expect(second).toContain('attempt 2 of 2');
    expect(second).not.toMatch(INTERNAL_PATH);
    expect(existsSync(path.join(root, 'spec/plans/cli-batch/README.md'))).toBe(true);
    expectLintClean(root);
  });

  it('still invalid after the last attempt: exit 1, the errors listed, nothing on disk', async () => {
    const root = makeRepo();
    const before = snapshot(root);
    const replay = msw.replay('anthropic/invalid-every-attempt');
    const run = await runCli(DRAFT(root), ANTHROPIC);
    expect(run.code).toBe(1);
    replay.assertDone();
    expect(run.stderr).toContain("the anthropic model's plan_draft was still invalid after 2 attempts; nothing was written");
    expect(run.stderr).toMatch(/- Step 3 \(Run items concurrently\) depends on Step 7, which does not exist/);
    expect(run.stderr).toContain('usage: 2 LLM calls, 5,790 input tokens, 1,379 output tokens');
    expect(run.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(run.stdout).toBe('');
    expect(snapshot(root)).toEqual(before);
  });

  it('HTTP 429 then success: the SDK retries and the draft is written', async () => {
    const root = makeRepo();
    const replay = msw.replay('anthropic/rate-limit-then-success');
    const run = await runCli(DRAFT(root), { ...ANTHROPIC, SPECPLAN_LLM_MAX_RETRIES: '2' });
    expect(run.code, run.stderr).toBe(0);
    replay.assertDone();
    expect(replay.calls).toHaveLength(2);
    expect(run.stderr).toContain('usage: 1 LLM call');
    expect(existsSync(path.join(root, 'spec/plans/cli-batch/README.md'))).toBe(true);
  });

  it('HTTP 529 overloaded then success', async () => {
    const root = makeRepo();
    const replay = msw.replay('anthropic/overloaded-then-success');
    const run = await runCli(DRAFT(root), ANTHROPIC);
    expect(run.code, run.stderr).toBe(0);
    replay.assertDone();
  });

  it('a timeout: exit 1 with one clear sentence, nothing on disk', async () => {
    const root = makeRepo();
    const before = snapshot(root);
    const replay = msw.replay('anthropic/timeout');
    const started = Date.now();
    const run = await runCli(DRAFT(root), { ...ANTHROPIC, SPECPLAN_LLM_TIMEOUT_MS: '200', SPECPLAN_LLM_MAX_RETRIES: '0' });
    expect(Date.now() - started).toBeLessThan(2500);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('specplan: the anthropic request timed out after 0.2 s (0 retries)');
    expect(run.stderr).toContain('SPECPLAN_LLM_TIMEOUT_MS');
    expect(replay.calls).toHaveLength(1);
    expect(snapshot(root)).toEqual(before);
  });

  it('HTML comments, scripts and links in model text go back to the model, all in one repair turn', async () => {
    const root = makeRepo();
    const replay = msw.replay('anthropic/repair-html');
    const run = await runCli(DRAFT(root), ANTHROPIC);
    expect(run.code, run.stderr).toBe(0);
    replay.assertDone();
    const turn = (replay.calls[1]!.body as { messages: Array<{ content: string }> }).messages.at(-1)!.content;
    expect(turn).toContain('Context contains raw HTML ("<!--"); write plain text, without HTML tags or comments');
    expect(turn).toContain('Step 2 description contains raw HTML ("<script>")');
    expect(turn).toContain('Step 2 description has the link "[the wiki](https://wiki.example/batch)"; refer to documents by name, without links');
    const text = read(root, 'spec/plans/cli-batch/README.md');
    expect(text).not.toContain('<!--');
    expect(text).not.toContain('<script');
  });

  it('one deadline for the whole command: a hung server cannot hold a draft past it', async () => {
    const root = makeRepo();
    const before = snapshot(root);
    const replay = msw.replay('anthropic/timeout');
    const started = Date.now();
    // Per request the timeout would allow a minute, with retries; the command's deadline is 0.5 s.
    const run = await runCli(DRAFT(root), { ...ANTHROPIC, SPECPLAN_LLM_TIMEOUT_MS: '60000', SPECPLAN_LLM_MAX_RETRIES: '2', SPECPLAN_LLM_DEADLINE_MS: '500' });
    expect(Date.now() - started).toBeLessThan(2500);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('the model calls of this command passed their deadline of 0.5 s');
    expect(run.stderr).toContain('SPECPLAN_LLM_DEADLINE_MS');
    expect(replay.calls).toHaveLength(1);
    expect(snapshot(root)).toEqual(before);
  });

  it('a rejected key: exit 1 naming the variable to check', async () => {
    const root = makeRepo();
    msw.replay('anthropic/auth-error');
    const run = await runCli(DRAFT(root), ANTHROPIC);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('anthropic rejected the API key (HTTP 401: invalid x-api-key)');
    expect(run.stderr).toContain('check ANTHROPIC_API_KEY');
  });

  it('--dry-run prints the validated markdown and writes nothing; --json gives one document', async () => {
    const root = makeRepo();
    const before = snapshot(root);
    msw.replay('anthropic/draft-valid');
    const run = await runCli(DRAFT(root, '--dry-run'), ANTHROPIC);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout.startsWith('# Plan: CLI batch mode\n')).toBe(true);
    expect(snapshot(root)).toEqual(before);

    msw.replay('anthropic/draft-valid');
    const json = await runCli(DRAFT(root, '--json'), ANTHROPIC);
    expect(json.code, json.stderr).toBe(0);
    const doc = JSON.parse(json.stdout) as Record<string, unknown>;
    expect(doc).toMatchObject({
      plan: 'cli-batch',
      file: 'spec/plans/cli-batch/README.md',
      provider: 'anthropic',
      model: 'claude-sonnet-4-6',
      attempts: 1,
      usage: { llmCalls: 1, inputTokens: 2480, outputTokens: 690 },
    });
    expect(doc.written).toEqual(['spec/features/cli/README.md', 'spec/plans/README.md', 'spec/plans/cli-batch/README.md']);
  });
});

describe('specplan draft with OpenAI', () => {
  it('writes a valid draft sent with a strict json_schema response format', async () => {
    const root = makeRepo();
    const replay = msw.replay('openai/draft-valid');
    const run = await runCli(DRAFT(root), OPENAI);
    expect(run.code, run.stderr).toBe(0);
    replay.assertDone();
    expect(run.stderr).toContain('usage: 1 LLM call, 2,395 input tokens, 655 output tokens');
    const body = replay.calls[0]!.body as {
      response_format: { json_schema: { strict: boolean; schema: { properties: Record<string, unknown>; additionalProperties: boolean } } };
    };
    expect(body.response_format.json_schema.strict).toBe(true);
    expect(body.response_format.json_schema.schema.additionalProperties).toBe(false);
    expect(Object.keys(body.response_format.json_schema.schema.properties)).toContain('steps');
    expect(replay.calls[0]!.headers.authorization).toBe('<redacted>');
    expectLintClean(root);
  });

  it('honours OPENAI_BASE_URL (an OpenAI-compatible local server)', async () => {
    const root = makeRepo();
    const replay = msw.replay('openai/local-server');
    const run = await runCli(DRAFT(root, '--model', 'llama3.1:8b'), { ...OPENAI, OPENAI_BASE_URL: 'http://127.0.0.1:11434/v1' });
    expect(run.code, run.stderr).toBe(0);
    replay.assertDone();
    expect(replay.calls[0]!.host).toBe('127.0.0.1:11434');
  });

  it('HTTP 500 then success', async () => {
    const root = makeRepo();
    const replay = msw.replay('openai/server-error-then-success');
    const run = await runCli(DRAFT(root), OPENAI);
    expect(run.code, run.stderr).toBe(0);
    replay.assertDone();
  });
});

describe('specplan draft without a model', () => {
  it('--provider none writes a deterministic skeleton: one step per behaviour section, criteria carried over', async () => {
    const a = makeRepo();
    const b = makeRepo();
    const runA = await runCli(DRAFT(a, '--provider', 'none'), ANTHROPIC);
    const runB = await runCli(DRAFT(b, '--provider', 'none'));
    expect(runA.code, runA.stderr).toBe(0);
    expect(runB.code, runB.stderr).toBe(0);
    expect(runA.stderr).toContain('usage: 0 LLM calls');
    const text = read(a, 'spec/plans/cli-batch/README.md');
    expect(read(b, 'spec/plans/cli-batch/README.md')).toBe(text);
    const plan = parsePlan(text).plan;
    expect(plan.steps!.map((s) => s.title)).toEqual(['Implement Batch input', 'Implement Batch execution', 'Implement Reporting']);
    expect(plan.acceptanceCriteria).toEqual(['All new CLI flags appear in help output', 'A batch of 100 items completes in under 10 seconds']);
    expectLintClean(a);
  });

  it('auto without keys is none; an explicit provider without its key is a usage error (exit 2)', async () => {
    const root = makeRepo();
    const auto = await runCli(DRAFT(root, '--dry-run'));
    expect(auto.code, auto.stderr).toBe(0);
    expect(auto.stderr).toContain('deterministic skeleton (provider none)');
    const explicit = await runCli(DRAFT(root, '--provider', 'anthropic'));
    expect(explicit.code).toBe(2);
    expect(explicit.stderr).toContain('provider "anthropic" needs ANTHROPIC_API_KEY, which is not set');
  });

  it('refuses bad input with exit 2 and one sentence', async () => {
    const root = makeRepo();
    const both = await runCli(['draft', '--root', root, '--feature', 'cli', '--proposal', 'cli/batch-mode']);
    expect(both.code).toBe(2);
    const missing = await runCli(['draft', '--root', root, '--feature', 'nope']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('feature "nope" does not exist');
    const escape = await runCli(['draft', '--root', root, '--feature', '../../etc']);
    expect(escape.code).toBe(2);
    const slug = await runCli(['draft', '--root', root, '--feature', 'cli', '--slug', '../x']);
    expect(slug.code).toBe(2);
  });
});
