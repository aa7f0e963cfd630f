import type { Command } from 'commander';
import { commonOptions, printJson, wantsJson, type CommonOpts } from '../options.js';

/** `specplan status [PLAN]`: derived status, progress `N/M steps`, blockers, roadmap roll-up. */
export function register(program: Command): void {
  const cmd = program
    .command('status [plan]')
    .description('show derived status, progress (N/M steps), blockers and completion dates; a roadmap rolls up its child plans');
  commonOptions(cmd, { json: true }).action(async (plan: string | undefined, o: CommonOpts) => {
    const [{ statusViews }, { statusText }, { openRepo }, { loadExecution }, { checkSpecPath }, { UsageError }] = await Promise.all([
      import('../../analysis/status.js'),
      import('../../render/status-text.js'),
      import('../options.js'),
      import('../../repo/execution.js'),
      import('../../model/paths.js'),
      import('../../model/errors.js'),
    ]);
    const repo = openRepo(o);
    const only = plan === undefined ? undefined : checkSpecPath('plan', plan);
    if (only && !repo.plans.has(only)) throw new UsageError(`plan ${only} does not exist`, 'run `specplan status` to list the plans');
    const execution = await loadExecution(repo.root);
    for (const f of execution.findings) process.stderr.write(`specplan: warning: ${f.file}:${f.line}: ${f.message}\n`);
    const views = statusViews(repo, execution.items, only);
    if (wantsJson(o)) printJson({ plans: views });
    else process.stdout.write(statusText(views, { detail: only !== undefined }));
  });
}
