import type { Command } from 'commander';
import { UsageError } from '../../model/errors.js';
import { commonOptions, printJson, type CommonOpts } from '../options.js';

interface DraftOpts extends CommonOpts {
  feature?: string;
  proposal?: string;
  slug?: string;
  parent?: string;
  provider?: string;
  model?: string;
  author?: string;
  date?: string;
  dryRun?: boolean;
  roadmap?: boolean;
  allowOverlap?: boolean;
}

/** `specplan draft (--feature F | --proposal F/P) [--slug S] [--parent R | --roadmap] [--provider P] [--model M] [--author @A] [--dry-run] [--allow-overlap]`. */
export function register(program: Command): void {
  commonOptions(program.command('draft'), { json: true })
    .description('draft a plan from a feature spec or an approved proposal with an LLM; validated (schema + lint) before anything is written')
    .option('--feature <feature>', 'feature path below spec/features/, e.g. cli or chat/workflow')
    .option('--proposal <proposal>', 'approved proposal feature/slug, e.g. cli/batch-mode')
    .option('--slug <slug>', 'plan slug (default: from the feature path or proposal slug)')
    .option('--parent <roadmap>', 'draft a child plan into this roadmap')
    .option('--roadmap', 'draft a roadmap with its child plans (each a full plan) instead of a single plan')
    .option('--provider <name>', 'LLM provider: auto, anthropic, openai, none (default: planning.llm.provider)')
    .option('--model <model>', 'model name (default: planning.llm.model, else the provider default)')
    .option('--author <author>', 'Author field', '@specplan')
    .option('--date <date>', 'Created date YYYY-MM-DD (default: today)')
    .option('--dry-run', 'print the validated draft instead of writing it')
    .option('--allow-overlap', 'write the draft even when its steps repeat those of an open plan of the same feature (exit 1 otherwise)')
    .action(async (opts: DraftOpts) => {
      if ((opts.feature === undefined) === (opts.proposal === undefined)) {
        throw new UsageError(
          'pass exactly one of --feature F or --proposal F/P',
          'e.g. specplan draft --feature cli, or specplan draft --proposal cli/batch-mode',
        );
      }
      if (opts.roadmap && opts.parent !== undefined)
        throw new UsageError('--roadmap and --parent cannot be combined', 'roadmaps are top-level plans; drop one of them');
      const { dateOption, outputFormat, TEXT_OR_JSON } = await import('../validate.js');
      const json = outputFormat(opts, TEXT_OR_JSON) === 'json';
      const date = dateOption(opts.date);
      const { draft } = await import('../../app/draft.js');
      const { today } = await import('../../app/clock.js');
      const { formatUsage } = await import('../../render/usage.js');
      const source = opts.feature !== undefined ? { kind: 'feature' as const, feature: opts.feature } : { kind: 'proposal' as const, proposal: opts.proposal! };
      const result = await draft({
        root: opts.root,
        source,
        slug: opts.slug,
        parent: opts.parent,
        roadmap: opts.roadmap,
        author: opts.author,
        today: date ?? today(),
        dryRun: opts.dryRun,
        allowOverlap: opts.allowOverlap,
        model: { provider: opts.provider, model: opts.model },
        onUsage: (u) => process.stderr.write(`${formatUsage(u.totals, u.estimated, u.outputModes)}\n`),
      });
      if (result.omittedNote) process.stderr.write(`${result.omittedNote}\n`);
      const how =
        result.provider === 'none'
          ? 'as a deterministic skeleton (provider none)'
          : `with ${result.provider} ${result.model} in ${result.attempts} attempt${result.attempts === 1 ? '' : 's'}`;
      for (const n of result.notes) process.stderr.write(`note: ${n}\n`);
      for (const o of result.overlaps) process.stderr.write(`overlap (allowed): ${o}\n`);
      const what = result.children ? `${result.plan} with ${result.children.length} child plan${result.children.length === 1 ? '' : 's'}` : result.plan;
      process.stderr.write(`${opts.dryRun ? 'drafted (dry run, nothing written)' : 'drafted'} ${what} ${how}\n`);
      if (json) {
        printJson({
          plan: result.plan,
          file: result.file,
          ...(result.children ? { children: result.children } : {}),
          dryRun: opts.dryRun === true,
          provider: result.provider,
          model: result.model,
          attempts: result.attempts,
          written: result.written,
          omitted: result.omitted,
          overlaps: result.overlaps,
          usage: result.usage.totals,
          ...(opts.dryRun ? { markdown: result.markdown } : {}),
        });
      } else if (opts.dryRun) {
        process.stdout.write(result.markdown);
      } else {
        for (const f of result.written) process.stdout.write(`wrote ${f}\n`);
      }
    });
}
