import type { Command } from 'commander';
import { commonOptions, type CommonOpts } from '../options.js';

/** `specplan lint [PATH…]`: text or JSON findings; exit 1 when there are errors (CONTRACTS.md). */
export function register(program: Command): void {
  const cmd = program
    .command('lint')
    .description('lint features, proposals, plans, the plans index and back-references')
    .argument('[paths...]', 'files or folders to report on (default: everything)');
  commonOptions(cmd, { json: true });
  cmd.action(async (paths: string[], opts: CommonOpts) => {
    const [{ printJson }, { openState }, { lintPlans }, { formatDiagnostic }, { outputFormat, TEXT_OR_JSON }] = await Promise.all([
      import('../options.js'),
      import('../../app/workspace.js'),
      import('../../app/lint.js'),
      import('../../render/diagnostic.js'),
      import('../validate.js'),
    ]);
    const format = outputFormat(opts, TEXT_OR_JSON);
    const { repo, items, ledgerFindings } = await openState({ root: opts.root });
    const result = lintPlans(repo, paths, { cwd: process.cwd(), items, ledgerFindings });
    if (format === 'json') printJson(result);
    else {
      if (result.diagnostics.length) process.stdout.write(`${result.diagnostics.map(formatDiagnostic).join('\n')}\n`);
      const infos = result.infoCount;
      process.stderr.write(
        `${result.errorCount} error${result.errorCount === 1 ? '' : 's'}, ${result.warningCount} warning${result.warningCount === 1 ? '' : 's'}${infos ? `, ${infos} info` : ''}\n`,
      );
    }
    if (result.errorCount > 0) process.exitCode = 1;
  });
}
