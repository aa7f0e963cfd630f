import { lintWorkspace } from '../../app/lint.js';
import { formatDiagnostic } from '../../render/diagnostic.js';
import { printJson, type CommonOpts } from '../options.js';
import { outputFormat, TEXT_OR_JSON } from '../validate.js';

/** What `specplan lint [PATH…]` runs: text or JSON findings; exit 1 when there are errors (CONTRACTS.md). */
export async function runLint(paths: string[], opts: CommonOpts): Promise<void> {
  const format = outputFormat(opts, TEXT_OR_JSON);
  const { result } = await lintWorkspace({ root: opts.root, cwd: process.cwd(), paths });
  if (format === 'json') printJson(result);
  else {
    if (result.diagnostics.length) process.stdout.write(`${result.diagnostics.map(formatDiagnostic).join('\n')}\n`);
    const infos = result.infoCount;
    process.stderr.write(
      `${result.errorCount} error${result.errorCount === 1 ? '' : 's'}, ${result.warningCount} warning${result.warningCount === 1 ? '' : 's'}${infos ? `, ${infos} info` : ''}\n`,
    );
  }
  if (result.errorCount > 0) process.exitCode = 1;
}
