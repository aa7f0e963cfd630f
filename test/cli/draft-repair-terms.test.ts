import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { acceptDocument } from '../../src/lint/acceptance.js';
import { loadRepo } from '../../src/repo/load-repo.js';
import { useMsw } from '../support/msw.js';
import { makeRepo } from '../support/llm-fixture-repo.js';
import { runCli } from '../support/cli.js';

const msw = useMsw();
const DRAFT = (root: string) => ['draft', '--root', root, '--feature', 'cli', '--slug', 'cli-batch', '--date', '2026-03-14'];

/** A JSON path of the draft or plan model (`steps[2].dependsOn[0]`, `header.approver`): the model never saw one. */
const INTERNAL_PATH = /\b[a-zA-Z]+\[\d+\]|\b(?:header|steps|children|document|extraSections|subSteps)\.[a-zA-Z]/;

function repairTurn(body: unknown): string {
  const messages = (body as { messages: Array<{ role: string; content: string }> }).messages;
  return messages.filter((m) => m.role === 'user').at(-1)!.content;
}

describe('one repair turn names every problem of an attempt, in the plan’s own terms', () => {
  const cases: Array<[string, Record<string, string>, RegExp[]]> = [
    [
      'anthropic/repair-schema-and-cycle',
      { ANTHROPIC_API_KEY: 'sk-ant-test-key' },
      [
        /The Effort field is "Medium"; expected one of "S", "M", "L", "XL"/,
        /Step 3 \(Run items concurrently\) depends on Step 7, which does not exist/,
        /The steps form a dependency cycle Step 1 → Step 2 → Step 3 → Step 4 → Step 1/,
      ],
    ],
    [
      'openai/repair-schema-and-cycle',
      { OPENAI_API_KEY: 'sk-test-key' },
      [
        /The Impact field is "huge"; expected one of "low", "medium", "high", "critical"/,
        /The steps form a dependency cycle Step 1 → Step 2 → Step 3 → Step 4 → Step 1/,
      ],
    ],
  ];
  it.each(cases)('%s: a schema problem and a cycle are repaired in one more request that names both', async (recording, env, expected) => {
    const root = makeRepo();
    const replay = msw.replay(recording);
    const run = await runCli(DRAFT(root), env);
    expect(run.code, run.stderr).toBe(0);
    replay.assertDone();
    expect(replay.calls).toHaveLength(2);
    expect(run.stderr).toMatch(/in 2 attempts/);
    const turn = repairTurn(replay.calls[1]!.body);
    for (const re of expected) expect(turn).toMatch(re);
    expect(turn).not.toMatch(INTERNAL_PATH);
    expect(existsSync(path.join(root, 'spec/plans/cli-batch/README.md'))).toBe(true);
  });

  it('a whole plan document: header fields, sections and steps named as the plan shows them', () => {
    const repo = loadRepo(makeRepo());
    const document = {
      title: 'Batch mode',
      preamble: '',
      header: {
        status: 'draft',
        approver: 7,
        features: [],
        sourceType: 'feature',
        source: '',
        author: '@a',
        created: '2026-03-01',
        approved: null,
        effort: 'Medium',
        impact: null,
        supersededBy: null,
        extra: [],
      },
      context: 'Why.',
      acceptanceCriteria: ['Works'],
      steps: [{ number: '1', title: 'Parse', body: '', dependsOn: null, produces: 'a parser', acceptanceCriteria: [], extraFields: [], subSteps: [] }],
      stepsPreamble: '',
      childPlans: null,
      childPlansNotes: '',
      dependencyGraph: null,
      risks: '',
      outstandingQuestions: '',
      extraSections: [{ title: 'Rollout', depth: 'two', body: '' }],
    };
    const problems = acceptDocument(repo, 'batch-mode', document).problems;
    expect(problems).toContain('The Approver field is 7; expected a string');
    expect(problems).toContain('The Produces field of Step 1 (Parse) is "a parser"; expected a list');
    expect(problems).toContain('The heading level of section `## Rollout` is "two"; expected a number');
    for (const p of problems) expect(p).not.toMatch(INTERNAL_PATH);
  });
});
