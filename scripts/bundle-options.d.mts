import type { BuildOptions } from 'esbuild';

export function bundleOptions(root: string, outdir: string): BuildOptions & { metafile: true };
