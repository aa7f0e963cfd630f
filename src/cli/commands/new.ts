import type { Command } from 'commander';
import { commonOptions, printJson, type CommonOpts } from '../options.js';

interface NewOpts extends CommonOpts {
  title?: string;
  author?: string;
  feature?: string[];
  proposal?: string;
  idea?: string;
  parent?: string;
  date?: string;
  dryRun?: boolean;
}

/** `specplan new SLUG --title T --author @A (--feature F… | --proposal F/P) [--parent ROADMAP]`. */
export function register(program: Command): void {
  const cmd = program
    .command('new <slug>')
    .description(
      'scaffold a draft plan from the template; updates the index, feature back-references, the proposal forward reference and the roadmap Child Plans table',
    )
    .requiredOption('--title <title>', 'plan title (required)')
    .requiredOption('--author <who>', 'author, e.g. @alex (required)')
    .option('--feature <feature...>', 'affected feature(s), paths below spec/features/ (e.g. cli chat/workflow)')
    .option('--proposal <feature/proposal>', 'source change request (proposal); its feature becomes the plan feature')
    .option('--idea <slug>', 'source idea spec/ideas/<slug>.md (current SpecScore format only)')
    .option('--parent <roadmap>', 'create the plan as a child of this roadmap')
    .option('--date <date>', 'Created date YYYY-MM-DD (default: today)')
    .option('--dry-run', 'show the files that would change, write nothing');
  commonOptions(cmd, { json: true }).action(async (slug: string, o: NewOpts) => {
    const [{ newPlan }, { resolveRoot }, { writeReportJson, writeReportText }, { dateOption, outputFormat, TEXT_OR_JSON }] = await Promise.all([
      import('../../app/new.js'),
      import('../../app/workspace.js'),
      import('../write-report.js'),
      import('../validate.js'),
    ]);
    const format = outputFormat(o, TEXT_OR_JSON);
    const date = dateOption(o.date);
    const dryRun = o.dryRun === true;
    const out = await newPlan(
      resolveRoot({ root: o.root }),
      {
        slug,
        parent: o.parent ?? null,
        title: o.title ?? '',
        author: o.author ?? '',
        features: o.feature ?? [],
        proposal: o.proposal ?? null,
        idea: o.idea ?? null,
      },
      { ...(date ? { today: date } : {}), dryRun },
    );
    const r = out.result;
    const report = { headline: `${dryRun ? 'would create' : 'created'} plan ${r.plan} (draft): ${r.file}`, outcome: out, notes: r.notes, dryRun };
    if (format === 'json') printJson({ plan: r.plan, file: r.file, parent: r.parent, status: 'draft', ...writeReportJson(report) });
    else process.stdout.write(writeReportText(report));
  });
}
