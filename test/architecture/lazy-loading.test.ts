import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Metafile } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import { bundleOptions, quickBundleOptions, writingBundleOptions } from '../../scripts/bundle-options.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Packages and folders a command loads only when it reaches them. */
const HEAVY = ['node_modules/remark', 'node_modules/@modelcontextprotocol/', 'node_modules/@anthropic-ai/', 'node_modules/openai/', 'src/interop/'];

let meta: Metafile;
let quickMeta: Metafile;
let writingMeta: Metafile;

beforeAll(async () => {
  const [result, quick, writing] = await Promise.all([
    build({ ...bundleOptions(ROOT, path.join(ROOT, 'dist-check')), write: false, legalComments: 'none' }),
    build({ ...quickBundleOptions(ROOT, path.join(ROOT, 'dist-check')), write: false, legalComments: 'none' }),
    build({ ...writingBundleOptions(ROOT, path.join(ROOT, 'dist-check')), write: false, legalComments: 'none' }),
  ]);
  meta = result.metafile;
  quickMeta = quick.metafile;
  writingMeta = writing.metafile;
}, 120_000);

/** An output and every output it imports statically (what loading it loads). */
function staticOutputs(output: string, m: Metafile = meta): string[] {
  const seen = new Set<string>();
  const stack = [output];
  while (stack.length) {
    const f = stack.pop()!;
    if (seen.has(f)) continue;
    seen.add(f);
    for (const i of m.outputs[f]!.imports) if (i.kind === 'import-statement' && !i.external) stack.push(i.path);
  }
  return [...seen];
}

/** Source files of an output and of every output it imports statically (what loading it loads). */
function staticInputs(output: string): string[] {
  return staticOutputs(output).flatMap((f) => Object.keys(meta.outputs[f]!.inputs));
}

/** The output whose entry (a bin, or a module loaded with import()) is `source`. */
function outputOf(source: string, m: Metafile = meta): string {
  const hit = Object.keys(m.outputs).find((f) => m.outputs[f]!.entryPoint === source);
  if (!hit) throw new Error(`${source} is not loaded on its own`);
  return hit;
}

describe('each bin loads only what a command needs', () => {
  it('specplan --version loads no package and no command', () => {
    const inputs = staticInputs(outputOf('src/cli/specplan.ts'));
    expect(inputs.filter((i) => i.includes('node_modules/') || i.includes('src/cli/commands/'))).toEqual([]);
  });

  it('registering every command (what --help does) loads neither zod, yaml, git nor any heavy package', () => {
    const inputs = staticInputs(outputOf('src/cli/main.ts'));
    expect(inputs.filter((i) => i.startsWith('src/cli/commands/')).length).toBeGreaterThan(15);
    const loaded = inputs.filter((i) => /node_modules\/(zod|yaml|simple-git)\//.test(i) || HEAVY.some((h) => i.includes(h)));
    expect(loaded).toEqual([]);
  });

  it.each(['src/cli/commands/lint-run.ts', 'src/cli/commands/status-run.ts', 'src/cli/commands/check-frozen-run.ts', 'src/app/workspace.ts'])(
    '%s loads no remark, MCP SDK, LLM SDK or interop code',
    (source) => {
      const heavy = staticInputs(outputOf(source)).filter((i) => HEAVY.some((h) => i.includes(h)));
      expect(heavy).toEqual([]);
    },
  );

  it.each(['src/cli/commands/lint-run.ts', 'src/cli/commands/status-run.ts', 'src/cli/commands/check-frozen-run.ts', 'src/app/workspace.ts'])(
    '%s loads neither zod nor yaml: the configuration, the ledger and the approvals are parsed by modules loaded when their file exists',
    (source) => {
      const loaded = staticInputs(outputOf(source)).filter((i) => /node_modules\/(zod|yaml)\//.test(i));
      expect(loaded).toEqual([]);
    },
  );

  it("whats-next up to its no-change check loads neither zod, yaml nor git's library, and no specplan command", () => {
    const command = staticInputs(outputOf('src/cli/commands/whats-next.ts'));
    expect(command.filter((i) => i.startsWith('src/cli/commands/'))).toEqual(['src/cli/commands/whats-next.ts']);
    const useCase = staticInputs(outputOf('src/app/whats-next.ts'));
    expect(useCase).toContain('src/app/whats-next-quick-check.ts');
    const loaded = [...command, ...useCase].filter((i) => /node_modules\/(zod|yaml|simple-git)\//.test(i) || HEAVY.some((h) => i.includes(h)));
    expect(loaded).toEqual([]);
  });

  it.each(['src/cli/commands/lint-run.ts', 'src/cli/commands/status-run.ts', 'src/cli/commands/check-frozen-run.ts', 'src/app/workspace.ts'])(
    '%s loads no git library: the trailers and the staged files are read by running git itself',
    (source) => {
      const loaded = staticInputs(outputOf(source)).filter((i) => i.includes('node_modules/simple-git/'));
      expect(loaded).toEqual([]);
    },
  );

  it('the specplan bin leaves the quick and the writing commands to their own bundles, loaded as ./quick.js and ./writing.js', () => {
    const bin = outputOf('src/cli/specplan.ts');
    expect(meta.outputs[bin]!.imports.filter((i) => i.external).map((i) => i.path)).toEqual(['./quick.js', './writing.js']);
    expect(Object.keys(meta.inputs).some((i) => i.endsWith('src/cli/quick.ts') || i.endsWith('src/cli/writing.ts'))).toBe(false);
  });

  it('the writing bundle: new loads under 30 files, and what each writing command runs loads no zod, yaml, git library or heavy package', () => {
    const entry = outputOf('src/cli/writing.ts', writingMeta);
    // What `new` loads: the bundle and what its action imports (commands/new.ts).
    const forNew = new Set(
      [entry, ...['src/app/new.ts', 'src/app/workspace.ts', 'src/cli/write-report.ts', 'src/cli/validate.ts'].map((s) => outputOf(s, writingMeta))].flatMap(
        (o) => staticOutputs(o, writingMeta),
      ),
    );
    expect(forNew.size).toBeLessThan(30);
    // (`snapshot` records HEAD, with the git library, in the current SpecScore format's plans.)
    for (const source of ['src/app/new.ts', 'src/app/transition.ts', 'src/app/report.ts', 'src/app/index.ts', 'src/app/hooks.ts']) {
      const inputs = staticOutputs(outputOf(source, writingMeta), writingMeta).flatMap((f) => Object.keys(writingMeta.outputs[f]!.inputs));
      expect([source, inputs.filter((i) => /node_modules\/(zod|yaml|simple-git)\//.test(i) || HEAVY.some((h) => i.includes(h)))]).toEqual([source, []]);
    }
  });

  it('the quick bundle (lint, status, check-frozen) loads a handful of files and no zod, yaml, git library or heavy package', () => {
    const entry = Object.keys(quickMeta.outputs).find((f) => quickMeta.outputs[f]!.entryPoint === 'src/cli/quick.ts')!;
    const outputs = staticOutputs(entry, quickMeta);
    // Modules shared with what it loads only when a file needs it (the YAML reader, the schemas, git) sit in chunks of their own.
    expect(outputs.length).toBeLessThanOrEqual(12);
    const inputs = outputs.flatMap((f) => Object.keys(quickMeta.outputs[f]!.inputs));
    for (const run of ['lint-run', 'status-run', 'check-frozen-run']) expect(inputs).toContain(`src/cli/commands/${run}.ts`);
    expect(inputs.filter((i) => /node_modules\/(zod|yaml|simple-git)\//.test(i) || HEAVY.some((h) => i.includes(h)))).toEqual([]);
  });

  // What the write commands load when they run (their registration is checked above): new, submit,
  // approve, revise, supersede and the other transitions, report, index, hooks install, whats-next
  // --full, and the unit of work they all write through.
  const WRITERS = [
    'src/cli/write-report.ts',
    'src/cli/validate.ts',
    'src/app/new.ts',
    'src/app/transition.ts',
    'src/app/report.ts',
    'src/app/index.ts',
    'src/app/hooks.ts',
    'src/app/unit-of-work.ts',
    'src/whats-next/generate.ts',
    'src/app/llm.ts',
    'src/repo/raw-prints.ts',
    'src/repo/tracked-print.ts',
  ];

  it.each(WRITERS)(
    '%s loads neither zod, yaml nor the git library: the configuration, a journal, the approvals, a previous report and git are loaded when they are there',
    (source) => {
      const loaded = staticInputs(outputOf(source)).filter((i) => /node_modules\/(zod|yaml|simple-git)\//.test(i) || HEAVY.some((h) => i.includes(h)));
      expect(loaded).toEqual([]);
    },
  );

  it.each([
    'src/repo/config.ts',
    'src/repo/yaml-text.ts',
    'src/model/execution.ts',
    'src/lifecycle/approvals.ts',
    'src/repo/journal-schema.ts',
    'src/repo/git.ts',
    'src/repo/git-baseline.ts',
    'src/parse/whats-next.ts',
    'src/whats-next/prose.ts',
  ])('%s is loaded on its own, when needed', (source) => {
    expect(() => outputOf(source)).not.toThrow();
  });
});
