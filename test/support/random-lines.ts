/** Fewer than `below` lines (how many drawn from `next` first), each drawn from `pool`: a generated document fragment. */
export function randomLines(next: () => number, pool: readonly string[], below: number): string[] {
  const out: string[] = [];
  const len = Math.floor(next() * below);
  for (let k = 0; k < len; k++) out.push(pool[Math.floor(next() * pool.length)]!);
  return out;
}
