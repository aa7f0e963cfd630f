import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { estimateTokens } from '../../src/generation/usage.js';
import { runWhatsNextUpdate } from '../../src/app/whats-next.js';
import { useMsw, type CapturedRequest } from '../support/msw.js';
import { tempDir } from '../support/whats-next-helpers.js';
// @ts-expect-error: plain ESM benchmark helper without type declarations
import { generateRepo } from '../../bench/whats-next-gen.mjs';

const msw = useMsw();
const ENV = { ANTHROPIC_API_KEY: 'test-key', SPECPLAN_LLM_MAX_RETRIES: '0' } as NodeJS.ProcessEnv;

/** Estimated input tokens of one Messages API request as sent over HTTP: system, messages and tool schema. */
export function sentTokens(call: CapturedRequest): number {
  const b = call.body as { system: string; messages: Array<{ content: string }>; tools: unknown[] };
  return estimateTokens(b.system) + b.messages.reduce((n, m) => n + estimateTokens(m.content), 0) + estimateTokens(JSON.stringify(b.tools));
}

function firstDraft(root: string): string {
  for (let i = 1; i < 200; i++) {
    const file = path.join(root, `spec/plans/plan-${String(i).padStart(5, '0')}/README.md`);
    try {
      if (readFileSync(file, 'utf8').includes('**Status:** draft')) return file;
    } catch {
      /* roadmap slot */
    }
  }
  throw new Error('no draft plan in the synthetic repo');
}

function firstSuperseded(root: string, exclude: ReadonlySet<string>): string | null {
  for (let i = 1; i < 200; i++) {
    const slug = `plan-${String(i).padStart(5, '0')}`;
    const file = path.join(root, `spec/plans/${slug}/README.md`);
    try {
      if (!exclude.has(slug) && readFileSync(file, 'utf8').includes('**Status:** superseded')) return file;
    } catch {
      /* roadmap slot */
    }
  }
  return null;
}

describe('incremental mode sends the model a fraction of what full mode sends', () => {
  it('after a one-plan change on a 60-plan repository: at most a fifth of the input tokens, and the same ranking as full mode', async () => {
    const base = tempDir('wn-tokens-');
    const made = generateRepo(base, { plans: 60, seed: 11 });
    expect(made.plans).toBeGreaterThanOrEqual(50);

    // The previous report, built in full mode with the model.
    let replay = msw.replay('whats-next/synthetic-full');
    const first = await runWhatsNextUpdate({ root: base, mode: 'full', model: { provider: 'anthropic', env: ENV }, today: '2026-03-01' });
    replay.assertDone();
    const fullTokens = sentTokens(replay.calls[0]!);

    // One plan changes: a draft goes to review with a critical impact for a small effort, so it
    // enters the top of the ranking. Two copies: one updated incrementally, one rebuilt in full.
    const inc = tempDir('wn-tokens-inc-');
    const full = tempDir('wn-tokens-full-');
    for (const dest of [inc, full]) {
      cpSync(base, dest, { recursive: true });
      const file = firstDraft(dest);
      const text = readFileSync(file, 'utf8')
        .replace('**Status:** draft', '**Status:** in_review')
        .replace(/^\*\*(Effort|Impact):\*\* .*\n/gm, '');
      writeFileSync(file, text.replace(/^(\*\*Created:\*\* .*)$/m, '$1\n**Effort:** S\n**Impact:** critical'));
    }

    msw.server.resetHandlers();
    replay = msw.replay('whats-next/synthetic-incremental');
    const incremental = await runWhatsNextUpdate({ root: inc, mode: 'incremental', model: { provider: 'anthropic', env: ENV }, today: '2026-03-02' });
    replay.assertDone();
    const incTokens = sentTokens(replay.calls[0]!);
    const incPrompt = (replay.calls[0]!.body as { messages: Array<{ content: string }> }).messages[0]!.content;
    expect(incPrompt).toMatch(/- edited: plan-\d+: in_review, effort S, impact critical/);
    expect(incPrompt).toMatch(/- left the recommendations: \S+ \(now #6\)/);

    msw.server.resetHandlers();
    replay = msw.replay('whats-next/synthetic-full');
    const rebuilt = await runWhatsNextUpdate({ root: full, mode: 'full', model: { provider: 'anthropic', env: ENV }, today: '2026-03-02' });
    replay.assertDone();
    const fullAgainTokens = sentTokens(replay.calls[0]!);

    process.stderr.write(
      `whats-next tokens (chars/4 of the requests sent): full ${fullTokens}, full after the change ${fullAgainTokens}, incremental ${incTokens} (${((incTokens / fullAgainTokens) * 100).toFixed(1)}%)\n`,
    );
    expect(incTokens * 5).toBeLessThanOrEqual(fullAgainTokens);
    expect(incremental.result!.mode).toBe('incremental');
    expect(rebuilt.result!.mode).toBe('full');
    expect(incremental.result!.report.recommended).toEqual(rebuilt.result!.report.recommended);
    expect(incremental.result!.report.completed).toEqual(rebuilt.result!.report.completed);
    expect(incremental.result!.report.inProgress).toEqual(rebuilt.result!.report.inProgress);
    expect(first.result!.report.recommended.length).toBe(5);
    expect(incremental.result!.report.recommended[0]!.need).toBe('approval');
  });

  it('a change that touches no recommended plan makes no model call at all', async () => {
    const root = tempDir('wn-tokens-quiet-');
    generateRepo(root, { plans: 60, seed: 11 });
    let replay = msw.replay('whats-next/synthetic-full');
    const first = await runWhatsNextUpdate({ root, mode: 'full', model: { provider: 'anthropic', env: ENV }, today: '2026-03-01' });
    replay.assertDone();
    const top = new Set(first.result!.report.recommended.map((e) => e.plan));
    const superseded = first.result!.report.recommended.length ? firstSuperseded(root, top) : null;
    expect(superseded).not.toBeNull();
    writeFileSync(superseded!, `${readFileSync(superseded!, 'utf8')}\n## Notes\n\nKept for the record.\n`);
    msw.server.resetHandlers();
    replay = msw.replay({
      description: 'nothing may be requested',
      exchanges: [{ request: { method: 'POST', url: 'https://api.anthropic.com/v1/messages' }, response: { status: 500, body: null } }],
    });
    const res = await runWhatsNextUpdate({ root, mode: 'incremental', model: { provider: 'anthropic', env: ENV }, today: '2026-03-02' });
    expect(replay.calls).toHaveLength(0);
    expect(res.usage.llmCalls).toBe(0);
    expect(res.result!.delta.changed).toHaveLength(1);
    expect(res.result!.prose).toBe('llm');
  });
});
