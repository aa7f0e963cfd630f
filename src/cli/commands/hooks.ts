import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { commonOptions, printJson, wantsJson, type CommonOpts } from '../options.js';

/** The built `specplan.js` this process runs from, recorded in the hook. */
function cliScript(): string {
  const sibling = fileURLToPath(new URL('../specplan.js', import.meta.url));
  if (existsSync(sibling)) return sibling;
  const argv = process.argv[1] ?? '';
  return argv.endsWith('.js') && existsSync(argv) ? argv : sibling;
}

/** `specplan hooks install|uninstall`: the pre-commit hook running `check-frozen --staged`. */
export function register(program: Command): void {
  const hooks = program.command('hooks').description('manage the git pre-commit hook that runs `specplan check-frozen --staged`');
  const install = hooks.command('install').description('install the pre-commit hook (an existing shell hook keeps its content; another kind is refused)');
  commonOptions(install, { json: true }).action(async (o: CommonOpts) => {
    const [{ installHook }, { findRoot }] = await Promise.all([import('../../repo/hooks.js'), import('../../repo/root.js')]);
    const r = await installHook(findRoot(o.root), { node: process.execPath, script: cliScript() });
    if (wantsJson(o)) printJson(r);
    else process.stdout.write(`pre-commit hook ${r.action}: ${r.file}\n`);
  });
  const uninstall = hooks.command('uninstall').description('remove the block `hooks install` added');
  commonOptions(uninstall, { json: true }).action(async (o: CommonOpts) => {
    const [{ uninstallHook }, { findRoot }] = await Promise.all([import('../../repo/hooks.js'), import('../../repo/root.js')]);
    const r = await uninstallHook(findRoot(o.root));
    if (wantsJson(o)) printJson(r);
    else process.stdout.write(r.action === 'removed' ? `pre-commit hook block removed: ${r.file}\n` : `no specplan block in ${r.file}\n`);
  });
}
