import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { checkDot, parseMermaid } from '../support/diagrams.js';
import { PROJECT } from '../support/project.js';

let root: string;

beforeAll(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'graph-portfolio-'));
  cpSync(path.join(PROJECT, 'examples/acme-spec'), root, { recursive: true });
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('specplan graph without a plan: the portfolio', () => {
  it('mermaid by default: parses, one node per open plan, the blocked child waits for its predecessor', async () => {
    const r = await runCli(['graph', '--root', root]);
    expect(r.code).toBe(0);
    await parseMermaid(r.stdout);
    expect(r.stdout).toContain('subgraph r_billing_roadmap["Billing roadmap · 1/3 done"]');
    expect(r.stdout).toContain('p_billing_roadmap_invoice_pdf --> p_billing_roadmap_payment_retries');
    expect(r.stdout).not.toContain('billing_ledger'); // completed
    expect(r.stdout).not.toContain('legacy_export'); // superseded
  });

  it('--format dot parses as DOT; --json is the portfolio model', async () => {
    const dot = await runCli(['graph', '--root', root, '--format', 'dot']);
    expect(dot.code).toBe(0);
    checkDot(dot.stdout);
    const json = await runCli(['graph', '--root', root, '--json']);
    const p = JSON.parse(json.stdout) as { nodes: Array<{ plan: string; state: string }>; edges: unknown[]; omitted: number };
    expect(p.nodes.find((n) => n.plan === 'user-auth')?.state).toBe('in_progress');
    expect(p.edges).toEqual([{ from: 'billing-roadmap/invoice-pdf', to: 'billing-roadmap/payment-retries' }]);
    expect(p.omitted).toBe(0);
  });

  it('--roadmap limits it; the same output twice', async () => {
    const a = await runCli(['graph', '--root', root, '--roadmap', 'billing-roadmap']);
    const b = await runCli(['graph', '--root', root, '--roadmap', 'billing-roadmap']);
    expect(a.stdout).toBe(b.stdout);
    expect(a.stdout).not.toContain('p_user_auth');
    expect(a.stdout).toContain('p_billing_roadmap_payment_retries');
  });

  it('usage errors exit 2 with one clear line: not a roadmap, plan and --roadmap together, dot for a step graph', async () => {
    const notRoadmap = await runCli(['graph', '--root', root, '--roadmap', 'user-auth']);
    expect(notRoadmap.code).toBe(2);
    expect(notRoadmap.stderr).toContain('user-auth is not a roadmap');
    const both = await runCli(['graph', 'user-auth', '--root', root, '--roadmap', 'billing-roadmap']);
    expect(both.code).toBe(2);
    const dot = await runCli(['graph', 'user-auth', '--root', root, '--format', 'dot']);
    expect(dot.code).toBe(2);
    expect(dot.stderr).toContain('unknown format "dot"');
    for (const r of [notRoadmap, both, dot]) expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
