import type { Command } from 'commander';
import { registerTransition } from '../transition-command.js';

/** `specplan supersede PLAN --by NEW`: any status → superseded, linking the successor. */
export function register(program: Command): void {
  registerTransition(program, 'supersede', 'mark a plan superseded by a newer plan (adds **Superseded by:** as its last header field)', (cmd) =>
    cmd.requiredOption('--by <plan>', 'the plan that replaces it (must exist)'),
  );
}
