import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, test } from 'vitest';
import { runCli } from '../support/cli.js';

const ACME = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../examples/acme-spec');
let root = '';
afterEach(() => rmSync(root, { recursive: true, force: true }));

function edit(rel: string, from: string, to: string): void {
  const file = path.join(root, rel);
  const text = readFileSync(file, 'utf8');
  expect(text).toContain(from);
  writeFileSync(file, text.replace(from, to));
}

describe('index rows naming features that do not exist', () => {
  test('are reported by lint and by index --check, even when the row matches its plan', async () => {
    root = mkdtempSync(path.join(tmpdir(), 'specplan-idxfeat-'));
    cpSync(ACME, root, { recursive: true });
    // The plan and its index row agree, so only the missing feature is wrong.
    edit('spec/plans/csv-export/README.md', '**Features:**\n', '**Features:**\n  - [ghost](../../features/ghost/README.md)\n');
    edit(
      'spec/plans/README.md',
      '| [csv-export](csv-export/) | approved | — | billing/invoicing |',
      '| [csv-export](csv-export/) | approved | — | ghost, billing/invoicing |',
    );
    const line =
      readFileSync(path.join(root, 'spec/plans/README.md'), 'utf8')
        .split('\n')
        .findIndex((l) => l.includes('[csv-export]')) + 1;

    const lint = await runCli(['lint', '--root', root, 'spec/plans/README.md']);
    expect(lint.stdout).toContain(`spec/plans/README.md:${line}:1 error index/features index row for csv-export names feature "ghost"`);
    expect(lint.code).toBe(1);

    const check = await runCli(['index', '--check', '--root', root]);
    expect(check.stderr).toContain(`spec/plans/README.md:${line}: index row for csv-export names feature "ghost", which does not exist under spec/features/`);
    expect(check.code).toBe(0); // not drift: the row says what its plan says; lint fails on it
  });
});
