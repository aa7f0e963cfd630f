import type { Command } from 'commander';
import { registerTransition } from '../transition-command.js';

/** `specplan approve PLAN [--approver @A] [--date D] [--comment C]`: approval in the plan's own format. */
export function register(program: Command): void {
  registerTransition(
    program,
    'approve',
    'approve a plan: seed format in_review → approved, recording Approver and Approved and freezing its content (--approver required); current SpecScore format Draft or In Review → Approved, recording an approved snapshot at the HEAD commit',
    (cmd) =>
      cmd
        .option('--approver <who>', 'who approves, e.g. @jordan (required in the seed format)')
        .option('--date <date>', 'approval date YYYY-MM-DD (default: today)')
        .option('--comment <text>', 'current SpecScore format: the Comment of the approved snapshot (default: "Approved by <approver>")'),
  );
}
