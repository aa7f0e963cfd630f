import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runWhatsNext } from '../../src/cli/commands/whats-next.js';
import { runCli } from '../support/cli.js';

// An empty directory: a command that validated its options after opening the repository would
// fail with "no spec repository" instead of naming the bad option.
const cwd = mkdtempSync(path.join(os.tmpdir(), 'specplan-options-'));
writeFileSync(path.join(cwd, 'plan.md'), '# Plan\n');
afterAll(() => rmSync(cwd, { recursive: true, force: true }));

/** Every command with `--format`, with the arguments it needs to reach option validation. */
const FORMAT_COMMANDS: Array<{ argv: string[]; accepted: string[] }> = [
  ...[
    ['lint'],
    ['status'],
    ['index'],
    ['new', 'x', '--title', 'X', '--author', '@a', '--feature', 'cli'],
    ['report', 'x'],
    ['submit', 'x'],
    ['approve', 'x', '--approver', '@a'],
    ['revise', 'x'],
    ['supersede', 'x', '--by', 'y'],
    ['check-frozen'],
    ['hooks', 'install'],
    ['hooks', 'uninstall'],
    ['draft', '--feature', 'cli'],
    ['suggest', 'x'],
    ['sync'],
    ['import', 'plan.md', '--from', 'execplan', '--feature', 'cli'],
    ['export', 'x', '--to', 'work-items'],
  ].map((argv) => ({ argv, accepted: ['text', 'json'] })),
  { argv: ['graph', 'x'], accepted: ['mermaid', 'json'] },
];

/** Every command with `--date`. */
const DATE_COMMANDS: string[][] = [
  ['new', 'x', '--title', 'X', '--author', '@a', '--feature', 'cli'],
  ['report', 'x'],
  ['approve', 'x', '--approver', '@a'],
  ['draft', '--feature', 'cli'],
  ['sync'],
  ['import', 'plan.md', '--from', 'execplan', '--feature', 'cli'],
  ['export', 'x', '--to', 'work-items'],
];

describe('--format and --date are validated in one place by every command', () => {
  for (const { argv, accepted } of FORMAT_COMMANDS) {
    it(`specplan ${argv.join(' ')} --format xml exits 2 naming ${accepted.join(' and ')}`, async () => {
      const r = await runCli([...argv, '--format', 'xml'], {}, cwd);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('unknown format "xml"');
      expect(r.stderr).toContain(accepted.map((a) => `--format ${a}`).join(' or '));
    });
  }

  it('whats-next --format xml exits 2 naming text and json', async () => {
    const err: string[] = [];
    const write = process.stderr.write.bind(process.stderr);
    process.stderr.write = ((chunk: string | Uint8Array) => (err.push(String(chunk)), true)) as typeof process.stderr.write;
    try {
      expect(await runWhatsNext(['--root', cwd, '--format', 'xml'])).toBe(2);
    } finally {
      process.stderr.write = write;
    }
    expect(err.join('')).toContain('unknown format "xml"');
    expect(err.join('')).toContain('--format text or --format json');
  });

  for (const argv of DATE_COMMANDS) {
    it(`specplan ${argv.join(' ')} --date 2026-02-30 exits 2 naming the date format`, async () => {
      const r = await runCli([...argv, '--date', '2026-02-30'], {}, cwd);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('--date "2026-02-30" is not a date');
      expect(r.stderr).toContain('use YYYY-MM-DD, e.g.');
    });
  }
});
