import type { Command } from 'commander';
import type { TransitionName } from '../model/errors.js';
import { commonOptions, printJson, type CommonOpts } from './options.js';

const PAST: Record<TransitionName, string> = {
  submit: 'submitted',
  revise: 'revised',
  approve: 'approved',
  supersede: 'superseded',
  reject: 'rejected',
  withdraw: 'withdrew',
  deprecate: 'deprecated',
};

interface TransitionOpts extends CommonOpts {
  approver?: string;
  date?: string;
  by?: string;
  comment?: string;
  dryRun?: boolean;
}

/** Register one status-transition command (`submit`, `approve`, `revise`, `reject`, `withdraw`, `supersede`, `deprecate`). */
export function registerTransition(program: Command, action: TransitionName, describe: string, extra?: (cmd: Command) => void): void {
  const cmd = program.command(`${action} <plan>`).description(describe);
  extra?.(cmd);
  cmd.option('--dry-run', 'show the files that would change, write nothing');
  commonOptions(cmd, { json: true }).action(async (plan: string, o: TransitionOpts) => {
    const [{ transitionPlan }, { resolveRoot }, { writeReportJson, writeReportText }, { dateOption, outputFormat, TEXT_OR_JSON }] = await Promise.all([
      import('../app/transition.js'),
      import('../app/workspace.js'),
      import('./write-report.js'),
      import('./validate.js'),
    ]);
    const format = outputFormat(o, TEXT_OR_JSON);
    const date = dateOption(o.date);
    const dryRun = o.dryRun === true;
    const out = await transitionPlan(resolveRoot({ root: o.root }), { plan, action, approver: o.approver, date, by: o.by, comment: o.comment }, { dryRun });
    const r = out.result;
    const headline = `${dryRun ? `would mark ${r.plan} ${r.to}` : `${PAST[action]} ${r.plan}`}: ${r.from} → ${r.to}${r.supersededBy ? ` (by ${r.supersededBy})` : ''}${r.snapshot ? ` (snapshot ${r.snapshot.hash})` : ''}`;
    const report = { headline, outcome: out, notes: r.notes, dryRun };
    if (format === 'json')
      printJson({
        plan: r.plan,
        file: r.file,
        from: r.from,
        to: r.to,
        approver: r.approver ?? null,
        approved: r.approved ?? null,
        supersededBy: r.supersededBy ?? null,
        snapshot: r.snapshot ?? null,
        ...writeReportJson(report),
      });
    else process.stdout.write(writeReportText(report));
  });
}
