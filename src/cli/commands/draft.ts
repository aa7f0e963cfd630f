import type { Command } from 'commander';
import { today } from '../../app/clock.js';
import { UsageError } from '../../model/errors.js';
import { commonOptions, printJson, wantsJson, type CommonOpts } from '../options.js';

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
}

/** `specplan draft (--feature F | --proposal F/P) [--slug S] [--parent R | --roadmap] [--provider P] [--model M] [--author @A] [--dry-run]`. */
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
    .action(async (opts: DraftOpts) => {
      if ((opts.feature === undefined) === (opts.proposal === undefined)) {
        throw new UsageError('pass exactly one of --feature F or --proposal F/P', 'e.g. specplan draft --feature cli, or specplan draft --proposal cli/batch-mode');
      }
      if (opts.roadmap && opts.parent !== undefined) throw new UsageError('--roadmap and --parent cannot be combined', 'roadmaps are top-level plans; drop one of them');
      if (opts.format !== undefined && opts.format !== 'text' && opts.format !== 'json') throw new UsageError(`unknown --format "${opts.format}"`, 'use --format text or --format json');
      const { isIsoDate } = await import('../../model/common.js');
      if (opts.date !== undefined && !isIsoDate(opts.date)) throw new UsageError(`--date "${opts.date}" is not a date`, 'use YYYY-MM-DD');
      const { openRepo } = await import('../options.js');
      const { createProvider } = await import('../../llm/select.js');
      const { formatUsage } = await import('../../llm/usage.js');
      const { readConventionDocs } = await import('../../repo/conventions.js');
      const repo = openRepo(opts);
      const { provider, usage } = await createProvider({ flag: opts.provider, model: opts.model, config: repo.config.llm });
      const source = opts.feature !== undefined ? { kind: 'feature' as const, feature: opts.feature } : { kind: 'proposal' as const, proposal: opts.proposal! };
      const common = { repo, source, provider, slug: opts.slug, author: opts.author, today: opts.date ?? today(), conventions: readConventionDocs(repo.root) };
      let result: { planPath: string; file: string; markdown: string; provider: string; model: string; attempts: number; context: { omitted: Array<{ title: string }>; omittedNote: string }; children?: Array<{ planPath: string; markdown: string }> };
      let write: () => Promise<{ written: string[]; notes: string[] }>;
      try {
        if (opts.roadmap) {
          const { draftRoadmap, writeDraftRoadmap } = await import('../../drafting/draft-roadmap.js');
          const r = await draftRoadmap(common);
          result = r;
          write = () => writeDraftRoadmap(repo.root, r);
        } else {
          const { draftPlan } = await import('../../drafting/draft-plan.js');
          const { writeDraftPlan } = await import('../../app/write-draft.js');
          const r = await draftPlan({ ...common, parent: opts.parent });
          result = r;
          write = () => writeDraftPlan(repo.root, r);
        }
      } finally {
        process.stderr.write(`${formatUsage(usage.totals(), usage.estimated)}\n`);
      }
      if (result.context.omittedNote) process.stderr.write(`${result.context.omittedNote}\n`);
      const how = result.provider === 'none' ? 'as a deterministic skeleton (provider none)' : `with ${result.provider} ${result.model} in ${result.attempts} attempt${result.attempts === 1 ? '' : 's'}`;
      const { written, notes } = opts.dryRun ? { written: [], notes: [] } : await write();
      for (const n of notes) process.stderr.write(`note: ${n}\n`);
      const what = result.children ? `${result.planPath} with ${result.children.length} child plan${result.children.length === 1 ? '' : 's'}` : result.planPath;
      process.stderr.write(`${opts.dryRun ? 'drafted (dry run, nothing written)' : 'drafted'} ${what} ${how}\n`);
      const markdown = [result.markdown, ...(result.children ?? []).map((c) => c.markdown)].join('\n---\n\n');
      if (wantsJson(opts)) {
        printJson({
          plan: result.planPath,
          file: result.file,
          ...(result.children ? { children: result.children.map((c) => c.planPath) } : {}),
          dryRun: opts.dryRun === true,
          provider: result.provider,
          model: result.model,
          attempts: result.attempts,
          written,
          omitted: result.context.omitted.map((o) => o.title),
          usage: usage.totals(),
          ...(opts.dryRun ? { markdown } : {}),
        });
      } else if (opts.dryRun) {
        process.stdout.write(markdown);
      } else {
        for (const f of written) process.stdout.write(`wrote ${f}\n`);
      }
    });
}
