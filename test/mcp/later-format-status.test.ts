import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, callOk, connectInMemory, type Connected } from '../support/mcp-helpers.js';
import { git, gitInit } from '../support/git.js';
import { read, removeRepo, tempCopy, write } from '../support/repo.js';

const FIXTURE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../support/fixtures/later-format');

let root: string;
let c: Connected;

beforeAll(async () => {
  root = tempCopy(FIXTURE, 'specplan-mcp-later-');
  write(root, 'spec/plans/in-review.md', read(root, 'spec/plans/in-review.md').replace('cli#ac:batch-parser-rejects', 'cli#ac:batch-flag-in-help'));
  gitInit(root, { commit: 'fixture' });
  c = await connectInMemory(root, { today: '2026-04-02' });
});
afterAll(async () => {
  await c?.close();
  removeRepo(root);
});

describe('set_plan_status on plans of the current SpecScore format', () => {
  it('approved records a snapshot at HEAD', async () => {
    const hash = git(root, 'rev-parse', '--short', 'HEAD').trim();
    const out = await callOk<{ from: string; to: string; written: string[]; notes: string[] }>(c.client, 'set_plan_status', {
      plan: 'in-review',
      status: 'approved',
      comment: 'Initial approval by @jordan',
    });
    expect(out).toMatchObject({ from: 'In Review', to: 'Approved', written: ['spec/plans/README.md', 'spec/plans/in-review.md'] });
    expect(read(root, 'spec/plans/in-review.md')).toContain(`| 2026-04-02 | \`${hash}\` | approved | Initial approval by @jordan |`);
  });

  it('withdrawn and deprecated are statuses of the tool; closed plans go to the top of Recently Closed', async () => {
    expect((await callOk<{ to: string }>(c.client, 'set_plan_status', { plan: 'blocked', status: 'withdrawn' })).to).toBe('Withdrawn');
    expect((await callOk<{ to: string }>(c.client, 'set_plan_status', { plan: 'implemented', status: 'deprecated' })).to).toBe('Deprecated');
    expect(read(root, 'spec/plans/README.md')).toContain(
      '- [implemented](implemented.md) — Deprecated — 2026-04-02\n- [blocked](blocked.md) — Withdrawn — 2026-04-02\n',
    );
  });

  it('a transition the format does not allow is an error listing the allowed ones in its words, as tool calls', async () => {
    const before = read(root, 'spec/plans/executing.md');
    const res = await call(c.client, 'set_plan_status', { plan: 'executing', status: 'draft' });
    expect(res.isError).toBe(true);
    expect(res.text).toContain(
      'Cannot revise plan executing: its status is Executing, and revise needs In Review; allowed from Executing: withdraw (Executing → Withdrawn), supersede (Executing → Superseded), deprecate (Executing → Deprecated)',
    );
    expect(res.text).toContain('set_plan_status with plan "executing", status "withdrawn"');
    expect(read(root, 'spec/plans/executing.md')).toBe(before);
  });

  it('the input stays strict: an unknown argument is refused', async () => {
    const res = await call(c.client, 'set_plan_status', { plan: 'draft', status: 'in_review', dry_run: true });
    expect(res.isError).toBe(true);
  });
});
