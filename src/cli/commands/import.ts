import type { Command } from 'commander';
import { UsageError } from '../../model/errors.js';
import { commonOptions, printJson, wantsJson, type CommonOpts } from '../options.js';

interface ImportOpts extends CommonOpts {
  from?: string;
  feature?: string;
  proposal?: string;
  slug?: string;
  parent?: string;
  author?: string;
  provider?: string;
  model?: string;
  date?: string;
  dryRun?: boolean;
}

/** `specplan import FILE --from execplan|speckit|execution-plan (--feature F | --proposal F/P) [--slug S] [--author @A] [--dry-run]`. */
export function register(program: Command): void {
  commonOptions(program.command('import <file>'), { json: true })
    .description('convert an ExecPlan, a spec-kit implementation plan or an execution plan into a draft SpecScore plan (what cannot be mapped is listed)')
    .option('--from <format>', 'source format: execplan, speckit or execution-plan')
    .option('--feature <feature>', 'affected feature below spec/features/, e.g. cli or chat/workflow')
    .option('--proposal <proposal>', 'approved proposal feature/slug the plan implements')
    .option('--slug <slug>', 'plan slug (default: the source\'s slug or title)')
    .option('--parent <roadmap>', 'import as a child plan of this roadmap')
    .option('--author <author>', 'Author field (default: the source\'s author, else @specplan)')
    .option('--provider <name>', 'LLM for prose-only sources: auto, anthropic, openai, none (default: planning.llm.provider)')
    .option('--model <model>', 'model name for --provider')
    .option('--date <date>', 'Created date YYYY-MM-DD (default: today)')
    .option('--dry-run', 'print the plan instead of writing it')
    .action(async (file: string, opts: ImportOpts) => {
      const { IMPORT_FORMATS } = await import('../../interop/types.js');
      if (!opts.from || !(IMPORT_FORMATS as readonly string[]).includes(opts.from)) {
        throw new UsageError(opts.from ? `unknown --from "${opts.from}"` : 'missing --from', `pass --from ${IMPORT_FORMATS.join(' | ')}`);
      }
      if ((opts.feature === undefined) === (opts.proposal === undefined)) {
        throw new UsageError('pass exactly one of --feature F or --proposal F/P', 'the plan lists the feature it touches, e.g. --feature cli');
      }
      if (opts.format !== undefined && opts.format !== 'text' && opts.format !== 'json') throw new UsageError(`unknown --format "${opts.format}"`, 'use --format text or --format json');
      const { isIsoDate } = await import('../../model/common.js');
      if (opts.date !== undefined && !isIsoDate(opts.date)) throw new UsageError(`--date "${opts.date}" is not a date`, 'use YYYY-MM-DD');
      const { readSourceFile } = await import('../../repo/source-file.js');
      const { findRoot } = await import('../../repo/root.js');
      const { loadConfig } = await import('../../repo/config.js');
      const { createProvider } = await import('../../llm/select.js');
      const { importPlan, ImportProblem } = await import('../../app/import.js');
      const { formatImportReport } = await import('../../interop/import-report.js');
      const root = findRoot(opts.root);
      const src = readSourceFile(root, file);
      const { config } = loadConfig(root);
      let usage: { totals(): unknown } | null = null;
      const provider = async () => {
        const selected = await createProvider({ flag: opts.provider, model: opts.model, config: config.llm });
        usage = selected.usage;
        return selected.provider;
      };
      const json = wantsJson(opts);
      try {
        const result = await importPlan({
          root,
          text: src.text,
          sourceLabel: src.label,
          from: opts.from as (typeof IMPORT_FORMATS)[number],
          source: opts.feature !== undefined ? { kind: 'feature', feature: opts.feature } : { kind: 'proposal', proposal: opts.proposal! },
          slug: opts.slug,
          parent: opts.parent,
          author: opts.author,
          today: opts.date ?? (await import('../../app/clock.js')).today(),
          dryRun: opts.dryRun,
          provider,
        });
        process.stderr.write(formatImportReport(result));
        if (json) printJson({ ok: true, ...result, markdown: opts.dryRun ? result.markdown : undefined });
        else if (opts.dryRun) process.stdout.write(result.markdown);
        else for (const f of result.written) process.stdout.write(`wrote ${f}\n`);
      } catch (e) {
        if (e instanceof ImportProblem) {
          process.stderr.write(formatImportReport({ unmapped: e.unmapped, notes: e.notes }));
          if (json) printJson({ ok: false, error: e.message, unmapped: e.unmapped, notes: e.notes, usage: (usage as { totals(): unknown } | null)?.totals() ?? null });
        }
        throw e;
      }
    });
}
