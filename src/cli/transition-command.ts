import type { Command } from 'commander';
import { commonOptions, printJson, wantsJson, type CommonOpts } from './options.js';
import { findRoot } from '../repo/root.js';
import { writeReportJson, writeReportText } from './write-report.js';
import { today } from '../app/clock.js';
import type { TransitionAction } from '../lifecycle/transitions.js';

const PAST: Record<TransitionAction, string> = { submit: 'submitted', revise: 'revised', approve: 'approved', supersede: 'superseded' };

interface TransitionOpts extends CommonOpts {
  approver?: string;
  date?: string;
  by?: string;
  dryRun?: boolean;
}

/** Register one status-transition command (`submit`, `revise`, `approve`, `supersede`). */
export function registerTransition(program: Command, action: TransitionAction, describe: string, extra?: (cmd: Command) => void): void {
  const cmd = program.command(`${action} <plan>`).description(describe);
  extra?.(cmd);
  cmd.option('--dry-run', 'show the files that would change, write nothing');
  commonOptions(cmd, { json: true }).action(async (plan: string, o: TransitionOpts) => {
    const { transitionPlan } = await import('../lifecycle/transition-op.js');
    const root = findRoot(o.root);
    const out = await transitionPlan(root, { plan, action, approver: o.approver, date: o.date, by: o.by }, { today: today(), dryRun: o.dryRun === true });
    const r = out.result;
    const report = {
      headline: `${o.dryRun ? `would mark ${r.plan} ${r.to}` : `${PAST[action]} ${r.plan}`}: ${r.from} → ${r.to}${r.supersededBy ? ` (by ${r.supersededBy})` : ''}`,
      changes: out.changes,
      written: out.written,
      recovered: out.recovered, recoverySkipped: out.recoverySkipped,
      notes: r.notes,
      dryRun: o.dryRun === true,
    };
    if (wantsJson(o)) printJson({ plan: r.plan, file: r.file, from: r.from, to: r.to, approver: r.approver ?? null, approved: r.approved ?? null, supersededBy: r.supersededBy ?? null, ...writeReportJson(report) });
    else process.stdout.write(writeReportText(report));
  });
}
