import type { Command } from 'commander';
import { commonOptions, printJson, type CommonOpts } from '../options.js';

/** `specplan status [PLAN]`: derived status, progress `N/M steps`, blockers, roadmap roll-up. */
export function register(program: Command): void {
  const cmd = program
    .command('status [plan]')
    .description('show derived status, progress (N/M steps), blockers and completion dates; a roadmap rolls up its child plans');
  commonOptions(cmd, { json: true }).action(async (plan: string | undefined, o: CommonOpts) => {
    const [{ planStatus }, { statusText, formatLine }, { outputFormat, TEXT_OR_JSON }] = await Promise.all([
      import('../../app/status.js'),
      import('../../render/status-text.js'),
      import('../validate.js'),
    ]);
    const format = outputFormat(o, TEXT_OR_JSON);
    const status = await planStatus({ root: o.root, plan });
    for (const f of status.ledgerFindings) process.stderr.write(`specplan: warning: ${f.file}:${f.line}: ${f.message}\n`);
    if (format === 'json') printJson({ plans: status.views, format: status.format });
    else {
      // Seed-format repositories print as they always have; the current format says so first.
      if (status.format.format === 'specscore') process.stdout.write(`${formatLine(status.format)}\n`);
      process.stdout.write(statusText(status.views, { detail: plan !== undefined }));
    }
  });
}
