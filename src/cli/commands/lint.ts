import type { Command } from 'commander';
import { commonOptions, type CommonOpts } from '../options.js';

/**
 * `specplan lint [PATH…]`: text or JSON findings; exit 1 when there are errors (CONTRACTS.md).
 * `load` gives what it runs: loaded when it runs (main.ts), or already loaded (quick.ts).
 */
export function register(program: Command, load: () => Promise<typeof import('./lint-run.js')>): void {
  const cmd = program
    .command('lint')
    .description('lint features, proposals, plans, the plans index and back-references')
    .argument('[paths...]', 'files or folders to report on (default: everything)');
  commonOptions(cmd, { json: true });
  cmd.action(async (paths: string[], opts: CommonOpts) => (await load()).runLint(paths, opts));
}
