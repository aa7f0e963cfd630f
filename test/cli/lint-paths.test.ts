import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { runCli } from '../support/cli.js';

const ACME = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../examples/acme-spec');

describe('specplan lint PATH names something that exists', () => {
  test('a path that does not exist is exit 2, naming it', async () => {
    const r = await runCli(['lint', 'no/such/path'], {}, ACME);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('"no/such/path" is not a file, folder or plan in this repository');
  });

  test('a misspelt plan is exit 2 and suggests the closest plan', async () => {
    const r = await runCli(['lint', 'user-auht'], {}, ACME);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('"user-auht" is not a file, folder or plan');
    expect(r.stderr).toContain('did you mean plan "user-auth"?');
    expect(r.stderr).toContain('specplan status');
  });

  test('JSON output fails the same way (nothing on stdout)', async () => {
    const r = await runCli(['lint', '--format', 'json', 'user-auht'], {}, ACME);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
  });

  test('existing plan paths, files and folders still lint', async () => {
    for (const arg of ['user-auth', 'spec/plans/user-auth', 'spec/plans/user-auth/README.md', 'spec']) {
      const r = await runCli(['lint', arg], {}, ACME);
      expect(r.code, `${arg}: ${r.stderr}`).toBe(0);
    }
  });
});
