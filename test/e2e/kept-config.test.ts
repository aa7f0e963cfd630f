/**
 * The quick commands on a repository with a configuration file (the later format's corpus has a
 * specscore.yaml): a lint parses it and keeps what it parsed (a check does not); a later run, the
 * file unchanged, loads neither the YAML reader nor zod, and prints the same bytes as a run with
 * the caches off.
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect } from 'vitest';
import { buildAll, runBuilt, type Built } from '../support/cli.js';
import { corpus } from '../support/corpus.js';
import { corpusCheckout } from '../support/git.js';
import { removeRepo, tempDir } from '../support/repo.js';

const SPECSCORE = corpus('specscore-spec');
let built: Built;
let root = '';
let hooks = '';

beforeAll(() => {
  if (!SPECSCORE.present) return;
  built = buildAll();
  root = corpusCheckout(SPECSCORE.root, 'specplan-kept-config-');
  // Preloaded into each run: records the file of every module it loads.
  hooks = tempDir('specplan-kept-config-hooks-');
  const resolveHook = `import { appendFileSync } from 'node:fs';
export async function resolve(specifier, context, next) {
  const r = await next(specifier, context);
  if (r.url.startsWith('file:')) appendFileSync(process.env.MODULE_LOG, r.url + '\\n');
  return r;
}`;
  writeFileSync(
    path.join(hooks, 'register.mjs'),
    `import { register } from 'node:module';\nregister(${JSON.stringify(`data:text/javascript,${encodeURIComponent(resolveHook)}`)});\n`,
  );
}, 180_000);
afterAll(() => {
  if (root) removeRepo(root);
  if (hooks) removeRepo(hooks);
});

let runs = 0;

/** One run of the built CLI: its outcome and whether any module it loaded bundles the YAML reader or zod. */
async function run(args: string[], cache: '0' | '1') {
  const log = path.join(hooks, `modules-${runs++}.log`);
  writeFileSync(log, '');
  const env = { ...process.env, SPECPLAN_TODAY: '2026-03-02', SPECPLAN_CACHE: cache, MODULE_LOG: log };
  const r = await runBuilt(built.specplan, args, { cwd: root, env, timeoutMs: 60_000, nodeArgs: ['--import', path.join(hooks, 'register.mjs')] });
  const files = [...new Set(readFileSync(log, 'utf8').split('\n').filter(Boolean))].map((url) => fileURLToPath(url));
  // esbuild names each bundled package's files in a comment (`// node_modules/yaml/dist/...`).
  const heavy = files.filter((f) => /\/\/ node_modules\/(yaml|zod)\//.test(readFileSync(f, 'utf8'))).map((f) => path.basename(f));
  return { outcome: { code: r.code, stdout: r.stdout, stderr: r.stderr }, heavy };
}

SPECSCORE.it(
  'a run whose configuration file is unchanged loads neither yaml nor zod, and prints what a run with the caches off prints',
  async () => {
    const commands = [
      ['lint', '--format', 'json'],
      ['status', '--format', 'json'],
      ['check-frozen', '--staged'],
    ];
    const off = new Map<string, Awaited<ReturnType<typeof run>>['outcome']>();
    for (const args of commands) {
      const r = await run(args, '0');
      expect(r.heavy.length, `${args.join(' ')}: the configuration is parsed`).toBeGreaterThan(0);
      off.set(args.join(' '), r.outcome);
    }
    // A check keeps nothing: the next run parses the file again.
    const kept = path.join(root, '.specscore/cache/config');
    rmSync(path.join(root, '.specscore/cache'), { recursive: true, force: true });
    expect((await run(['check-frozen', '--staged'], '1')).heavy.length).toBeGreaterThan(0);
    expect(existsSync(kept)).toBe(false);
    // A lint keeps it.
    const first = await run(['lint', '--format', 'json'], '1');
    expect(first.heavy.length).toBeGreaterThan(0);
    expect(first.outcome).toEqual(off.get('lint --format json'));
    expect(existsSync(kept)).toBe(true);
    for (const args of commands) {
      const r = await run(args, '1');
      expect(r.heavy, args.join(' ')).toEqual([]);
      expect(r.outcome).toEqual(off.get(args.join(' ')));
    }
  },
  180_000,
);
