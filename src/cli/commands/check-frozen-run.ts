import { checkFrozen } from '../../app/check-frozen.js';
import { resolveRoot } from '../../app/workspace.js';
import { printJson, type CommonOpts } from '../options.js';
import { outputFormat, TEXT_OR_JSON } from '../validate.js';

const SHALLOW =
  'the git history is shallow: plans approved by hand are compared with the oldest commit present, and those deleted before it are not seen; fetch the whole history (actions/checkout: fetch-depth: 0)';

/** The options of `specplan check-frozen`. */
export interface CheckOpts extends CommonOpts {
  staged?: boolean;
}

/** What `specplan check-frozen [--staged]` runs. */
export async function runCheckFrozen(o: CheckOpts): Promise<void> {
  const format = outputFormat(o, TEXT_OR_JSON);
  const result = await checkFrozen(resolveRoot({ root: o.root }), { staged: o.staged === true });
  const failed = result.mode === 'reject' && result.violations.length > 0;
  if (format === 'json') {
    printJson({ ...result, ok: !failed });
  } else if (result.mode === 'off') {
    process.stdout.write('check-frozen: planning.enforce_freeze is off; nothing was checked\n');
  } else {
    const severity = result.mode === 'reject' ? 'error' : 'warning';
    const lines = [
      ...result.violations.map((v) => `${v.file}:${v.line}:1 ${severity} freeze/changed ${v.message}`),
      ...result.unchecked.map((u) => `spec/plans/${u.plan}/README.md:1:1 warning freeze/unchecked approved plan ${u.plan} cannot be checked: ${u.reason}`),
      ...(result.shallow ? [`warning freeze/shallow-history ${SHALLOW}`] : []),
      `${result.checked.length} approved plan${result.checked.length === 1 ? '' : 's'} checked${result.staged ? ' (staged)' : ''}, ${result.violations.length} changed since approval`,
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
  }
  if (failed) {
    process.stderr.write(
      `specplan: ${result.violations.length} approved plan${result.violations.length === 1 ? '' : 's'} changed since approval (${result.violations.map((v) => v.plan).join(', ')})\n  approved plans are frozen: restore the approved content, and put the new approach in a new plan that supersedes it (specplan supersede PLAN --by NEW)\n`,
    );
    process.exitCode = 1;
  }
}
