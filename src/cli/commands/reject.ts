import type { Command } from 'commander';
import { registerTransition } from '../transition-command.js';

/** `specplan reject PLAN`: In Review → Rejected. */
export function register(program: Command): void {
  registerTransition(program, 'reject', 'mark a plan in review whose approach is rejected outright (In Review → Rejected; current SpecScore format only)');
}
