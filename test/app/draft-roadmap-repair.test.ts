import { describe, expect, it } from 'vitest';
import { draftRoadmap } from '../../src/drafting/draft-roadmap.js';
import { DEFAULT_CALL_LIMITS } from '../../src/llm/limits.js';
import { samplingProvider } from '../../src/llm/sampling.js';
import { promptFiles } from '../../src/repo/prompt-files.js';
import { loadRepo } from '../../src/repo/load-repo.js';
import { loadRecording } from '../support/msw.js';
import { makeRepo } from '../support/llm-fixture-repo.js';

type Roadmap = { children: Array<{ slug: string; effort: string | null; steps: Array<{ dependsOn: string[] }> }> };
const VALID = (loadRecording('anthropic/roadmap-valid').exchanges[0]!.response.body as { content: Array<{ input: Roadmap }> }).content[0]!.input;

describe('a roadmap reply the schema rejects: one repair turn names its children’s step problems too', () => {
  it('a bad Effort in one child and a cycle in another are named together, by child plan, without JSON paths', async () => {
    const bad = structuredClone(VALID);
    bad.children[0]!.effort = 'Medium';
    bad.children[1]!.steps[0]!.dependsOn = ['2'];
    const replies = [JSON.stringify(bad), JSON.stringify(VALID)];
    const turns: string[] = [];
    const provider = samplingProvider(async ({ messages }) => {
      turns.push(messages.at(-1)!.content);
      return { text: replies.shift()!, model: 'client-model', stopReason: 'endTurn' };
    }, DEFAULT_CALL_LIMITS);
    const result = await draftRoadmap({
      repo: loadRepo(makeRepo()),
      source: { kind: 'feature', feature: 'cli' },
      provider,
      prompts: promptFiles(),
      slug: 'cli-batch',
      today: '2026-03-14',
      maxAttempts: 2,
    });
    expect(result.attempts).toBe(2);
    const repair = turns[1]!;
    expect(repair).toContain('The Effort field of child plan 1 (batch-input) is "Medium"; expected one of "S", "M", "L", "XL"');
    expect(repair).toMatch(/Child plan 2 \(batch-execution\): the steps form a dependency cycle Step 1 → Step 2 → Step 1/);
    expect(repair).not.toMatch(/\b[a-zA-Z]+\[\d+\]/);
  });
});
