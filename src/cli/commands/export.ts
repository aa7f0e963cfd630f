import type { Command } from 'commander';
import { UsageError } from '../../model/errors.js';
import { commonOptions, printJson, type CommonOpts } from '../options.js';

interface ExportOpts extends CommonOpts {
  to?: string;
  out?: string;
  repo?: string;
  ref?: string;
  token?: string;
  date?: string;
}

/** `specplan export PLAN --to work-items|execution-plan|taskmaster|github [--out FILE] [--repo owner/name --token T]`. */
export function register(program: Command): void {
  commonOptions(program.command('export <plan>'), { json: true })
    .description('hand a plan to execution tools: work items JSON, an execution plan, a Task Master tasks.json, or GitHub issues')
    .option('--to <target>', 'work-items, execution-plan, taskmaster or github')
    .option('--out <file>', 'write the export to this file (inside the root) instead of stdout')
    .option('--repo <owner/name>', 'github: the repository the issues are created in (and plan links point at)')
    .option('--ref <ref>', 'github: branch or commit the plan links point at (default HEAD)')
    .option('--token <token>', 'github: create the issues with this token (default $GITHUB_TOKEN); without a token only the payloads are printed')
    .option('--date <date>', 'date YYYY-MM-DD for generated metadata (default: today)')
    .action(async (planArg: string, opts: ExportOpts) => {
      const { EXPORT_FORMATS } = await import('../../model/interop-formats.js');
      if (!opts.to || !(EXPORT_FORMATS as readonly string[]).includes(opts.to)) {
        throw new UsageError(opts.to ? `unknown --to "${opts.to}"` : 'missing --to', `pass --to ${EXPORT_FORMATS.join(' | ')}`);
      }
      const to = opts.to as (typeof EXPORT_FORMATS)[number];
      const { dateOption, outputFormat, TEXT_OR_JSON } = await import('../validate.js');
      const json = outputFormat(opts, TEXT_OR_JSON) === 'json';
      const date = dateOption(opts.date);
      const token = opts.token ?? (to === 'github' ? process.env.GITHUB_TOKEN : undefined);
      if (to !== 'github' && (opts.repo || opts.token || opts.ref)) throw new UsageError('--repo, --ref and --token apply to --to github only');
      if (to === 'github' && token && !opts.repo)
        throw new UsageError('creating GitHub issues needs --repo owner/name', 'pass --repo, or unset the token to print the payloads only');
      if (to === 'github' && opts.out && token)
        throw new UsageError('--out applies to payloads; with a token the issues are created instead', 'drop --out, or the token');
      const { resolveRoot } = await import('../../app/workspace.js');
      const { exportPlan, createdBeforeFailure } = await import('../../app/export.js');
      const root = resolveRoot(opts);
      const today = date ?? (await import('../../app/clock.js')).today();
      let r;
      try {
        r = await exportPlan({ root, plan: planArg, to, out: opts.out, repo: opts.repo, ref: opts.ref, token, apiUrl: process.env.GITHUB_API_URL, today });
      } catch (e) {
        const partial = createdBeforeFailure(e);
        if (partial) {
          for (const c of partial.created) process.stderr.write(`created #${c.number} for ${c.id}: ${c.url}\n`);
          if (json) printJson({ plan: planArg, to, error: (e as Error).message, ...partial });
        }
        throw e;
      }
      for (const w of r.warnings) process.stderr.write(`specplan: warning: ${w}\n`);
      if (r.kind === 'issues') {
        for (const c of r.issues.created) process.stderr.write(`created #${c.number} for ${c.id}: ${c.url}\n`);
        for (const c of r.issues.existing) process.stderr.write(`exists  #${c.number} for ${c.id}: ${c.url}\n`);
        printJson({ plan: r.plan, to, ...r.issues });
      } else if (r.kind === 'file') {
        if (json) printJson({ plan: r.plan, to, out: r.file, items: r.items });
        else process.stdout.write(`wrote ${r.file}\n`);
      } else if (json && r.rendered.mediaType !== 'application/json') {
        printJson({ plan: r.plan, to, markdown: r.rendered.content });
      } else {
        process.stdout.write(r.rendered.content);
      }
    });
}
