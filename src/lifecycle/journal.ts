import { existsSync, readFileSync, unlinkSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { applyChanges, type FileChange } from '../repo/write.js';

/** Where a multi-file write records its intent before touching any file. */
export const JOURNAL_FILE = '.specscore/journal.json';

const JournalSchema = z.object({
  version: z.literal(1),
  changes: z.array(z.object({ file: z.string(), before: z.string().nullable(), content: z.string() })),
});

/**
 * Write several files as one operation: the full set is first recorded in the journal (itself
 * written atomically), then each file is replaced atomically, then the journal is removed. If the
 * process dies in between, `recoverJournal` finishes the operation, so every file ends up old or
 * new and the set of files ends up consistent. Call while holding the repository lock.
 */
export async function commitChanges(root: string, changes: readonly FileChange[]): Promise<string[]> {
  const real = changes.filter((c) => c.before !== c.content);
  if (real.length === 0) return [];
  if (real.length === 1) return applyChanges(root, real);
  const journal = `${JSON.stringify({ version: 1, changes: real })}\n`;
  await applyChanges(root, [{ file: JOURNAL_FILE, content: journal, before: null }]);
  let written: string[];
  try {
    written = await applyChanges(root, real);
  } catch (e) {
    // A write failed part-way (disk full, permission denied): put back what was already
    // written so the set stays consistent. If that fails too, the journal stays for recovery.
    if (await rollBack(root, real)) unlinkSync(path.join(root, JOURNAL_FILE));
    throw e;
  }
  unlinkSync(path.join(root, JOURNAL_FILE));
  return written;
}

/** Restore the files of `changes` that already hold their new content; true when all are restored. */
async function rollBack(root: string, changes: readonly FileChange[]): Promise<boolean> {
  try {
    for (const c of changes) {
      const target = path.join(root, c.file);
      const now = existsSync(target) ? readFileSync(target, 'utf8') : null;
      if (now !== c.content) continue;
      if (c.before === null) unlinkSync(target);
      else await applyChanges(root, [{ file: c.file, content: c.before, before: now }]);
    }
    return true;
  } catch {
    return false;
  }
}

/**
 * Finish an operation interrupted after its journal was written: each file still holding its old
 * content gets the new one; a file changed by someone else since is left alone and reported.
 * Returns the files written and the files skipped. Call while holding the repository lock.
 */
export async function recoverJournal(root: string): Promise<{ written: string[]; skipped: string[] }> {
  const abs = path.join(root, JOURNAL_FILE);
  if (!existsSync(abs)) return { written: [], skipped: [] };
  let parsed: z.infer<typeof JournalSchema> | null = null;
  try {
    const r = JournalSchema.safeParse(JSON.parse(readFileSync(abs, 'utf8')));
    parsed = r.success ? r.data : null;
  } catch {
    parsed = null; // the journal itself was never completed: nothing was written after it
  }
  const todo: FileChange[] = [];
  const skipped: string[] = [];
  for (const c of parsed?.changes ?? []) {
    const target = path.join(root, c.file);
    const now = existsSync(target) ? readFileSync(target, 'utf8') : null;
    if (now === c.content) continue;
    if (now === c.before) todo.push(c);
    else skipped.push(c.file);
  }
  const written = await applyChanges(root, todo);
  unlinkSync(abs);
  return { written, skipped };
}
