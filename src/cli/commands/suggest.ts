import type { Command } from 'commander';
import type { Effort, Impact } from '../../model/plan.js';
import { commonOptions, printJson, type CommonOpts } from '../options.js';

interface SuggestOpts extends CommonOpts {
  apply?: boolean;
  effort?: string;
  impact?: string;
  provider?: string;
  model?: string;
}

/** `specplan suggest PLAN [--apply] [--provider P] [--model M]`: effort/impact with evidence. */
export function register(program: Command): void {
  commonOptions(program.command('suggest'), { json: true })
    .description('suggest effort and impact for a plan, with the evidence; --apply writes them to a draft or in_review plan')
    .argument('<plan>', 'plan path below spec/plans/, e.g. user-auth or billing-roadmap/invoice-pdf')
    .option('--apply', 'write the suggested Effort and Impact into the plan header (draft or in_review plans only)')
    .option('--effort <size>', 'with --apply: write this Effort (S, M, L, XL) instead of the suggestion')
    .option('--impact <level>', 'with --apply: write this Impact (low, medium, high, critical) instead of the suggestion')
    .option('--provider <name>', 'LLM provider: auto, anthropic, openai, none (default: planning.llm.provider)')
    .option('--model <model>', 'model name (default: planning.llm.model, else the provider default)')
    .action(async (plan: string, opts: SuggestOpts) => {
      const { outputFormat, TEXT_OR_JSON } = await import('../validate.js');
      const json = outputFormat(opts, TEXT_OR_JSON) === 'json';
      const [{ EFFORTS, IMPACTS }, { UsageError }] = await Promise.all([import('../../model/plan.js'), import('../../model/errors.js')]);
      if (opts.effort !== undefined && !(EFFORTS as readonly string[]).includes(opts.effort))
        throw new UsageError(`unknown --effort "${opts.effort}"`, `use one of ${EFFORTS.join(', ')}`);
      if (opts.impact !== undefined && !(IMPACTS as readonly string[]).includes(opts.impact))
        throw new UsageError(`unknown --impact "${opts.impact}"`, `use one of ${IMPACTS.join(', ')}`);
      if ((opts.effort !== undefined || opts.impact !== undefined) && opts.apply !== true)
        throw new UsageError('--effort and --impact choose what --apply writes', 'add --apply to write them');
      const { suggest } = await import('../../app/suggest.js');
      const { formatUsage } = await import('../../render/usage.js');
      const { today } = await import('../../app/clock.js');
      const r = await suggest({
        root: opts.root,
        plan,
        apply: opts.apply === true,
        values: { effort: opts.effort as Effort | undefined, impact: opts.impact as Impact | undefined },
        today: today(),
        model: { provider: opts.provider, model: opts.model },
        onUsage: (u) => process.stderr.write(`${formatUsage(u.totals, u.estimated, u.outputModes)}\n`),
      });
      const { suggestion: s, written, chosen } = r;
      if (json) {
        printJson({
          plan: s.plan,
          status: s.status,
          declared: s.declared,
          estimate: { effort: s.estimate.effort, impact: s.estimate.impact, evidence: s.estimate.evidence, metrics: s.estimate.metrics },
          llm: s.llm,
          suggested: s.suggested,
          notTaken: s.notTaken,
          inconsistencies: s.inconsistencies,
          applied: opts.apply === true,
          ...(opts.apply ? { chosen: { effort: chosen.effort, impact: chosen.impact }, forced: chosen.forced } : {}),
          written,
          usage: r.usage.totals,
        });
        return;
      }
      const dash = (v: string | null) => v ?? '—';
      const out: string[] = [
        `plan: ${s.plan} (${dash(s.status)})`,
        `declared: effort ${dash(s.declared.effort)}, impact ${dash(s.declared.impact)}`,
        `estimate: effort ${s.estimate.effort}, impact ${s.estimate.impact}`,
        ...s.estimate.evidence.effort.map((e) => `  effort: ${e}`),
        ...s.estimate.evidence.impact.map((e) => `  impact: ${e}`),
      ];
      if (s.llm) {
        const differs = s.llm.effort !== s.estimate.effort || s.llm.impact !== s.estimate.impact;
        out.push(
          `llm (${s.llm.provider} ${s.llm.model}): effort ${s.llm.effort}, impact ${s.llm.impact}${differs ? ' (differs from the estimate)' : ''}`,
          `  effort: ${s.llm.effortReason}`,
          `  impact: ${s.llm.impactReason}`,
        );
      } else out.push('llm: not asked (provider none)');
      for (const i of s.inconsistencies) out.push(`inconsistent: ${i}`);
      for (const n of s.notTaken) out.push(`not suggested: ${n}`);
      out.push(`suggested: effort ${s.suggested.effort}, impact ${s.suggested.impact}`);
      if (opts.apply) {
        for (const f of chosen.forced) out.push(`forced: ${f}`);
        out.push(`writing: effort ${chosen.effort}, impact ${chosen.impact}`);
        out.push(written.length ? written.map((f) => `wrote ${f}`).join('\n') : 'already up to date; nothing written');
      }
      process.stdout.write(`${out.join('\n')}\n`);
    });
}
