/**
 * A reader that goes away before the output ends (`specplan --help | head -1`): the built bins
 * drop the rest of their output and exit as the command would, with no stack trace.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildAll, type Built } from '../support/cli.js';
import { PROJECT } from '../support/project.js';

let built: Built;
beforeAll(() => {
  built = buildAll();
}, 120_000);

const EXAMPLE = path.join(PROJECT, 'examples/acme-spec');

/** Run a built script whose stdout is closed by its reader before anything is written; its exit code and stderr. */
function withClosedStdout(script: string, args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [script, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

describe('output to a reader that has gone', () => {
  const cases: Array<[string, 'specplan' | 'whatsNext', string[], number]> = [
    ['specplan --help', 'specplan', ['--help'], 0],
    ['specplan --version', 'specplan', ['--version'], 0],
    ['specplan lint --format json (the quick bundle)', 'specplan', ['lint', '--format', 'json', '--root', EXAMPLE], 0],
    ['specplan graph', 'specplan', ['graph', '--root', EXAMPLE], 0],
    ['specplan status on a missing root (an error on stderr)', 'specplan', ['status', '--root', path.join(EXAMPLE, 'missing')], 2],
    ['whats-next --help', 'whatsNext', ['--help'], 0],
    ['whats-next --full --dry-run', 'whatsNext', ['--root', EXAMPLE, '--full', '--provider', 'none', '--dry-run'], 0],
  ];
  it.each(cases)('%s: the exit code of the command, no stack trace', async (_name, bin, args, code) => {
    const r = await withClosedStdout(built[bin], args);
    expect(r.stderr).not.toMatch(/EPIPE|node:events|\n\s+at /);
    expect(r.code, r.stderr).toBe(code);
  });
});
