import type { Command } from 'commander';
import { commonOptions, printJson, type CommonOpts } from '../options.js';

interface SyncOpts extends CommonOpts {
  provider?: string;
  model?: string;
  author?: string;
  date?: string;
  dryRun?: boolean;
}

/** `specplan sync [--dry-run] [--provider P] [--model M]`: planning.auto_create for CI after merges. */
export function register(program: Command): void {
  commonOptions(program.command('sync'), { json: true })
    .description('when planning.auto_create is true, draft a plan for each approved proposal or feature that has none (for CI after merges)')
    .option('--provider <name>', 'LLM provider: auto, anthropic, openai, none (default: planning.llm.provider)')
    .option('--model <model>', 'model name (default: planning.llm.model, else the provider default)')
    .option('--author <author>', 'Author field of the drafts', '@specplan')
    .option('--date <date>', 'Created date YYYY-MM-DD (default: today)')
    .option('--dry-run', 'list what would be drafted, without asking the model or writing anything')
    .action(async (opts: SyncOpts) => {
      const { today } = await import('../../app/clock.js');
      const { dateOption, outputFormat, TEXT_OR_JSON } = await import('../validate.js');
      const json = outputFormat(opts, TEXT_OR_JSON) === 'json';
      const date = dateOption(opts.date);
      const { sync } = await import('../../app/sync.js');
      const { formatUsage } = await import('../../render/usage.js');
      const res = await sync({
        root: opts.root,
        author: opts.author,
        today: date ?? today(),
        dryRun: opts.dryRun,
        model: { provider: opts.provider, model: opts.model },
        onUsage: (u) => process.stderr.write(`${formatUsage(u.totals, u.estimated, u.outputModes)}\n`),
      });
      if (!res.autoCreate) {
        process.stderr.write(`planning.auto_create is false${res.configFile ? ` in ${res.configFile}` : ' (no specscore.yaml)'}: nothing to do\n`);
        if (json) printJson({ autoCreate: false, drafted: [], failed: [], usage: res.usage.totals });
        return;
      }
      const failed = res.outcomes.filter((o) => o.error !== null);
      if (failed.length) process.exitCode = 1;
      for (const f of failed) process.stderr.write(`specplan: could not draft a plan for ${f.id}: ${f.error}\n`);
      if (json) {
        printJson({
          autoCreate: true,
          dryRun: opts.dryRun === true,
          drafted: res.outcomes.filter((o) => o.error === null).map((o) => ({ source: o.id, plan: o.plan, attempts: o.attempts, written: o.written })),
          failed: failed.map((o) => ({ source: o.id, error: o.error })),
          usage: res.usage.totals,
        });
        return;
      }
      if (!res.outcomes.length) process.stdout.write('every approved proposal and feature has a plan\n');
      else if (opts.dryRun)
        process.stderr.write(
          `dry run: no model was asked; a real run makes at least ${res.outcomes.length} model call${res.outcomes.length === 1 ? '' : 's'} (one per draft, more when a draft needs repair)\n`,
        );
      for (const o of res.outcomes) {
        if (o.error !== null) continue;
        process.stdout.write(
          opts.dryRun ? `would draft ${o.plan} for ${o.id}\n` : `drafted ${o.plan} for ${o.id}\n${o.written.map((f) => `  wrote ${f}\n`).join('')}`,
        );
      }
    });
}
