import type { Command } from 'commander';
import { registerTransition } from '../transition-command.js';

/** `specplan approve PLAN --approver @A [--date D]`: in_review → approved, freezing the plan. */
export function register(program: Command): void {
  registerTransition(program, 'approve', 'approve a plan in review (in_review → approved): records Approver and Approved and freezes its content', (cmd) =>
    cmd.requiredOption('--approver <who>', 'who approves, e.g. @jordan').option('--date <date>', 'approval date YYYY-MM-DD (default: today)'),
  );
}
