import { rmSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useMsw } from '../support/msw.js';
import { runWhatsNextUpdate } from '../../src/app/whats-next.js';
import { copyExample, read, REPORT } from '../support/whats-next-helpers.js';

const msw = useMsw();
const ENV = { ANTHROPIC_API_KEY: 'test-key', SPECPLAN_LLM_MAX_RETRIES: '0' } as NodeJS.ProcessEnv;

interface SentBody {
  system: string;
  messages: Array<{ role: string; content: string }>;
  tools: Array<{ name: string; input_schema: { properties: Record<string, unknown> } }>;
}

function run(root: string, mode: 'full' | 'incremental', extra: Partial<Parameters<typeof runWhatsNextUpdate>[0]> = {}) {
  return runWhatsNextUpdate({ root, mode, model: { provider: 'anthropic', env: ENV }, today: '2026-04-03', ...extra });
}

describe("What's Next prose from a model, checked before it is written", () => {
  it('full mode: sends the computed ranking and every open plan, writes the valid reply', async () => {
    const root = copyExample();
    const replay = msw.replay('whats-next/full-valid');
    const res = await run(root, 'full');
    replay.assertDone();
    expect(replay.calls).toHaveLength(1);
    const body = replay.calls[0]!.body as SentBody;
    expect(body.system).toContain('The ranking is computed by code');
    expect(body.tools[0]!.name).toBe('whats_next_prose');
    expect(Object.keys(body.tools[0]!.input_schema.properties).sort()).toEqual(['notes', 'questions', 'rationales']);
    const prompt = body.messages[0]!.content;
    expect(prompt).toMatch(
      /^1\. billing-roadmap\/invoice-pdf — score [\d.]+; needs start; impact high, effort M; unblocked by billing-roadmap\/billing-ledger completion/m,
    );
    expect(prompt).toContain('Open plans:');
    expect(prompt).toContain('- search-indexing — "Search index for invoices and customers"');
    expect(res.status).toBe('written');
    expect(res.usage).toEqual({ llmCalls: 1, inputTokens: 1450, outputTokens: 180 });
    const text = read(root, REPORT);
    // Code prints a rationale per plan in the computed order, the plan's computed reason where the model gave none.
    expect(text).toContain(
      '### Reasoning\n\n- **[billing-roadmap/invoice-pdf](billing-roadmap/invoice-pdf/)** — billing-roadmap/billing-ledger was completed on 2026-04-02, which unblocks it',
    );
    expect(text).toContain(
      '- **[add-batch-mode](add-batch-mode/)** — Also small; it only needs its approval.\n- **[search-indexing](search-indexing/)** — Needs review (draft)',
    );
    expect(text).toContain('\n\nsearch-indexing and email-notifications still need review');
    expect(text).toContain('- Should billing-roadmap/payment-retries be reviewed now, so that it is ready when invoice PDFs ship?');
    expect(text).toContain('"prose":"llm"');
    // The computed parts do not depend on the model.
    expect(text).toMatch(/1\. \*\*\[billing-roadmap\/invoice-pdf\]\(billing-roadmap\/invoice-pdf\/\)\*\* — Impact: high, Effort: M\./);
  });

  it('a reply naming a plan that does not exist and recommending a blocked plan is sent back with the problems, and the repaired reply is used', async () => {
    const root = copyExample();
    const replay = msw.replay('whats-next/repair');
    const res = await run(root, 'full');
    replay.assertDone();
    expect(replay.calls).toHaveLength(2);
    const second = replay.calls[1]!.body as SentBody;
    const repairTurn = second.messages.at(-1)!.content;
    expect(repairTurn).toContain(
      'the rationale for "billing-roadmap/payment-retries": billing-roadmap/payment-retries is blocked by an unfinished predecessor; give rationales only for',
    );
    expect(repairTurn).toContain('note 1 names "billing-roadmap/invoice-html", which is not a plan in this repository');
    expect(repairTurn).toContain('question 1 is about "billing-roadmap/invoice-html", which is not a plan in this repository');
    expect(second.messages[1]!.role).toBe('assistant');
    const text = read(root, REPORT);
    expect(text).not.toContain('invoice-html');
    expect(text).not.toContain('retries recover revenue');
    expect(text).toContain('which unblocks it');
    expect(res.usage.llmCalls).toBe(2);
  });

  it('a reply that keeps contradicting the computed order is replaced by the template text, never written as is', async () => {
    const root = copyExample();
    const replay = msw.replay('whats-next/always-wrong-order');
    const res = await run(root, 'full');
    replay.assertDone();
    expect(replay.calls).toHaveLength(3); // planning.llm.max_attempts in the example
    expect((replay.calls[1]!.body as SentBody).messages.at(-1)!.content).toContain(
      'note 1 puts csv-export (#2) before billing-roadmap/invoice-pdf (#1) ("Do csv-export before billing-roadmap/invoice-pdf"), which contradicts the computed order',
    );
    const text = read(root, REPORT);
    expect(text).not.toContain('Do csv-export before');
    expect(text).toContain('Ranked by the signals in their order of priority');
    expect(text).toContain('"prose":"template"');
    expect(res.messages.join('\n')).toMatch(/rejected after 3 attempts.*left out/);
    expect(res.messages.join('\n')).toContain('nothing of the reply could be used; template text is used instead');
  });

  it('a model that cannot be reached leaves the report complete, with template prose', async () => {
    const root = copyExample();
    const replay = msw.replay({
      description: 'server error',
      exchanges: [
        {
          request: { method: 'POST', url: 'https://api.anthropic.com/v1/messages' },
          response: {
            status: 500,
            headers: { 'x-should-retry': 'false' },
            body: { type: 'error', error: { type: 'api_error', message: 'Internal server error' } },
          },
        },
      ],
    });
    const res = await run(root, 'full');
    replay.assertDone();
    expect(res.status).toBe('written');
    expect(res.messages.join('\n')).toContain('could not be reached');
    expect(read(root, REPORT)).toContain('Ranked by the signals in their order of priority');
  });

  it('whats-next --incremental twice: the first sends only the changes, the second makes no call and changes no byte', async () => {
    const root = copyExample();
    const replay = msw.replay('whats-next/incremental-valid');
    const first = await run(root, 'incremental');
    replay.assertDone();
    expect(first.status).toBe('written');
    expect(first.result?.mode).toBe('incremental');
    const prompt = (replay.calls[0]!.body as SentBody).messages[0]!.content;
    expect(prompt).toContain(
      'Changes:\n- completed: billing-roadmap/billing-ledger on 2026-04-02\n- unblocked: billing-roadmap/invoice-pdf (by billing-roadmap/billing-ledger)',
    );
    expect(prompt).toContain('Previous notes: (none)'); // the previous report's prose was the template: nothing to revise
    expect(prompt).not.toContain('Open plans:');
    const after = read(root, REPORT);

    const second = await run(root, 'incremental', { today: '2026-04-09' });
    expect(second.status).toBe('up-to-date');
    expect(second.usage.llmCalls).toBe(0);
    expect(replay.calls).toHaveLength(1);
    expect(read(root, REPORT)).toBe(after);

    // The same through the parsing path (JSON output skips the no-parse shortcut).
    const third = await run(root, 'incremental', { today: '2026-04-10', json: true });
    expect(third.result?.changed).toBe(false);
    expect(third.result?.report.generated).toBe('2026-04-03');
    expect(third.result?.report.reasoning).toContain('which unblocks it');
    expect(third.usage.llmCalls).toBe(0);
    expect(replay.calls).toHaveLength(1);
    expect(read(root, REPORT)).toBe(after);
  });

  it('falls back to full mode, and says so, when the state is missing or the file was edited by hand', async () => {
    const root = copyExample();
    const original = read(root, REPORT);
    const { writeFileSync } = await import('node:fs');
    writeFileSync(path.join(root, REPORT), original.replace('## In Progress', '## In Progress\n\nhand note'));
    let replay = msw.replay('whats-next/full-valid');
    const edited = await run(root, 'incremental');
    replay.assertDone();
    expect(edited.messages[0]).toBe('WHATS-NEXT.md was edited by hand since it was generated; rebuilding it in full mode');
    expect(edited.result?.mode).toBe('full');
    expect((replay.calls[0]!.body as SentBody).messages[0]!.content).toContain('Open plans:');

    writeFileSync(path.join(root, REPORT), original.slice(0, original.indexOf('<!-- whats-next-state')));
    msw.server.resetHandlers();
    replay = msw.replay('whats-next/full-valid');
    const noState = await run(root, 'incremental');
    expect(noState.messages[0]).toContain('has no embedded state');
    expect(noState.result?.mode).toBe('full');

    writeFileSync(path.join(root, REPORT), original.replace(/^plan csv-export .*$/m, 'plan csv-export 0000000000 - -'));
    msw.server.resetHandlers();
    replay = msw.replay('whats-next/full-valid');
    const tampered = await run(root, 'incremental');
    expect(tampered.messages[0]).toContain('is unreadable (its state comment was edited (checksum mismatch))');

    rmSync(path.join(root, REPORT));
    msw.server.resetHandlers();
    replay = msw.replay('whats-next/full-valid');
    const missing = await run(root, 'incremental');
    expect(missing.messages[0]).toBe('there is no WHATS-NEXT.md yet; building it in full mode');
    replay.assertDone();
  });
});

describe('full mode on an unchanged repository', () => {
  it('does not spend model calls that would be discarded as up to date', async () => {
    const root = copyExample();
    const replay = msw.replay('whats-next/full-valid');
    const first = await run(root, 'full');
    replay.assertDone();
    expect(first.usage.llmCalls).toBe(1);
    const after = read(root, REPORT);
    const again = await run(root, 'full', { today: '2026-04-05' });
    expect(replay.calls).toHaveLength(1);
    expect(again.usage.llmCalls).toBe(0);
    expect(again.status).toBe('up-to-date');
    expect(again.messages).toContain('nothing changed since the last report; the model was not asked again');
    expect(read(root, REPORT)).toBe(after);
  });
});

describe("What's Next prose judged for meaning, against a scripted model", () => {
  it('a true reply the old check rejected (computed reason, short slug, in-progress and roadmap context) is accepted in one call', async () => {
    const root = copyExample();
    const replay = msw.replay('whats-next/prose-true-context');
    const res = await run(root, 'full');
    replay.assertDone();
    expect(res.usage.llmCalls).toBe(1);
    const text = read(root, REPORT);
    expect(text).toContain('Prioritise `invoice-pdf`: unblocked by billing-roadmap/billing-ledger completion.');
    expect(text).toContain('the Automatic payment retries plan stays blocked until invoice PDFs ship');
    expect(text).toContain('"prose":"llm"');
  });

  it('a blocked plan recommended by title, an unclosed comment and a fake ranking go back together and never reach the file', async () => {
    const root = copyExample();
    const replay = msw.replay('whats-next/prose-false-claims');
    const res = await run(root, 'full');
    replay.assertDone();
    expect(res.usage.llmCalls).toBe(2);
    const turn = (replay.calls[1]!.body as SentBody).messages.at(-1)!.content;
    expect(turn).toContain('note 1 recommends billing-roadmap/payment-retries ("Start the Automatic payment retries plan next")');
    expect(turn).toContain('note 2 contains raw HTML ("<!--")');
    expect(turn).toContain('the rationale for "csv-export" numbers plans as a list');
    const text = read(root, REPORT);
    expect(text).not.toContain('Start the Automatic payment retries plan next');
    expect(text.split('<!--').length).toBe(2); // only the machine state comment
  });
});

describe('incremental prose after a plan moved to In Progress', () => {
  it('stale text that still ranks it is sent back; rationales of plans whose score did not change are kept without asking', async () => {
    const root = copyExample();
    let replay = msw.replay('whats-next/full-valid');
    await run(root, 'full');
    replay.assertDone();
    const { appendFileSync } = await import('node:fs');
    appendFileSync(
      path.join(root, '.specscore/work-items.yaml'),
      '  - { id: ACME-140, plan: csv-export, step: "1", status: in_progress, updated: 2026-04-03 }\n',
    );
    msw.server.resetHandlers();
    replay = msw.replay('whats-next/incremental-stale');
    const res = await run(root, 'incremental', { today: '2026-04-04' });
    replay.assertDone();
    const prompt = (replay.calls[0]!.body as SentBody).messages[0]!.content;
    expect(prompt).toContain('left the recommendations: csv-export (in progress)');
    expect(prompt).not.toMatch(/add-batch-mode.*WRITE/); // its score did not change: its rationale is kept
    expect((replay.calls[1]!.body as SentBody).messages.at(-1)!.content).toContain('note 1 puts csv-export at #2');
    expect(res.usage.llmCalls).toBe(2);
    const text = read(root, REPORT);
    expect(text).not.toContain('ranked second');
    expect(text).toContain('- **[add-batch-mode](add-batch-mode/)** — Also small; it only needs its approval.'); // kept from the full run
  });
});
