import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, test } from 'vitest';
import { runCli } from '../support/cli.js';

const ACME = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../examples/acme-spec');
const PLAN = 'spec/plans/bulk-invite/README.md';
let root = '';
afterEach(() => rmSync(root, { recursive: true, force: true }));

const run = (...args: string[]) => runCli([...args, '--root', root]);

describe('template placeholders: a warning in a draft, an error at the review gate', () => {
  test('a scaffolded plan lints with warnings, cannot be submitted, and can once written out', async () => {
    root = mkdtempSync(path.join(tmpdir(), 'specplan-gate-'));
    cpSync(ACME, root, { recursive: true });
    const created = await run('new', 'bulk-invite', '--title', 'Bulk invite', '--author', '@ann', '--feature', 'accounts', '--date', '2026-04-01');
    expect(created.code, created.stderr).toBe(0);

    const draft = await run('lint', '--format', 'json', PLAN);
    const found = (JSON.parse(draft.stdout) as { diagnostics: Array<{ rule: string; severity: string; line: number }> }).diagnostics.filter(
      (d) => d.rule === 'plan/template-placeholders',
    );
    expect(found.length).toBe(5);
    expect(found.every((d) => d.severity === 'warning')).toBe(true);
    expect(draft.code).toBe(0);

    const before = readFileSync(path.join(root, PLAN), 'utf8');
    const refused = await run('submit', 'bulk-invite');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('cannot submit');
    expect(refused.stderr).toContain('plan/template-placeholders');
    expect(readFileSync(path.join(root, PLAN), 'utf8')).toBe(before);

    const written = before
      .replace(/^TODO: in 2–5 sentences.*$/m, 'Admins invite a whole team from one CSV file instead of one address at a time.')
      .replace('- TODO: a cross-cutting criterion the finished work must meet', '- An invite of 500 addresses completes in one request')
      .replace('### 1. First step', '### 1. Parse the invite file')
      .replace('TODO: what this step delivers and why it comes first.', 'Read the CSV file and validate each address.')
      .replace('- TODO: what shows this step is done', '- Invalid rows are reported with their line numbers');
    writeFileSync(path.join(root, PLAN), written);
    const submitted = await run('submit', 'bulk-invite');
    expect(submitted.code, submitted.stderr).toBe(0);
    const approved = await run('approve', 'bulk-invite', '--approver', '@bo', '--date', '2026-04-02');
    expect(approved.code, approved.stderr).toBe(0);
  });

  test('a placeholder in a plan past draft is an error in lint', async () => {
    root = mkdtempSync(path.join(tmpdir(), 'specplan-gate-'));
    cpSync(ACME, root, { recursive: true });
    const file = path.join(root, 'spec/plans/user-auth/README.md');
    const text = readFileSync(file, 'utf8');
    expect(text).not.toContain('**Status:** draft');
    writeFileSync(file, text.replace('## Steps\n', '## Steps\n\nTODO: list the remaining steps\n'));
    const r = await run('lint', '--format', 'json', 'user-auth');
    const own = (JSON.parse(r.stdout) as { diagnostics: Array<{ rule: string; severity: string }> }).diagnostics.filter(
      (d) => d.rule === 'plan/template-placeholders',
    );
    expect(own).toEqual([expect.objectContaining({ severity: 'error' })]);
    expect(r.code).toBe(1);
  });
});
