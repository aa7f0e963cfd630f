import { addExamples } from '../examples.js';
import { Command, Option } from 'commander';
import { UsageError } from '../../model/errors.js';
import { outputFormat, TEXT_OR_JSON } from '../validate.js';
import { packageVersion } from '../../app/package-version.js';
import { formatUsage } from '../../render/usage.js';
import { commandLine } from '../hint.js';
import { reportError } from '../program.js';

interface WhatsNextFlags {
  incremental?: boolean;
  full?: boolean;
  dryRun?: boolean;
  check?: boolean;
  commit?: boolean;
  json?: boolean;
  format?: string;
  provider?: string;
  model?: string;
  root?: string;
}

function program(): Command {
  return new Command('whats-next')
    .description('Regenerate spec/plans/WHATS-NEXT.md: what to work on next, ranked and explained')
    .addOption(
      new Option('--incremental', 'update from the previous report and the changes since (default when planning.whats_next is incremental)').conflicts('full'),
    )
    .option('--full', 'rebuild every section from scratch')
    .option('--dry-run', 'print the report instead of writing it')
    .option('--check', 'exit 1 when WHATS-NEXT.md is out of date (for CI); writes nothing, calls no model')
    .option('--commit', 'commit WHATS-NEXT.md with git (only that file)')
    .option('--json', 'print the structured report with token usage as JSON')
    .option('--format <format>', 'output format: text or json', 'text')
    .option('--provider <name>', 'LLM provider: auto, anthropic, openai, none')
    .option('--model <model>', 'model name (provider default when empty)')
    .option('--root <dir>', 'spec repository root (default: walk up from the current directory)')
    .version(packageVersion(), '-V, --version')
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s), writeOut: (s) => process.stdout.write(s) })
    .showHelpAfterError('(run with --help for usage)');
}

/**
 * The `whats-next` bin (CONTRACTS.md): `[--incremental|--full] [--dry-run] [--check] [--commit]
 * [--json] [--provider P] [--model M] [--root DIR]`. Returns the exit code: 0 done or up to date,
 * 1 `--check` found the file out of date, 2 bad usage or an unreadable repository.
 */
export async function runWhatsNext(argv: string[]): Promise<number> {
  try {
    const cmd = program();
    addExamples(cmd);
    cmd.parse(argv, { from: 'user' });
    const o = cmd.opts<WhatsNextFlags>();
    const json = outputFormat(o, TEXT_OR_JSON) === 'json';
    if (o.check && (o.commit || o.dryRun))
      throw new UsageError('--check cannot be combined with --commit or --dry-run', 'run --check alone in CI, and regenerate separately');
    if (o.dryRun && o.commit) throw new UsageError('--dry-run cannot be combined with --commit', 'drop one of them');
    const { runWhatsNextUpdate } = await import('../../app/whats-next.js');
    const run = await runWhatsNextUpdate({
      root: o.root,
      mode: o.full ? 'full' : o.incremental ? 'incremental' : 'auto',
      dryRun: o.dryRun,
      check: o.check,
      commit: o.commit,
      model: { provider: o.provider, model: o.model },
      json,
    });
    for (const m of run.messages)
      process.stderr.write(`whats-next: ${typeof m === 'string' ? m : m.map((p) => (typeof p === 'string' ? p : commandLine(p))).join('')}\n`);
    if (run.usage.llmCalls) process.stderr.write(`whats-next: ${formatUsage(run.usage)}\n`);
    if (run.result && json) {
      const r = run.result.report;
      const out = {
        mode: r.mode,
        generated: r.generated,
        changed: run.result.changed,
        completed: r.completed,
        inProgress: r.inProgress,
        recommended: r.recommended.map((e) => ({
          plan: e.plan,
          rank: e.rank,
          effort: e.effort,
          impact: e.impact,
          inferred: e.inferred,
          score: e.score,
          reasons: e.reasons,
          need: e.need,
        })),
        needsRework: r.needsRework ?? [],
        questions: r.questions,
        reasoning: r.reasoning,
        usage: run.usage,
      };
      process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
    } else if (run.status === 'dry-run' && run.result) {
      process.stdout.write(run.result.text);
    }
    return run.status === 'stale' ? 1 : 0;
  } catch (e) {
    return reportError(e, 'whats-next');
  }
}
