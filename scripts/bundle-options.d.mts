import type { BuildOptions } from 'esbuild';

export function bundleOptions(root: string, outdir: string): BuildOptions & { metafile: true };

export function quickBundleOptions(root: string, outdir: string): BuildOptions & { metafile: true };

export function writingBundleOptions(root: string, outdir: string): BuildOptions & { metafile: true };

export function allBundleOptions(root: string, outdir: string): Array<BuildOptions & { metafile: true }>;

export const CHUNK_FOLDERS: readonly string[];
