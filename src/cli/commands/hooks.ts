import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { commonOptions, printJson, type CommonOpts } from '../options.js';

// Where the built `specplan.js` this process runs from may be: the script node was started with
// (as the user named it, links kept), else the one next to this command.
function cliScripts(): string[] {
  const started = process.argv[1] ?? '';
  return [...(path.basename(started) === 'specplan.js' ? [started] : []), fileURLToPath(new URL('../specplan.js', import.meta.url))];
}

/** `specplan hooks install|uninstall`: the pre-commit hook running `check-frozen --staged`. */
export function register(program: Command): void {
  const hooks = program.command('hooks').description('manage the git pre-commit hook that runs `specplan check-frozen --staged`');
  const install = hooks.command('install').description('install the pre-commit hook (an existing shell hook keeps its content; another kind is refused)');
  commonOptions(install, { json: true }).action(async (o: CommonOpts) => {
    const [{ installHook }, { resolveRoot }, { outputFormat, TEXT_OR_JSON }] = await Promise.all([
      import('../../app/hooks.js'),
      import('../../app/workspace.js'),
      import('../validate.js'),
    ]);
    const format = outputFormat(o, TEXT_OR_JSON);
    const r = await installHook(resolveRoot({ root: o.root }), { node: process.execPath, scripts: cliScripts() });
    if (format === 'json') printJson(r);
    else process.stdout.write(`pre-commit hook ${r.action}: ${r.file}\n`);
  });
  const uninstall = hooks.command('uninstall').description('remove the block `hooks install` added');
  commonOptions(uninstall, { json: true }).action(async (o: CommonOpts) => {
    const [{ uninstallHook }, { resolveRoot }, { outputFormat, TEXT_OR_JSON }] = await Promise.all([
      import('../../app/hooks.js'),
      import('../../app/workspace.js'),
      import('../validate.js'),
    ]);
    const format = outputFormat(o, TEXT_OR_JSON);
    const r = await uninstallHook(resolveRoot({ root: o.root }));
    if (format === 'json') printJson(r);
    else process.stdout.write(r.action === 'removed' ? `pre-commit hook block removed: ${r.file}\n` : `no specplan block in ${r.file}\n`);
  });
}
