import { compareStep } from '../analysis/step-graph.js';
import { slugify } from './draft-helpers.js';
import { artifactKey, artifactName } from './execution-plan-chunks.js';

export { artifactName };
import type { ExportNode } from './export-input.js';

/** A work stream of the exported execution plan. */
export interface WorkStream {
  name: string;
  /** Step numbers in the stream, sorted. */
  steps: string[];
  /** Artifacts its steps produce (what the stream owns), in step order, unique by name. */
  owns: string[];
}

/**
 * Group steps into work streams by their declared artifacts: a sub-step stays with its parent
 * step, and steps that declare the same artifact share a stream (no two streams write the same
 * file). A stream is named after its first artifact, or its first step's title when it declares
 * none. Pure and deterministic.
 */
export function workStreams(nodes: readonly ExportNode[]): { streams: WorkStream[]; streamOf: Map<string, string> } {
  const parent = new Map<string, string>(nodes.map((n) => [n.number, n.number]));
  const find = (x: string): string => {
    let r = x;
    while (parent.get(r) !== r) r = parent.get(r)!;
    parent.set(x, r);
    return r;
  };
  const union = (a: string, b: string) => {
    const ra = find(a);
    const rb = find(b);
    if (ra === rb) return;
    if (compareStep(ra, rb) <= 0) parent.set(rb, ra);
    else parent.set(ra, rb);
  };
  const owner = new Map<string, string>();
  for (const n of nodes) {
    if (n.parent) union(n.parent, n.number);
    for (const p of n.step.produces) {
      const key = artifactKey(p);
      const first = owner.get(key);
      if (first) union(first, n.number);
      else owner.set(key, n.number);
    }
  }
  const groups = new Map<string, ExportNode[]>();
  for (const n of nodes) (groups.get(find(n.number)) ?? groups.set(find(n.number), []).get(find(n.number))!).push(n);
  const used = new Set<string>();
  const streams: WorkStream[] = [];
  const streamOf = new Map<string, string>();
  for (const root of [...groups.keys()].sort(compareStep)) {
    const members = groups.get(root)!;
    const owns: string[] = [];
    for (const m of members) for (const p of m.step.produces) if (!owns.some((o) => artifactKey(o) === artifactKey(p))) owns.push(artifactName(p));
    const base = slugify(owns[0] ? owns[0].replace(/\.[a-z0-9]+$/i, '') : members[0]!.step.title, 40) || `stream-${root}`;
    let name = base;
    for (let k = 2; used.has(name); k++) name = `${base}-${k}`;
    used.add(name);
    streams.push({ name, steps: members.map((m) => m.number).sort(compareStep), owns });
    for (const m of members) streamOf.set(m.number, name);
  }
  return { streams, streamOf };
}
