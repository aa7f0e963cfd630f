import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, test } from 'vitest';
import { runCli } from '../support/cli.js';

const ACME = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../examples/acme-spec');
let root = '';
afterEach(() => rmSync(root, { recursive: true, force: true }));

function copy(ledger: string): string {
  root = mkdtempSync(path.join(tmpdir(), 'specplan-ledger-'));
  cpSync(ACME, root, { recursive: true });
  mkdirSync(path.join(root, '.specscore'), { recursive: true });
  writeFileSync(path.join(root, '.specscore/work-items.yaml'), ledger);
  return root;
}

describe('specplan lint reports the ledger', () => {
  test('an item with an unknown status is a finding at its line, not "0 errors"', async () => {
    copy(
      'items:\n  - { id: ACME-1, plan: user-auth, step: "1", status: done, updated: 2026-03-01 }\n  - { id: ACME-2, plan: user-auth, step: "2", status: finished }\n',
    );
    const r = await runCli(['lint', '--format', 'json', '--root', root]);
    const doc = JSON.parse(r.stdout) as { diagnostics: Array<{ file: string; line: number; severity: string; message: string }>; errorCount: number };
    const own = doc.diagnostics.filter((d) => d.file === '.specscore/work-items.yaml');
    expect(own).toHaveLength(1);
    expect(own[0]).toMatchObject({ line: 3, severity: 'error' });
    expect(own[0]!.message).toMatch(/status/);
    expect(r.code).toBe(1);
  });

  test('a ledger that is not YAML is a finding naming its line', async () => {
    copy('items:\n  - { id: ACME-1, plan: user-auth\n');
    const r = await runCli(['lint', '--root', root]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^\.specscore\/work-items\.yaml:\d+:\d+ error ledger\/syntax /m);
  });

  test('lint limited to the ledger path reports only it', async () => {
    copy('items: 3\n');
    const r = await runCli(['lint', '--root', root, '.specscore/work-items.yaml']);
    expect(r.code).toBe(1);
    expect(r.stdout.trim().split('\n')).toEqual([expect.stringMatching(/^\.specscore\/work-items\.yaml:1:1 error ledger\/schema /)]);
  });
});
