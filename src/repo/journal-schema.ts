import { z } from 'zod';
import type { FileChange } from '../model/file-change.js';

const MAX_ENTRIES = 10_000;
const EntrySchema = z.strictObject({ file: z.string().min(1).max(1024), before: z.string().nullable(), content: z.string() });
const JournalSchema = z.strictObject({ version: z.literal(1), changes: z.array(EntrySchema).min(1).max(MAX_ENTRIES) });

/**
 * The changes a parsed journal records, or what is wrong with its shape (the first problem, with
 * where it is). Loaded only when there is a journal to finish: writing one needs no schema.
 */
export function journalChanges(data: unknown): { ok: true; changes: FileChange[] } | { ok: false; problem: string } {
  const parsed = JournalSchema.safeParse(data);
  if (parsed.success) return { ok: true, changes: parsed.data.changes };
  const issue = parsed.error.issues[0]!;
  return { ok: false, problem: `${issue.path.join('.') || 'the top level'}: ${issue.message}` };
}
