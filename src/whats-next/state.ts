import { digest } from '../model/digest.js';
import type { WorkItem } from '../model/execution.js';
import { STATE_CLOSE, STATE_OPEN, stateChecksum, type PlanPrint } from '../model/whats-next-state.js';
import type { StateMeta } from '../model/whats-next-state-schema.js';
import type { PlanFacts } from '../rank/types.js';
import { commentJson, commentToken } from '../markdown/escape.js';
import type { SpecRepo } from '../model/repository.js';

/** Derived flags of one plan. */
function flagsOf(f: PlanFacts): string {
  const s = (f.blockedBy.length ? 'b' : '') + (f.progress.completed ? 'c' : '') + (f.progress.inProgress ? 'p' : '') + (f.status === 'superseded' ? 's' : '');
  return s || '-';
}

function itemKey(i: WorkItem): string {
  return `${i.plan}\u0000${i.step ?? ''}\u0000${i.id}\u0000${i.status}\u0000${i.updated ?? ''}\u0000${i.source}`;
}

/** Digest of a list of work items, independent of their order. */
export function itemsDigest(items: readonly WorkItem[]): string {
  if (!items.length) return '-';
  return digest(items.map(itemKey).sort().join('\n'), 8);
}

/** Digest of every feature path and status (what the ranking reads from features). */
export function featuresDigest(repo: SpecRepo): string {
  const rows = [...repo.features.values()].map((f) => `${f.path}\u0000${f.parsed.feature.status ?? ''}`).sort();
  return digest(rows.join('\n'));
}

/** Content and execution fingerprints of every plan. */
export function planPrints(repo: SpecRepo, facts: readonly PlanFacts[], itemsOf: (plan: string) => readonly WorkItem[]): Map<string, PlanPrint> {
  const out = new Map<string, PlanPrint>();
  for (const f of facts) {
    const e = repo.plans.get(f.path)!;
    out.set(f.path, { content: digest(e.text, 10), exec: itemsDigest(itemsOf(f.path)), flags: flagsOf(f) });
    // digest(text, 10) is the plan digest of raw-prints.ts: the fast no-change check compares them.
  }
  return out;
}

/** The lines inside the state comment (without the opening/closing lines and the checksum). */
export function stateLines(meta: StateMeta, plans: ReadonlyMap<string, PlanPrint>): string[] {
  const lines = [`meta ${commentJson(meta)}`];
  for (const p of [...plans.keys()].sort()) {
    const x = plans.get(p)!;
    lines.push(`plan ${commentToken(p)} ${x.content} ${x.exec} ${x.flags}`);
  }
  return lines;
}

/** The whole state comment, ending with a newline. */
export function renderState(meta: StateMeta, plans: ReadonlyMap<string, PlanPrint>): string {
  const lines = stateLines(meta, plans);
  return `${STATE_OPEN}\n${lines.join('\n')}\nsum ${stateChecksum(lines)}\n${STATE_CLOSE}\n`;
}
