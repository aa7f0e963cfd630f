import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { draftPlan } from '../../src/drafting/draft-plan.js';
import { writeDraftPlan } from '../../src/app/write-draft.js';
import { DEFAULT_CALL_LIMITS, withLimits } from '../../src/llm/limits.js';
import { samplingProvider, type SamplingFn } from '../../src/llm/sampling.js';
import { UsageTracker } from '../../src/generation/usage.js';
import { promptFiles } from '../../src/repo/prompt-files.js';
import { lintRepo } from '../../src/lint/index.js';
import { parsePlan } from '../../src/parse/plan.js';
import { loadRepo } from '../../src/repo/load-repo.js';
import { loadRecording } from '../support/msw.js';
import { makeRepo, snapshot, SMALL_REPO } from '../support/llm-fixture-repo.js';

const VALID = JSON.stringify((loadRecording('anthropic/draft-valid').exchanges[0]!.response.body as { content: Array<{ input: unknown }> }).content[0]!.input);

const ROADMAP = `# Plan: CLI roadmap

**Status:** draft
**Features:**
  - [cli](../../features/cli/README.md)
**Source type:** feature
**Source:** [CLI feature spec](../../features/cli/)
**Author:** @alex
**Created:** 2026-03-01

## Context

Roadmap.

## Acceptance criteria

- All child plans completed

## Child Plans

| Order | Plan | Status | Effort | Impact |
|-------|------|--------|--------|--------|
| 1 | [parser](parser/) | draft | M | high |

## Outstanding Questions

None at this time.
`;
const PARSER = `# Plan: Parser

**Status:** draft
**Features:**
  - [cli](../../../features/cli/README.md)
**Source type:** feature
**Source:** [CLI feature spec](../../../features/cli/)
**Author:** @alex
**Created:** 2026-03-01

## Context

Parse batch files.

## Acceptance criteria

- Parses

## Steps

### 1. Write the parser

**Depends on:** (none)

## Outstanding Questions

None at this time.
`;

describe('drafting API for the MCP server (sampling provider, no writes until asked)', () => {
  it('draftPlan returns the validated plan and markdown and writes nothing; writeDraftPlan writes it', async () => {
    const root = makeRepo({ ...SMALL_REPO, 'spec/plans/cli-roadmap/README.md': ROADMAP, 'spec/plans/cli-roadmap/parser/README.md': PARSER });
    const before = snapshot(root);
    const prompts: string[] = [];
    const sample: SamplingFn = async ({ messages }) => {
      prompts.push(messages.at(-1)!.content);
      return { text: VALID, model: 'client-model', stopReason: 'endTurn' };
    };
    const usage = new UsageTracker();
    const provider = withLimits(samplingProvider(sample, DEFAULT_CALL_LIMITS), DEFAULT_CALL_LIMITS, usage);
    const result = await draftPlan({
      prompts: promptFiles(),
      repo: loadRepo(root),
      source: { kind: 'feature', feature: 'cli' },
      provider,
      slug: 'runner',
      parent: 'cli-roadmap',
      today: '2026-03-14',
    });
    expect(snapshot(root)).toEqual(before);
    expect(result).toMatchObject({
      planPath: 'cli-roadmap/runner',
      file: 'spec/plans/cli-roadmap/runner/README.md',
      provider: 'sampling',
      model: 'client-model',
      attempts: 1,
      parent: 'cli-roadmap',
    });
    expect(result.usage.llmCalls).toBe(1);
    expect(usage.estimated).toBe(true);
    expect(parsePlan(result.markdown).plan).toEqual(result.plan);
    expect(result.plan.header.features).toEqual([{ text: 'cli', href: '../../../features/cli/README.md' }]);
    expect(prompts[0]).toContain('The roadmap this plan belongs to');
    expect(prompts[0]).toContain('Sibling plan in the same roadmap: cli-roadmap/parser');

    const { written } = await writeDraftPlan(root, result);
    expect(written).toEqual([
      'spec/features/cli/README.md',
      'spec/plans/README.md',
      'spec/plans/cli-roadmap/README.md',
      'spec/plans/cli-roadmap/runner/README.md',
    ]);
    const roadmap = readFileSync(path.join(root, 'spec/plans/cli-roadmap/README.md'), 'utf8');
    expect(roadmap).toContain('| 2 | [runner](runner/) | draft |');
    expect(lintRepo(loadRepo(root)).errorCount).toBe(0);
  });

  it('refuses to draft into an approved roadmap, an existing plan path, or from a proposal that is not approved', async () => {
    const approved = ROADMAP.replace('**Status:** draft', '**Status:** approved').replace(
      '**Created:** 2026-03-01',
      '**Approver:** @jo\n**Created:** 2026-03-01\n**Approved:** 2026-03-02',
    );
    const root = makeRepo({
      ...SMALL_REPO,
      'spec/plans/cli-roadmap/README.md': approved,
      'spec/plans/cli-roadmap/parser/README.md': PARSER,
      'spec/features/cli/proposals/later/README.md': '# Proposal: Later\n\n| Field | Value |\n|---|---|\n| Status | `submitted` |\n',
    });
    const repo = loadRepo(root);
    const provider = samplingProvider(async () => ({ text: VALID, model: 'm' }), DEFAULT_CALL_LIMITS);
    await expect(
      draftPlan({ prompts: promptFiles(), repo, source: { kind: 'feature', feature: 'cli' }, provider, slug: 'x', parent: 'cli-roadmap', today: '2026-03-14' }),
    ).rejects.toThrow('roadmap "cli-roadmap" is approved');
    await expect(
      draftPlan({ prompts: promptFiles(), repo, source: { kind: 'feature', feature: 'cli' }, provider, slug: 'cli-roadmap', today: '2026-03-14' }),
    ).rejects.toThrow('plan "cli-roadmap" already exists');
    await expect(
      draftPlan({ prompts: promptFiles(), repo, source: { kind: 'proposal', proposal: 'cli/later' }, provider, today: '2026-03-14' }),
    ).rejects.toThrow('proposal "cli/later" is submitted; plans are drafted from approved proposals');
    expect(existsSync(path.join(root, 'spec/plans/x'))).toBe(false);
  });
});
