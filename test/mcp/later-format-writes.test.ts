import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { call, callOk, connectInMemory, type Connected } from '../support/mcp-helpers.js';
import { gitInit } from '../support/git.js';
import { lintRepo } from '../../src/lint/index.js';
import { loadRepo } from '../../src/repo/load-repo.js';

const FIXTURE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../support/fixtures/later-format');

let root: string;
let c: Connected;
const read = (rel: string) => readFileSync(path.join(root, rel), 'utf8');

beforeEach(async () => {
  root = mkdtempSync(path.join(os.tmpdir(), 'specplan-later-mcp-'));
  cpSync(FIXTURE, root, { recursive: true });
  gitInit(root);
  c = await connectInMemory(root, { today: '2026-06-01' });
});
afterEach(async () => {
  await c.close();
  rmSync(root, { recursive: true, force: true });
});

const DRAFT = {
  title: 'Batch mode',
  summary: 'Adds batch files to the CLI.',
  approach: 'The schema first, then the flag that reads it.',
  tasks: [
    { title: 'Define the schema', description: 'Write the batch schema.', verifies: ['batch-schema-validates'], dependsOn: [] },
    { title: 'Add the flag', description: 'Wire the flag to the parser.', verifies: ['batch-flag-in-help'], dependsOn: ['1'] },
  ],
  openQuestions: ['Should the batch file allow comments?'],
  effort: 'M',
  impact: 'high',
};

/** Errors of a lint of the whole repository, without the fixture's deliberate defects. */
function newErrors(): string[] {
  return lintRepo(loadRepo(root))
    .diagnostics.filter((d) => d.severity === 'error' && !['specscore/index-complete'].includes(d.rule))
    .map((d) => `${d.file} ${d.rule}`)
    .filter((l) => l.startsWith('spec/plans/batch') || l.startsWith('spec/features/'));
}

describe('write_plan in a repository of the current SpecScore format', () => {
  it('a new plan given as a drafted plan becomes spec/plans/<slug>.md with its index row and feature back-reference', async () => {
    const r = await callOk<{ created: boolean; written: string[] }>(c.client, 'write_plan', { plan: 'batch', document: DRAFT, feature: 'cli', author: '@kim' });
    expect(r.created).toBe(true);
    expect([...r.written].sort()).toEqual(['spec/features/cli/README.md', 'spec/plans/README.md', 'spec/plans/batch.md']);
    const plan = read('spec/plans/batch.md');
    expect(plan).toContain(
      '**Status:** Draft\n**Source Feature:** cli\n**Date:** 2026-06-01\n**Owner:** @kim\n**Supersedes:** —\n**Effort:** M\n**Impact:** high\n',
    );
    expect(plan).toContain(
      '## Open Questions\n\n- Should the batch file allow comments?\n\n---\n*This document follows the https://specscore.md/plan-specification*\n',
    );
    expect(read('spec/plans/README.md')).toContain('| [batch](batch.md) | draft | cli | M | high | @kim | - |');
    expect(read('spec/features/cli/README.md')).toContain('| [batch](../../plans/batch.md) | Draft | @kim | - |');
    expect(newErrors()).toEqual([]);
  });

  it('an Approved plan stays editable: an edited document keeps its status and is written', async () => {
    const before = read('spec/plans/approved.md');
    const edited = before.replace('Define the schema, as the Summary describes.', 'Define the schema and two examples of it.');
    const r = await callOk<{ created: boolean; written: string[] }>(c.client, 'write_plan', { plan: 'approved', markdown: edited });
    expect(r).toMatchObject({ created: false, written: ['spec/plans/approved.md'] });
    expect(read('spec/plans/approved.md')).toBe(edited);
  });

  it('refuses a document that changes the status field or the front matter status, writing nothing', async () => {
    const before = read('spec/plans/approved.md');
    for (const changed of [
      before.replace('**Status:** Approved', '**Status:** Implemented').replace('status: Approved', 'status: Implemented'),
      before.replace('status: Approved', 'status: Implemented'),
    ]) {
      const res = await call(c.client, 'write_plan', { plan: 'approved', markdown: changed });
      expect(res.isError).toBe(true);
      expect(res.text).toMatch(/status is .*Implemented.*, but plan approved is Approved; nothing was written/);
      expect(res.text).toContain('the status changes only through a transition');
    }
    expect(read('spec/plans/approved.md')).toBe(before);
  });

  it('refuses a new plan that is not Draft, one with lint errors, and a nested path, writing nothing', async () => {
    const draft = read('spec/plans/approved.md')
      .replace(/Approved/g, 'Draft')
      .replace('# Plan: Approved plan', '# Plan: Copy');
    const notDraft = await call(c.client, 'write_plan', { plan: 'copy', markdown: draft.replace(/Draft/g, 'In Review') });
    expect(notDraft.isError).toBe(true);
    expect(notDraft.text).toMatch(/must start as Draft/);
    const broken = await call(c.client, 'write_plan', { plan: 'copy', markdown: draft.replace('cli#ac:batch-flag-in-help', 'cli#ac:nope') });
    expect(broken.isError).toBe(true);
    expect(broken.text).toMatch(/specscore\/verifies task 2 verifies "cli#ac:nope"/);
    const nested = await call(c.client, 'write_plan', { plan: 'approved/copy', markdown: draft });
    expect(nested.isError).toBe(true);
    expect(nested.text).toMatch(/single file spec\/plans\/<slug>\.md/);
    const good = await callOk<{ created: boolean }>(c.client, 'write_plan', { plan: 'copy', markdown: draft });
    expect(good.created).toBe(true);
  });

  it('refuses a drafted plan whose tasks verify nothing, naming the feature criteria', async () => {
    const res = await call(c.client, 'write_plan', { plan: 'batch', document: { ...DRAFT, tasks: [{ ...DRAFT.tasks[0], verifies: [] }] }, feature: 'cli' });
    expect(res.isError).toBe(true);
    expect(res.text).toContain(
      'Task 1 (Define the schema) verifies nothing; expected at least one acceptance criterion of feature cli: batch-schema-validates, batch-flag-in-help, output-json',
    );
    expect(() => read('spec/plans/batch.md')).toThrow();
  });
});

describe('draft_plan in a repository of the current SpecScore format', () => {
  it('with provider none writes a single-file plan whose tasks verify the feature criteria', async () => {
    const r = await callOk<{ plan: string; written: string[]; markdown: string }>(c.client, 'draft_plan', { feature: 'cli', slug: 'batch', provider: 'none' });
    expect(r.plan).toBe('batch');
    expect([...r.written].sort()).toEqual(['spec/features/cli/README.md', 'spec/plans/README.md', 'spec/plans/batch.md']);
    expect(read('spec/plans/batch.md')).toBe(r.markdown);
    expect(r.markdown).toContain('**Verifies:** cli#ac:output-json');
    expect(newErrors()).toEqual([]);
  });
});

describe('the draft_plan prompt in a repository of the current SpecScore format', () => {
  it("gives the client's model the feature's criteria and the schema write_plan accepts there", async () => {
    const res = await c.client.getPrompt({ name: 'draft_plan', arguments: { feature: 'cli', slug: 'batch' } });
    const text = res.messages.map((m) => (m.content.type === 'text' ? m.content.text : '')).join('\n');
    expect(text).toContain('It will be written to `spec/plans/batch.md`');
    expect(text).toContain('- batch-schema-validates\n- batch-flag-in-help\n- output-json');
    expect(text).toContain('"verifies"');
    expect(text).toContain('plan: "batch", feature: "cli"');
    // What the prompt asks for is what write_plan accepts.
    const r = await callOk<{ created: boolean }>(c.client, 'write_plan', { plan: 'batch', feature: 'cli', author: '@kim', document: DRAFT });
    expect(r.created).toBe(true);
  });
});
