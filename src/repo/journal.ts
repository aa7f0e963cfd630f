import { RepoError, SpecplanError } from '../model/errors.js';
import { READ_LIMITS, readRegularFile } from './safe-read.js';
import { checkedTarget, lstatOrNull, writableSegments, type WriteArea } from './safe-write.js';
import type { FileChange } from '../model/file-change.js';
import { applyChanges, checkWritable, removeRepoFile, writeRepoFile } from './write.js';

/** Where a multi-file write records its intent before touching any file. */
export const JOURNAL_FILE = '.specscore/journal.json';

/**
 * Write several files as one operation: the full set is first recorded in the journal (itself
 * written atomically), then each file is replaced atomically, then the journal is removed. If the
 * process dies in between, `recoverJournal` finishes the operation, so every file ends up old or
 * new and the set of files ends up consistent. A single file needs no journal; a file the user
 * named (`named`, anywhere in the root) is always written alone. Call while holding the
 * repository lock.
 */
export async function commitChanges(root: string, changes: readonly FileChange[], area: WriteArea = 'state'): Promise<string[]> {
  const real = changes.filter((c) => c.before !== c.content);
  if (real.length === 0) return [];
  if (real.length === 1) return applyChanges(root, real, area);
  if (area !== 'state') throw new RepoError(`refusing to write ${real.length} files the user named as one operation`, 'a named file is written alone');
  for (const c of real) checkWritable(root, c.file); // a refused path writes nothing, not even the journal
  writeRepoFile(root, JOURNAL_FILE, `${JSON.stringify({ version: 1, changes: real })}\n`);
  let written: string[];
  try {
    written = await applyChanges(root, real);
  } catch (e) {
    // A write failed part-way (disk full, permission denied): put back what was already
    // written so the set stays consistent. If that fails too, the journal stays for recovery.
    if (rollBack(root, real)) removeRepoFile(root, JOURNAL_FILE);
    throw e;
  }
  removeRepoFile(root, JOURNAL_FILE);
  return written;
}

/** A file's current text, null when absent, undefined when it cannot be what a journal recorded. */
function currentText(root: string, rel: string): string | null | undefined {
  const abs = checkedTarget(root, writableSegments(rel), rel, false);
  const r = readRegularFile(abs, READ_LIMITS.document);
  if (r.ok) return r.bytes.toString('utf8');
  return r.refusal.kind === 'missing' ? null : undefined;
}

/** Restore the files of `changes` that already hold their new content; true when all are restored. */
function rollBack(root: string, changes: readonly FileChange[]): boolean {
  try {
    for (const c of changes) {
      if (currentText(root, c.file) !== c.content) continue;
      if (c.before === null) removeRepoFile(root, c.file);
      else writeRepoFile(root, c.file, c.before);
    }
    return true;
  } catch {
    return false;
  }
}

const HINT = `the journal was left in place: look at ${JOURNAL_FILE}, and if no specplan write was interrupted on this machine, delete it and run the command again`;

function refuse(why: string, hint = HINT): RepoError {
  return new RepoError(`refusing to finish the interrupted write recorded in ${JOURNAL_FILE}: ${why}; nothing of it was applied`, hint);
}

// Asked only when a journal is there: the git library is loaded then, never for a write.
async function tracked(root: string): Promise<boolean> {
  const { gitFor } = await import('./git.js');
  const git = await gitFor(root);
  if (!git) return false;
  try {
    return (await git.raw(['ls-files', '-z', '--', JOURNAL_FILE])).length > 0;
  } catch {
    return false;
  }
}

/** Why a journal entry's path may not be written, or null. */
function pathProblem(file: string): string | null {
  if (!/^(spec|\.specscore)\//.test(file)) return 'outside spec/ and .specscore/, the only folders specplan writes';
  if (file === JOURNAL_FILE || file.startsWith('.specscore/write.lock')) return "specplan's own journal or lock";
  try {
    writableSegments(file);
    return null;
  } catch (e) {
    return (e as Error).message.replace(/^refusing to write .*?: /, '');
  }
}

/**
 * The journal's entries, checked: allowed paths, each file once, sizes within the document limit.
 * Its schema is loaded here, when there is a journal to finish.
 */
async function readEntries(abs: string): Promise<FileChange[] | null> {
  const read = readRegularFile(abs, READ_LIMITS.journal);
  if (!read.ok) throw refuse(read.refusal.message);
  let data: unknown;
  try {
    data = JSON.parse(read.bytes.toString('utf8'));
  } catch {
    return null; // the journal itself was never completed: nothing was written after it
  }
  const { journalChanges } = await import('./journal-schema.js');
  const parsed = journalChanges(data);
  if (!parsed.ok) throw refuse(`${parsed.problem}; expected {"version": 1, "changes": [{"file", "before", "content"}]}`);
  const seen = new Set<string>();
  parsed.changes.forEach((c, i) => {
    const problem = pathProblem(c.file);
    if (problem) throw refuse(`entry ${i + 1} names ${c.file.replace(/\0/g, '\\0')}, ${problem}`);
    if (seen.has(c.file)) throw refuse(`entry ${i + 1} names ${c.file} a second time`);
    seen.add(c.file);
    for (const text of [c.before, c.content]) {
      if (text !== null && Buffer.byteLength(text) > READ_LIMITS.document)
        throw refuse(`entry ${i + 1} (${c.file}) holds a text over ${READ_LIMITS.document / 1048576} MB, more than any document specplan writes`);
    }
  });
  return parsed.changes;
}

// Refuses a set of changes by throwing (or rejecting); the unit of work passes the freeze guard.
type ChangeGuard = (changes: readonly FileChange[]) => void | Promise<void>;

/**
 * Finish an operation interrupted after its journal was written: each file still holding its old
 * content gets the new one; a file changed by someone else since is left alone and reported.
 * A journal git tracks (it came with a commit), one naming a file outside spec/ and .specscore/
 * or a symbolic link, or one `guard` refuses (the freeze guard, as for any write), is not applied
 * at all: it stays in place and a RepoError (exit 2) says why. Returns the files written and the
 * files skipped. Call while holding the repository lock.
 */
export async function recoverJournal(root: string, guard: ChangeGuard): Promise<{ written: string[]; skipped: string[] }> {
  let abs: string;
  try {
    abs = checkedTarget(root, JOURNAL_FILE.split('/'), JOURNAL_FILE, false);
  } catch (e) {
    throw refuse(
      (e as Error).message.replace(/^refusing to write \S+: /, '').replace(/; writers .*$/, '; a journal is always a regular file in a real folder'),
    );
  }
  if (lstatOrNull(abs) === null) return { written: [], skipped: [] };
  if (await tracked(root)) {
    throw refuse(
      `it is tracked by git, so it came with a commit, not from a write interrupted on this machine`,
      `check what it would change, then remove it with \`git rm ${JOURNAL_FILE}\`, commit, and run the command again`,
    );
  }
  const entries = await readEntries(abs);
  const todo: FileChange[] = [];
  const skipped: string[] = [];
  for (const c of entries ?? []) {
    let now: string | null | undefined;
    try {
      now = currentText(root, c.file);
    } catch (e) {
      throw refuse((e as Error).message.replace(/^refusing to write /, 'it would write '));
    }
    if (now === c.content) continue;
    if (now === c.before) todo.push(c);
    else skipped.push(c.file);
  }
  try {
    if (todo.length) await guard(todo);
  } catch (e) {
    if (e instanceof SpecplanError) throw refuse(`it would ${e.message.replace(/^refusing to /, '')}`);
    throw e;
  }
  const written = await applyChanges(root, todo);
  removeRepoFile(root, JOURNAL_FILE);
  return { written, skipped };
}
