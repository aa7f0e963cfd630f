import type { Command } from 'commander';
import { UsageError } from '../../model/errors.js';
import type { ImportPlanResult } from '../../app/import.js';
import type { ImportFormat } from '../../model/interop-formats.js';
import { commonOptions, printJson, type CommonOpts } from '../options.js';

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

/** The stderr report of an import: what was written, lint findings, notes, and everything not mapped. */
function importReport(r: Partial<ImportPlanResult> & Pick<ImportPlanResult, 'unmapped' | 'notes'>): string {
  const out: string[] = [];
  if (r.plan) {
    const how = r.mappedBy === 'structure' || r.mappedBy === undefined ? 'from its structure' : `drafted by ${r.mappedBy}${r.model ? ` (${r.model})` : ''}`;
    out.push(
      `${r.dryRun ? 'would import (dry run, nothing written)' : 'imported'} ${r.file}: ${r.steps} steps${r.subSteps ? ` (${r.subSteps} sub-steps)` : ''}, ${r.acceptanceCriteria} acceptance criteria, ${how}`,
    );
    if (r.ledger?.length)
      out.push(
        `ledger: ${r.ledger.length} item${r.ledger.length === 1 ? '' : 's'} from the source's checkboxes ${r.dryRun ? 'would be merged' : 'merged'} into .specscore/work-items.yaml`,
      );
    if (r.usage && r.usage.llmCalls) out.push(`llm: ${r.usage.llmCalls} calls, ${r.usage.inputTokens} input tokens, ${r.usage.outputTokens} output tokens`);
    if (r.lint && (r.lint.errorCount || r.lint.warningCount)) {
      out.push(`lint: ${r.lint.errorCount} errors, ${r.lint.warningCount} warnings`);
      for (const d of r.lint.diagnostics) out.push(`  ${d.file}:${d.line}:${d.column} ${d.severity} ${d.rule} ${d.message}`);
    }
  }
  if (r.notes.length) {
    out.push('notes:');
    for (const n of r.notes) out.push(`  - ${n}`);
  }
  if (r.unmapped.length) {
    out.push(`not mapped (${r.unmapped.length}), kept only in the source:`);
    for (const u of r.unmapped) out.push(`  line ${u.line}${u.section ? ` [${u.section}]` : ''} ${u.text}: ${u.reason}`);
  } else if (r.plan) out.push('everything in the source was mapped');
  return out.length ? `${out.join('\n')}\n` : '';
}

/** `specplan import FILE --from execplan|speckit|execution-plan (--feature F | --proposal F/P) [--slug S] [--author @A] [--dry-run]`. */
export function register(program: Command): void {
  commonOptions(program.command('import <file>'), { json: true })
    .description('convert an ExecPlan, a spec-kit implementation plan or an execution plan into a draft SpecScore plan (what cannot be mapped is listed)')
    .option('--from <format>', 'source format: execplan, speckit or execution-plan')
    .option('--feature <feature>', 'affected feature below spec/features/, e.g. cli or chat/workflow')
    .option('--proposal <proposal>', 'approved proposal feature/slug the plan implements')
    .option('--slug <slug>', "plan slug (default: the source's slug or title)")
    .option('--parent <roadmap>', 'import as a child plan of this roadmap')
    .option('--author <author>', "Author field (default: the source's author, else @specplan)")
    .option('--provider <name>', 'LLM for prose-only sources: auto, anthropic, openai, none (default: planning.llm.provider)')
    .option('--model <model>', 'model name for --provider')
    .option('--date <date>', 'Created date YYYY-MM-DD (default: today)')
    .option('--dry-run', 'print the plan instead of writing it')
    .action(async (file: string, opts: ImportOpts) => {
      const { IMPORT_FORMATS } = await import('../../model/interop-formats.js');
      if (!opts.from || !(IMPORT_FORMATS as readonly string[]).includes(opts.from)) {
        throw new UsageError(opts.from ? `unknown --from "${opts.from}"` : 'missing --from', `pass --from ${IMPORT_FORMATS.join(' | ')}`);
      }
      if ((opts.feature === undefined) === (opts.proposal === undefined)) {
        throw new UsageError('pass exactly one of --feature F or --proposal F/P', 'the plan lists the feature it touches, e.g. --feature cli');
      }
      const { dateOption, outputFormat, TEXT_OR_JSON } = await import('../validate.js');
      const json = outputFormat(opts, TEXT_OR_JSON) === 'json';
      const date = dateOption(opts.date);
      const { importPlan, ImportProblem, readImportSource } = await import('../../app/import.js');
      const { resolveRoot } = await import('../../app/workspace.js');
      const root = resolveRoot(opts);
      const src = readImportSource(root, file);
      let usage: unknown = null;
      try {
        const result = await importPlan({
          root,
          text: src.text,
          sourceLabel: src.label,
          from: opts.from as ImportFormat,
          source: opts.feature !== undefined ? { kind: 'feature', feature: opts.feature } : { kind: 'proposal', proposal: opts.proposal! },
          slug: opts.slug,
          parent: opts.parent,
          author: opts.author,
          today: date ?? (await import('../../app/clock.js')).today(),
          dryRun: opts.dryRun,
          model: { provider: opts.provider, model: opts.model },
          onUsage: (u) => {
            usage = u.totals;
          },
        });
        process.stderr.write(importReport(result));
        if (json) printJson({ ok: true, ...result, markdown: opts.dryRun ? result.markdown : undefined });
        else if (opts.dryRun) process.stdout.write(result.markdown);
        else for (const f of result.written) process.stdout.write(`wrote ${f}\n`);
      } catch (e) {
        if (e instanceof ImportProblem) {
          process.stderr.write(importReport({ unmapped: e.unmapped, notes: e.notes }));
          if (json) printJson({ ok: false, error: e.message, unmapped: e.unmapped, notes: e.notes, usage });
        }
        throw e;
      }
    });
}
