import type { Command } from 'commander';
import { commonOptions, printJson, wantsJson, type CommonOpts } from '../options.js';

interface NewOpts extends CommonOpts {
  title?: string;
  author?: string;
  feature?: string[];
  proposal?: string;
  parent?: string;
  date?: string;
  dryRun?: boolean;
}

/** `specplan new SLUG --title T --author @A (--feature F… | --proposal F/P) [--parent ROADMAP]`. */
export function register(program: Command): void {
  const cmd = program
    .command('new <slug>')
    .description('scaffold a draft plan from the template; updates the index, feature back-references, the proposal forward reference and the roadmap Child Plans table')
    .requiredOption('--title <title>', 'plan title')
    .requiredOption('--author <who>', 'author, e.g. @alex')
    .option('--feature <feature...>', 'affected feature(s), paths below spec/features/ (e.g. cli chat/workflow)')
    .option('--proposal <feature/proposal>', 'source change request (proposal); its feature becomes the plan feature')
    .option('--parent <roadmap>', 'create the plan as a child of this roadmap')
    .option('--date <date>', 'Created date YYYY-MM-DD (default: today)')
    .option('--dry-run', 'show the files that would change, write nothing');
  commonOptions(cmd, { json: true }).action(async (slug: string, o: NewOpts) => {
    const [{ newPlan }, { findRoot }, { today }, { writeReportJson, writeReportText }, { isIsoDate }, { UsageError }] = await Promise.all([
      import('../../lifecycle/new-plan.js'),
      import('../../repo/root.js'),
      import('../../app/clock.js'),
      import('../write-report.js'),
      import('../../model/common.js'),
      import('../../model/errors.js'),
    ]);
    if (o.date !== undefined && !isIsoDate(o.date)) throw new UsageError(`--date "${o.date}" is not a date`, 'use YYYY-MM-DD, e.g. 2026-03-14');
    const root = findRoot(o.root);
    const out = await newPlan(
      root,
      { slug, parent: o.parent ?? null, title: o.title ?? '', author: o.author ?? '', features: o.feature ?? [], proposal: o.proposal ?? null },
      { today: o.date ?? today(), dryRun: o.dryRun === true },
    );
    const r = out.result;
    const report = { headline: `${o.dryRun ? 'would create' : 'created'} plan ${r.plan} (draft): ${r.file}`, changes: out.changes, written: out.written, recovered: out.recovered, recoverySkipped: out.recoverySkipped, notes: r.notes, dryRun: o.dryRun === true };
    if (wantsJson(o)) printJson({ plan: r.plan, file: r.file, parent: r.parent, status: 'draft', ...writeReportJson(report) });
    else process.stdout.write(writeReportText(report));
  });
}
