import type { Command } from 'commander';
import { commonOptions, type CommonOpts } from '../options.js';

/**
 * `specplan status [PLAN]`: derived status, progress `N/M steps`, blockers, roadmap roll-up. `load`
 * gives what it runs: loaded when it runs (main.ts), or already loaded (quick.ts).
 */
export function register(program: Command, load: () => Promise<typeof import('./status-run.js')>): void {
  const cmd = program
    .command('status [plan]')
    .description('show derived status, progress (N/M steps), blockers and completion dates; a roadmap rolls up its child plans');
  commonOptions(cmd, { json: true }).action(async (plan: string | undefined, o: CommonOpts) => (await load()).runStatus(plan, o));
}
