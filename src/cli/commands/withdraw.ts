import type { Command } from 'commander';
import { registerTransition } from '../transition-command.js';

/** `specplan withdraw PLAN`: Approved or later → Withdrawn. */
export function register(program: Command): void {
  registerTransition(program, 'withdraw', 'mark an approved plan that is abandoned (Approved or later → Withdrawn; current SpecScore format only)');
}
