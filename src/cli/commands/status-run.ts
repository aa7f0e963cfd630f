import { planStatus } from '../../app/status.js';
import { formatLine, statusText } from '../../render/status-text.js';
import { printJson, type CommonOpts } from '../options.js';
import { outputFormat, TEXT_OR_JSON } from '../validate.js';

/** What `specplan status [PLAN]` runs. */
export async function runStatus(plan: string | undefined, o: CommonOpts): Promise<void> {
  const format = outputFormat(o, TEXT_OR_JSON);
  const status = await planStatus({ root: o.root, plan });
  for (const f of status.ledgerFindings) process.stderr.write(`specplan: warning: ${f.file}:${f.line}: ${f.message}\n`);
  if (format === 'json') printJson({ plans: status.views, format: status.format });
  else {
    // Seed-format repositories print as they always have; the current format says so first.
    if (status.format.format === 'specscore') process.stdout.write(`${formatLine(status.format)}\n`);
    process.stdout.write(statusText(status.views, { detail: plan !== undefined }));
  }
}
