import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ResourceListChangedNotificationSchema, ResourceUpdatedNotificationSchema } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APPROVED_PLAN, callOk, connectInMemory, makeRepo, removeRepo, type Connected } from '../support/mcp-helpers.js';
import { corpus } from '../support/corpus.js';

const SYNCHESTRA = corpus('synchestra-spec');

let root: string;
let c: Connected;

beforeAll(async () => {
  root = makeRepo({ git: false, small: true });
  c = await connectInMemory(root, { watch: true });
});
afterAll(async () => {
  await c?.close();
  removeRepo(root);
});

function waitFor<T>(register: (resolve: (v: T) => void) => void, ms = 5000): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`no notification within ${ms} ms`)), ms);
    register((v) => {
      clearTimeout(t);
      resolve(v);
    });
  });
}

SYNCHESTRA.describe('resources', () => {
  it("advertises the plan and feature templates and the What's Next resource", async () => {
    const { resourceTemplates } = await c.client.listResourceTemplates();
    expect(resourceTemplates.map((t) => t.uriTemplate).sort()).toEqual(['specscore://features/{+feature}', 'specscore://plans/{+plan}']);
    const { resources } = await c.client.listResources();
    const uris = resources.map((r) => r.uri);
    expect(uris).toContain('specscore://plans/chat-feature/chat-infrastructure');
    expect(uris).toContain('specscore://features/chat/workflow');
    expect(uris).toContain('specscore://whats-next');
  });

  it('reads plans (including roadmap children) and features as markdown', async () => {
    const plan = await c.client.readResource({ uri: 'specscore://plans/approved-plan' });
    expect(plan.contents[0]).toMatchObject({ uri: 'specscore://plans/approved-plan', mimeType: 'text/markdown', text: APPROVED_PLAN });
    const child = await c.client.readResource({ uri: 'specscore://plans/chat-feature/chat-infrastructure' });
    expect((child.contents[0] as { text: string }).text).toMatch(/^# Plan: Chat infrastructure/);
    const feature = await c.client.readResource({ uri: 'specscore://features/chat/workflow' });
    expect((feature.contents[0] as { text: string }).text).toMatch(/^# Feature:/m);
  });

  it('unknown or escaping resources are errors that say what to do', async () => {
    await expect(c.client.readResource({ uri: 'specscore://plans/nope' })).rejects.toThrow(/list_plans/);
    await expect(c.client.readResource({ uri: 'specscore://plans/..%2F..%2Fetc' })).rejects.toThrow(/not a valid plan path/);
    await expect(c.client.readResource({ uri: 'specscore://whats-next' })).rejects.toThrow(/regenerate_whats_next/);
  });

  it('completes plan paths for the template variable', async () => {
    const res = await c.client.complete({
      ref: { type: 'ref/resource', uri: 'specscore://plans/{+plan}' },
      argument: { name: 'plan', value: 'chat-feature/' },
    });
    expect(res.completion.values).toEqual(['chat-feature/chat-infrastructure', 'chat-feature/chat-workflow-engine']);
  });

  it('notifies list_changed when a plan appears on disk, and updated for a subscribed plan', async () => {
    const listChanged = waitFor<void>((resolve) => c.client.setNotificationHandler(ResourceListChangedNotificationSchema, () => resolve()));
    mkdirSync(path.join(root, 'spec/plans/external-plan'), { recursive: true });
    writeFileSync(path.join(root, 'spec/plans/external-plan/README.md'), APPROVED_PLAN.replace('Frozen approach', 'External plan'));
    await listChanged;
    const { resources } = await c.client.listResources();
    expect(resources.map((r) => r.uri)).toContain('specscore://plans/external-plan');
    // The cache was invalidated: tools see the new plan too.
    const listed = await callOk<{ plans: Array<{ plan: string }> }>(c.client, 'list_plans', { text: 'External plan' });
    expect(listed.plans.map((p) => p.plan)).toEqual(['external-plan']);

    await c.client.subscribeResource({ uri: 'specscore://plans/external-plan' });
    const updated = waitFor<string>((resolve) => c.client.setNotificationHandler(ResourceUpdatedNotificationSchema, (n) => resolve(n.params.uri)));
    writeFileSync(path.join(root, 'spec/plans/external-plan/README.md'), APPROVED_PLAN.replace('Frozen approach', 'External plan, edited'));
    expect(await updated).toBe('specscore://plans/external-plan');
    const read = await c.client.readResource({ uri: 'specscore://plans/external-plan' });
    expect((read.contents[0] as { text: string }).text).toContain('External plan, edited');
  });
});
