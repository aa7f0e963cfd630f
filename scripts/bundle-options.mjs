/**
 * The esbuild options that bundle each bin (shared by the build and by the tests that build the
 * package or check what each command loads). Two builds write into the same `outdir`:
 *
 * - `bundleOptions`: `specplan.js`, `whats-next.js` and their split chunks in `chunks/`;
 * - `quickBundleOptions`: `quick.js`, the commands run on every commit or save (lint, status,
 *   check-frozen) with everything they run in one file, plus the few chunks they load only when
 *   a file needs them (the YAML reader, the schemas, the git library) in `quick-chunks/`.
 *   `specplan.js` loads it with `import('./quick.js')`, left as it is by the first build;
 * - `writingBundleOptions`: `writing.js`, the commands that write (`new`, the status
 *   transitions, `report`, `index`, `hooks`), their chunks in `writing-chunks/`, loaded by
 *   `specplan.js` with `import('./writing.js')`.
 *
 * The builds share no module: each error class, for one, exists once in each.
 */
import { randomBytes } from 'node:crypto';

// One id per build, the same in both bundles: the document cache is keyed by it
// (src/repo/cache-file.ts), so the commands of both share one cache.
const BUILD_ID = `${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`;

const common = {
  define: { __SPECPLAN_BUILD__: JSON.stringify(BUILD_ID) },
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

/** The bundle of every command: `specplan.js`, `whats-next.js`, `chunks/`. */
export function bundleOptions(root, outdir) {
  return {
    ...common,
    absWorkingDir: root,
    entryPoints: { specplan: 'src/cli/specplan.ts', 'whats-next': 'src/cli/whats-next.ts' },
    outdir,
    chunkNames: 'chunks/[name]-[hash]',
    // `import('./quick.js')` and `import('./writing.js')` in the specplan bin name the bundles
    // built on their own.
    external: ['./quick.js', './writing.js'],
  };
}

/** A group of commands bundled on its own: `src/cli/NAME.ts` as `NAME.js`, its chunks in `NAME-chunks/`. */
function groupBundleOptions(root, outdir, name) {
  return {
    ...common,
    absWorkingDir: root,
    entryPoints: { [name]: `src/cli/${name}.ts` },
    outdir,
    chunkNames: `${name}-chunks/[name]-[hash]`,
  };
}

/** The quick commands' bundle: `quick.js`, `quick-chunks/`. */
export function quickBundleOptions(root, outdir) {
  return groupBundleOptions(root, outdir, 'quick');
}

/** The writing commands' bundle: `writing.js`, `writing-chunks/`. */
export function writingBundleOptions(root, outdir) {
  return groupBundleOptions(root, outdir, 'writing');
}

/** Every bundle the build writes into `outdir`, and the chunk folders each build starts by emptying. */
export function allBundleOptions(root, outdir) {
  return [bundleOptions(root, outdir), quickBundleOptions(root, outdir), writingBundleOptions(root, outdir)];
}
export const CHUNK_FOLDERS = ['chunks', 'quick-chunks', 'writing-chunks'];
