import type { Command } from 'commander';
import { registerTransition } from '../transition-command.js';

/** `specplan supersede PLAN --by NEW`: the plan is replaced by a named successor. */
export function register(program: Command): void {
  registerTransition(
    program,
    'supersede',
    "mark a plan superseded by a newer plan (seed format: any status but superseded, adding **Superseded by:** as its last header field; current SpecScore format: Approved or later, adding **Superseded By:** and setting the successor's **Supersedes:**)",
    (cmd) => cmd.requiredOption('--by <plan>', 'the plan that replaces it (must exist)'),
  );
}
