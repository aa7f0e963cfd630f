import type { Command } from 'commander';
import { commonOptions, printJson, wantsJson, type CommonOpts } from '../options.js';

interface ReportOpts extends CommonOpts {
  date?: string;
  dryRun?: boolean;
}

/** `specplan report PLAN`: write the deviation report `spec/plans/PLAN/reports/README.md`. */
export function register(program: Command): void {
  const cmd = program
    .command('report <plan>')
    .description('write the deviation report (planned vs actual) to spec/plans/PLAN/reports/README.md')
    .option('--date <date>', 'report date YYYY-MM-DD (default: today)')
    .option('--dry-run', 'print the report instead of writing it');
  commonOptions(cmd, { json: true }).action(async (plan: string, o: ReportOpts) => {
    const [{ writeReport }, { findRoot }, { today }, { writeReportJson, writeReportText }, { isIsoDate }, { UsageError }] = await Promise.all([
      import('../../app/report.js'),
      import('../../repo/root.js'),
      import('../../app/clock.js'),
      import('../write-report.js'),
      import('../../model/common.js'),
      import('../../model/errors.js'),
    ]);
    if (o.date !== undefined && !isIsoDate(o.date)) throw new UsageError(`--date "${o.date}" is not a date`, 'use YYYY-MM-DD');
    const out = await writeReport(findRoot(o.root), plan, { today: o.date ?? today(), dryRun: o.dryRun === true });
    const r = out.result;
    if (wantsJson(o)) {
      printJson({ plan: r.plan, file: r.file, report: r.report, ...writeReportJson({ headline: '', changes: out.changes, written: out.written, recovered: out.recovered, recoverySkipped: out.recoverySkipped, notes: [], dryRun: o.dryRun === true }) });
    } else if (o.dryRun) {
      const { renderDeviationReport } = await import('../../render/report.js');
      process.stdout.write(renderDeviationReport(r.report));
    } else {
      process.stdout.write(writeReportText({ headline: `${out.written.length ? 'wrote' : 'unchanged:'} deviation report for ${r.plan}`, changes: out.changes, written: out.written, recovered: out.recovered, recoverySkipped: out.recoverySkipped, notes: [], dryRun: false }));
    }
  });
}
