import type { Diagnostic } from '../model/common.js';
import type { WorkItem } from '../model/execution.js';
import { gitTrailerItems } from './git-trailers.js';
import { readLedgerLines } from '../parse/ledger-lines.js';
import { readIfPresent, refusalFinding } from './refusal.js';
import { READ_LIMITS } from './safe-read.js';

export const LEDGER_FILE = '.specscore/work-items.yaml';

export interface ExecutionState {
  items: WorkItem[];
  findings: Diagnostic[];
  /** False when the root is not in a git repository (trailers could not be read). */
  git: boolean;
}

/**
 * Read the ledger; problems become findings naming the file and line. It is read only when it is
 * a regular file inside the root of at most 4 MB; anything else (a pipe, a link out of the root,
 * a larger file) is a finding and no items. YAML aliases are limited (see `parseYamlText`). The
 * ledger schema is loaded only when there is a ledger, and the YAML reader only when the ledger
 * is not in the one-item-per-line shape that `readLedgerLines` reads.
 */
export async function readLedger(root: string): Promise<{ items: WorkItem[]; findings: Diagnostic[] }> {
  const read = readIfPresent(root, LEDGER_FILE, READ_LIMITS.ledger);
  if (read === null) return { items: [], findings: [] };
  if (!read.ok) return { items: [], findings: [refusalFinding(LEDGER_FILE, read.refusal)] };
  const findings: Diagnostic[] = [];
  const text = read.bytes.toString('utf8');
  // The common one-item-per-line shape is read without the YAML library (same result).
  const lines = readLedgerLines(text);
  const [yaml, { checkLedgerItems }] = await Promise.all([
    lines ? { ok: true as const, ...lines } : import('./yaml-text.js').then((m) => m.parseYamlText(text)),
    import('../model/execution.js'),
  ]);
  if (!yaml.ok) {
    findings.push({ file: LEDGER_FILE, line: yaml.line ?? 1, column: yaml.column, severity: 'error', rule: 'ledger/syntax', message: yaml.message });
    return { items: [], findings };
  }
  const checked = checkLedgerItems(yaml.value ?? {});
  if (checked.error) {
    findings.push({ file: LEDGER_FILE, line: 1, column: 1, severity: 'error', rule: 'ledger/schema', message: checked.error });
    return { items: [], findings };
  }
  // Each invalid item is reported at its own line and left out; the others are used.
  for (const p of checked.problems) {
    const pos = yaml.positionOf(['items', p.index]);
    findings.push({ file: LEDGER_FILE, line: pos.line, column: pos.column, severity: 'error', rule: 'ledger/item', message: p.message });
  }
  const items = checked.items.map(
    (i): WorkItem => ({
      id: i.id,
      plan: i.plan,
      step: i.step ?? null,
      status: i.status,
      updated: i.updated ?? null,
      source: 'ledger',
    }),
  );
  return { items, findings };
}

/**
 * Ledger items merged with `Plan-Step:` git trailers (a trailer marks its step done). The
 * trailers' git process starts before this returns (unless the caller started it: `started`),
 * so it runs while the caller reads on.
 */
export async function loadExecution(root: string, started?: ReturnType<typeof gitTrailerItems>): Promise<ExecutionState> {
  const reading = started ?? gitTrailerItems(root);
  const ledger = await readLedger(root);
  const trailers = await reading;
  return { items: [...ledger.items, ...trailers.items], findings: ledger.findings, git: trailers.git };
}
