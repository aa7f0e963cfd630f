/** Set bits of a 32-bit word. */
export function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/**
 * Strongly connected components of a graph over nodes `0..n-1` (Tarjan's algorithm with an
 * explicit stack, so a 100,000-node chain needs no deep recursion). Components are numbered in
 * the order Tarjan's algorithm completes them: every component reachable from another has a
 * lower number.
 */
function components(n: number, adj: ReadonlyArray<readonly number[]>): { comp: Int32Array; count: number } {
  const index = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const comp = new Int32Array(n).fill(-1);
  const onStack = new Uint8Array(n);
  const stack: number[] = [];
  const frames: Array<{ v: number; next: number }> = [];
  let counter = 0;
  let count = 0;
  for (let root = 0; root < n; root++) {
    if (index[root] !== -1) continue;
    const enter = (v: number) => {
      index[v] = low[v] = counter++;
      stack.push(v);
      onStack[v] = 1;
      frames.push({ v, next: 0 });
    };
    enter(root);
    while (frames.length) {
      const f = frames[frames.length - 1]!;
      const out = adj[f.v]!;
      if (f.next < out.length) {
        const w = out[f.next++]!;
        if (index[w] === -1) enter(w);
        else if (onStack[w]) low[f.v] = Math.min(low[f.v]!, index[w]!);
        continue;
      }
      frames.pop();
      if (frames.length) {
        const parent = frames[frames.length - 1]!.v;
        low[parent] = Math.min(low[parent]!, low[f.v]!);
      }
      if (low[f.v] === index[f.v]) {
        let w: number;
        do {
          w = stack.pop()!;
          onStack[w] = 0;
          comp[w] = count;
        } while (w !== f.v);
        count++;
      }
    }
  }
  return { comp, count };
}

/**
 * For every node, how many counted nodes it reaches by following `next`, itself excluded
 * (members of its own cycle included). One pass over the components in reverse topological
 * order with a bit set per component, each freed (or taken over) once every component leading
 * to it is done: time O((components + edges) × counted / 32), memory proportional to the widest
 * frontier.
 */
export function reachCounts(
  ids: readonly string[],
  next: (id: string) => readonly string[],
  counted: (id: string) => boolean = () => true,
): Map<string, number> {
  const n = ids.length;
  const at = new Map<string, number>();
  ids.forEach((id, i) => at.set(id, i));
  const adj: number[][] = ids.map((id) =>
    next(id)
      .map((t) => at.get(t))
      .filter((t): t is number => t !== undefined),
  );
  const { comp, count } = components(n, adj);
  const bit = new Int32Array(n).fill(-1);
  let width = 0;
  ids.forEach((id, i) => {
    if (counted(id)) bit[i] = width++;
  });
  const words = Math.ceil(width / 32);
  const members: number[][] = Array.from({ length: count }, () => []);
  for (let v = 0; v < n; v++) members[comp[v]!]!.push(v);
  const succ: number[][] = Array.from({ length: count }, () => []);
  const seen = new Int32Array(count).fill(-1);
  const pending = new Int32Array(count);
  for (let c = 0; c < count; c++) {
    for (const v of members[c]!) {
      for (const w of adj[v]!) {
        const d = comp[w]!;
        if (d === c || seen[d] === c) continue;
        seen[d] = c;
        succ[c]!.push(d);
        pending[d]!++;
      }
    }
  }
  const reach: Array<Uint32Array | undefined> = new Array(count);
  const out = new Map<string, number>();
  for (let c = 0; c < count; c++) {
    // Reuse the set of a successor no other component still needs (a chain allocates one set).
    const last = succ[c]!.find((d) => pending[d] === 1);
    const bits = last === undefined ? new Uint32Array(words) : reach[last]!;
    for (const d of succ[c]!) {
      const r = reach[d]!;
      if (d !== last) for (let k = 0; k < words; k++) bits[k]! |= r[k]!;
      for (const v of members[d]!) if (bit[v]! >= 0) bits[bit[v]! >>> 5]! |= 1 << (bit[v]! & 31);
      if (--pending[d]! === 0) reach[d] = undefined;
    }
    let total = 0;
    for (let k = 0; k < words; k++) total += popcount(bits[k]!);
    const cycle = members[c]!.length > 1;
    const own = cycle ? members[c]!.filter((v) => bit[v]! >= 0).length : 0;
    for (const v of members[c]!) out.set(ids[v]!, total + (cycle ? own - (bit[v]! >= 0 ? 1 : 0) : 0));
    if (pending[c]! > 0) reach[c] = bits;
  }
  return out;
}
