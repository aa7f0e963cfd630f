#!/usr/bin/env node
/**
 * Rebuild examples/acme-spec/spec/plans/WHATS-NEXT.md: the report as it stood on 2026-03-30,
 * when the billing ledger's last step was still in progress. Running `whats-next` on the example
 * then shows an incremental update: billing-ledger completed, invoice-pdf unblocked.
 * Needs `npm run build` first. Run after changing the example's plans or the report format.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const example = path.join(here, 'acme-spec');
const { runWhatsNextUpdate } = await import(path.join(here, '../dist/src/app/whats-next.js'));
const tmp = mkdtempSync(path.join(os.tmpdir(), 'acme-baseline-'));
try {
  cpSync(example, tmp, { recursive: true });
  rmSync(path.join(tmp, 'spec/plans/WHATS-NEXT.md'), { force: true });
  const ledger = path.join(tmp, '.specscore/work-items.yaml');
  const before = readFileSync(ledger, 'utf8');
  const older = before.replace(/(ACME-103, .*?)status: done, updated: 2026-04-02/, '$1status: in_progress, updated: 2026-03-27');
  if (older === before) throw new Error('ACME-103 not found in the example ledger');
  writeFileSync(ledger, older);
  await runWhatsNextUpdate({ root: tmp, mode: 'full', model: { provider: 'none' }, today: '2026-03-30' });
  cpSync(path.join(tmp, 'spec/plans/WHATS-NEXT.md'), path.join(example, 'spec/plans/WHATS-NEXT.md'));
  process.stdout.write('wrote examples/acme-spec/spec/plans/WHATS-NEXT.md (as of 2026-03-30)\n');
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
