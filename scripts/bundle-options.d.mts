import type { BuildOptions } from 'esbuild';

export function bundleOptions(root: string, outdir: string): BuildOptions & { metafile: true };

export function quickBundleOptions(root: string, outdir: string): BuildOptions & { metafile: true };
