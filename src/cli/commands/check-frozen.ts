import type { Command } from 'commander';
import { commonOptions } from '../options.js';
import type { CheckOpts } from './check-frozen-run.js';

/**
 * `specplan check-frozen [--staged]`: fail when an approved plan changed since approval. `load`
 * gives what it runs: loaded when it runs (main.ts), or already loaded (quick.ts).
 * @public (loaded by the command table through a namespace import)
 */
export function register(program: Command, load: () => Promise<typeof import('./check-frozen-run.js')>): void {
  const cmd = program
    .command('check-frozen')
    .description('report approved plans whose content changed since approval (git history, else the recorded fingerprint); honours planning.enforce_freeze')
    .option('--staged', 'check the content staged in the git index (for a pre-commit hook)');
  commonOptions(cmd, { json: true }).action(async (o: CheckOpts) => (await load()).runCheckFrozen(o));
}
