import type { Command } from 'commander';
import { commonOptions, printJson, type CommonOpts } from '../options.js';

interface SnapshotOpts extends CommonOpts {
  action?: string;
  comment?: string;
  date?: string;
  dryRun?: boolean;
}

/** `specplan snapshot PLAN [--action A] [--comment C]`: a Snapshots row at HEAD (current SpecScore format). */
export function register(program: Command): void {
  const cmd = program
    .command('snapshot <plan>')
    .description('record a snapshot of a plan of the current SpecScore format: a ## Snapshots row naming the HEAD commit; its status is unchanged')
    .option('--action <action>', 'checkpoint (default), completed, or a word of your own')
    .option('--comment <text>', 'what the snapshot marks')
    .option('--date <date>', 'snapshot date YYYY-MM-DD (default: today)')
    .option('--dry-run', 'show the files that would change, write nothing');
  commonOptions(cmd, { json: true }).action(async (plan: string, o: SnapshotOpts) => {
    const [{ recordSnapshot }, { resolveRoot }, { writeReportJson, writeReportText }, { dateOption, outputFormat, TEXT_OR_JSON }] = await Promise.all([
      import('../../app/snapshot.js'),
      import('../../app/workspace.js'),
      import('../write-report.js'),
      import('../validate.js'),
    ]);
    const format = outputFormat(o, TEXT_OR_JSON);
    const date = dateOption(o.date);
    const dryRun = o.dryRun === true;
    const out = await recordSnapshot(resolveRoot({ root: o.root }), { plan, action: o.action, comment: o.comment, date }, { dryRun });
    const r = out.result;
    const headline = `${dryRun ? 'would record' : 'recorded'} a ${r.snapshot.action} snapshot of ${r.plan} at ${r.snapshot.hash}`;
    const report = { headline, outcome: out, notes: r.notes, dryRun };
    if (format === 'json') printJson({ plan: r.plan, file: r.file, snapshot: r.snapshot, ...writeReportJson(report) });
    else process.stdout.write(writeReportText(report));
  });
}
