/** Type declarations for bench/generate-repo.mjs (plain JavaScript, run by node directly). */
export interface GeneratedRepo {
  files: number;
  bytes: number;
  plans: number;
  roadmaps: number;
  children: number;
  features: number;
  proposals: number;
}

/** Write a deterministic synthetic spec repository below `root`. */
export function generateRepo(opts: { root: string; plans?: number; features?: number; seed?: number }): GeneratedRepo;

/** mulberry32: a small deterministic PRNG returning floats in [0, 1). */
export function rng(seed: number): () => number;
