import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { isSeq, LineCounter, parseDocument } from 'yaml';
import type { Diagnostic } from '../model/common.js';
import { checkLedgerItems, type WorkItem } from '../model/execution.js';
import { gitTrailerItems } from './git.js';

export const LEDGER_FILE = '.specscore/work-items.yaml';

export interface ExecutionState {
  items: WorkItem[];
  findings: Diagnostic[];
  /** False when the root is not in a git repository (trailers could not be read). */
  git: boolean;
}

/** Read the ledger; problems become findings naming the file and line. */
export function readLedger(root: string): { items: WorkItem[]; findings: Diagnostic[] } {
  const abs = path.join(root, LEDGER_FILE);
  if (!existsSync(abs)) return { items: [], findings: [] };
  const findings: Diagnostic[] = [];
  const lineCounter = new LineCounter();
  const doc = parseDocument(readFileSync(abs, 'utf8'), { keepSourceTokens: false, lineCounter });
  if (doc.errors.length) {
    const e = doc.errors[0]!;
    findings.push({ file: LEDGER_FILE, line: e.linePos?.[0]?.line ?? 1, column: e.linePos?.[0]?.col ?? 1, severity: 'error', rule: 'ledger/syntax', message: e.message.split('\n')[0]! });
    return { items: [], findings };
  }
  const checked = checkLedgerItems(doc.toJS());
  if (checked.error) {
    findings.push({ file: LEDGER_FILE, line: 1, column: 1, severity: 'error', rule: 'ledger/schema', message: checked.error });
    return { items: [], findings };
  }
  // Each invalid item is reported at its own line and left out; the others are used.
  const seq = doc.get('items', true);
  for (const p of checked.problems) {
    const node = isSeq(seq) ? (seq.items[p.index] as { range?: [number, number, number] } | undefined) : undefined;
    const offset = node?.range?.[0];
    const pos = offset === undefined ? { line: 1, col: 1 } : lineCounter.linePos(offset);
    findings.push({ file: LEDGER_FILE, line: pos.line, column: pos.col, severity: 'error', rule: 'ledger/item', message: p.message });
  }
  const items = checked.items.map((i): WorkItem => ({
    id: i.id,
    plan: i.plan,
    step: i.step ?? null,
    status: i.status,
    updated: i.updated ?? null,
    source: 'ledger',
  }));
  return { items, findings };
}

/** Ledger items merged with `Plan-Step:` git trailers (a trailer marks its step done). */
export async function loadExecution(root: string): Promise<ExecutionState> {
  const ledger = readLedger(root);
  const trailers = await gitTrailerItems(root);
  return { items: [...ledger.items, ...trailers.items], findings: ledger.findings, git: trailers.git };
}
