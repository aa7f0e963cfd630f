import { compareWithApproved, freezeSnapshot, type FreezeChange, type FrozenSnapshot } from './freeze.js';

// Where an approved plan's content turned up under another path, and what changed in it there.
interface MovedPlan {
  file: string;
  changes: FreezeChange[];
}

/**
 * The plan document among `documents` (path → content, null when absent) that holds the approved
 * content `snapshot` of the plan that was at `from`: one with the same fingerprint, else the one
 * sharing the title and most sections with it (at least half of them). Null when none does. Pure.
 */
export function whereMoved(snapshot: FrozenSnapshot, from: string, documents: ReadonlyMap<string, string | null>): MovedPlan | null {
  const wanted = new Map(snapshot.sections.map((s) => [s.key, s.hash]));
  let best: { file: string; text: string; shared: number } | null = null;
  for (const [file, text] of [...documents].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (file === from || text === null) continue;
    const snap = freezeSnapshot(text);
    if (snap.fingerprint === snapshot.fingerprint) return { file, changes: [] };
    const title = snap.sections.find((s) => s.key === 'title');
    if (!title || wanted.get('title') !== title.hash) continue;
    const shared = snap.sections.filter((s) => wanted.get(s.key) === s.hash).length;
    if (shared * 2 >= snapshot.sections.length && (!best || shared > best.shared)) best = { file, text, shared };
  }
  return best ? { file: best.file, changes: compareWithApproved(snapshot, best.text) } : null;
}
