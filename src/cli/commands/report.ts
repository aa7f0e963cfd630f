import type { Command } from 'commander';
import { commonOptions, printJson, type CommonOpts } from '../options.js';

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
    const [{ writeReport }, { resolveRoot }, { writeReportJson, writeReportText }, { dateOption, outputFormat, TEXT_OR_JSON }, { renderDeviationReport }] =
      await Promise.all([
        import('../../app/report.js'),
        import('../../app/workspace.js'),
        import('../write-report.js'),
        import('../validate.js'),
        import('../../render/report.js'),
      ]);
    const format = outputFormat(o, TEXT_OR_JSON);
    const date = dateOption(o.date);
    const dryRun = o.dryRun === true;
    const out = await writeReport(resolveRoot({ root: o.root }), plan, { ...(date ? { today: date } : {}), dryRun });
    const r = out.result;
    if (format === 'json') printJson({ plan: r.plan, file: r.file, report: r.report, ...writeReportJson({ outcome: out, notes: [], dryRun }) });
    else if (dryRun) process.stdout.write(renderDeviationReport(r.report));
    else
      process.stdout.write(
        writeReportText({ headline: `${out.written.length ? 'wrote' : 'unchanged:'} deviation report for ${r.plan}`, outcome: out, notes: [], dryRun }),
      );
  });
}
