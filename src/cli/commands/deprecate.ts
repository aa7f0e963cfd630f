import type { Command } from 'commander';
import { registerTransition } from '../transition-command.js';

/** `specplan deprecate PLAN`: Approved or later → Deprecated. */
export function register(program: Command): void {
  registerTransition(
    program,
    'deprecate',
    'mark an approved plan whose approach is no longer recommended, with no successor (Approved or later → Deprecated; current SpecScore format only)',
  );
}
