/**
 * The esbuild options that bundle each bin (shared by the build and by the test that checks
 * what each command loads). `outdir` receives `specplan.js`, `whats-next.js` and `chunks/`.
 */
export function bundleOptions(root, outdir) {
  return {
    absWorkingDir: root,
    entryPoints: { specplan: 'src/cli/specplan.ts', 'whats-next': 'src/cli/whats-next.ts' },
    outdir,
    chunkNames: 'chunks/[name]-[hash]',
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    // Dependencies written as CommonJS call require(): give the ES module bundle one.
    banner: { js: "import { createRequire as __specplanRequire } from 'node:module'; const require = __specplanRequire(import.meta.url);" },
    legalComments: 'linked',
    metafile: true,
    logLevel: 'warning',
  };
}
