import { Document, isMap, isSeq, parseDocument } from 'yaml';
import { LedgerFileSchema, type WorkItemStatus } from '../model/execution.js';
import { RepoError } from '../model/errors.js';

/** One ledger entry as written to `.specscore/work-items.yaml` (CONTRACTS.md). */
export interface LedgerEntry {
  id: string;
  plan: string;
  step: string | null;
  status: WorkItemStatus;
  updated: string | null;
}

/**
 * Merge entries into the ledger text (the file named `file` in messages): an entry whose `id` is already there replaces it in
 * place, others are appended; comments and every other entry stay as written. Pure. Throws
 * RepoError (naming the file and line) when the existing ledger is not valid YAML or has no
 * `items` list, so a broken ledger is never overwritten.
 */
export function mergeLedger(file: string, existing: string | null, entries: readonly LedgerEntry[]): string {
  const doc = existing && existing.trim() !== '' ? parseDocument(existing) : new Document({ items: [] });
  if (doc.errors.length) {
    const e = doc.errors[0]!;
    throw new RepoError(`${file}:${e.linePos?.[0]?.line ?? 1}: ${e.message.split('\n')[0]}`, 'fix the ledger YAML first; nothing was written');
  }
  if (doc.contents === null) doc.contents = doc.createNode({ items: [] }) as never;
  if (!isMap(doc.contents)) throw new RepoError(`${file}: expected a mapping with an "items:" list at the top`, 'fix the ledger first; nothing was written');
  let seq = doc.get('items', true);
  if (seq === undefined || seq === null) {
    doc.set('items', doc.createNode([]));
    seq = doc.get('items', true);
  }
  if (!isSeq(seq)) throw new RepoError(`${file}: "items" is not a list`, 'make "items:" a list of work items; nothing was written');
  for (const e of entries) {
    const value: Record<string, string> = { id: e.id, plan: e.plan };
    if (e.step !== null) value.step = e.step;
    value.status = e.status;
    if (e.updated) value.updated = e.updated;
    const node = doc.createNode(value, { flow: true });
    const at = seq.items.findIndex((it) => isMap(it) && String(it.get('id')) === e.id);
    if (at >= 0) seq.items[at] = node;
    else seq.items.push(node);
  }
  const text = doc.toString({ lineWidth: 0 });
  const check = LedgerFileSchema.safeParse(parseDocument(text).toJS());
  if (!check.success)
    throw new RepoError(
      `${file}: the merged ledger would not be valid (${check.error.issues[0]?.message ?? 'schema'})`,
      'fix the existing ledger entries first; nothing was written',
    );
  return text;
}
