import type { Command } from 'commander';
import type { FileChange } from '../../model/file-change.js';
import { commonOptions, type CommonOpts } from '../options.js';

interface IndexOpts extends CommonOpts {
  check?: boolean;
}

// 1-based number of the first line where two texts differ.
function firstDifferentLine(before: string | null, after: string): number {
  if (before === null) return 1;
  const a = before.split('\n');
  const b = after.split('\n');
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i + 1;
}

function describe(c: FileChange): string {
  if (c.before === null) return `${c.file}:1: missing; expected it to be generated`;
  const what = c.file.endsWith('spec/plans/README.md') ? 'plans index differs from the plans' : '"## Plans" table differs from the plans listing this feature';
  return `${c.file}:${firstDifferentLine(c.before, c.content)}: ${what}`;
}

/**
 * `specplan index [--check]`: regenerate the plans index and feature Plans tables, or report
 * drift. Refuses (exit 2, nothing written) while any document they are built from cannot be read.
 */
export function register(program: Command): void {
  const cmd = program
    .command('index')
    .description("rewrite spec/plans/README.md and every feature's ## Plans table from the plans")
    .option('--check', 'only report drift (exit 1 when a file would change); write nothing');
  commonOptions(cmd, { json: true });
  cmd.action(async (opts: IndexOpts) => {
    const [{ updateIndex }, { resolveRoot }, { printJson }, { outputFormat, TEXT_OR_JSON }] = await Promise.all([
      import('../../app/index.js'),
      import('../../app/workspace.js'),
      import('../options.js'),
      import('../validate.js'),
    ]);
    const json = outputFormat(opts, TEXT_OR_JSON) === 'json';
    const check = opts.check === true;
    const out = await updateIndex(resolveRoot({ root: opts.root }), { check });
    const ledger = out.result.filter((f) => f.rule !== 'index/features');
    const missing = out.result.filter((f) => f.rule === 'index/features');
    for (const f of ledger)
      process.stderr.write(`specplan: ${f.file}:${f.line}: ${f.message} (progress ignores ${f.rule === 'ledger/item' ? 'this item' : 'the ledger'})\n`);
    // Not drift (regenerating keeps them while a plan names them): reported, and failed by lint.
    for (const f of missing) process.stderr.write(`specplan: ${f.file}:${f.line}: ${f.message}; fix the plan's Features\n`);
    const { changes, written } = out;
    if (check) {
      if (json) printJson({ check: true, changed: changes.map((c) => c.file) });
      else if (changes.length) process.stdout.write(`${changes.map(describe).join('\n')}\n`);
      if (changes.length) {
        process.stderr.write(`${changes.length} file${changes.length === 1 ? '' : 's'} out of date; run "specplan index" to update\n`);
        process.exitCode = 1;
      } else if (!json) process.stderr.write('plans index and feature Plans tables are up to date\n');
      return;
    }
    if (json) printJson({ check: false, changed: written });
    else {
      for (const f of out.recovered) process.stdout.write(`finished an interrupted earlier write: ${f}\n`);
      for (const f of out.recoverySkipped) process.stdout.write(`note: an interrupted earlier write was not finished for ${f}: it changed since; check it\n`);
      if (written.length) process.stdout.write(`${written.map((f) => `updated ${f}`).join('\n')}\n`);
      else process.stderr.write('plans index and feature Plans tables are up to date\n');
    }
  });
}
