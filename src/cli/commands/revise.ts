import type { Command } from 'commander';
import { registerTransition } from '../transition-command.js';

/** `specplan revise PLAN`: in_review → draft (revisions requested). */
export function register(program: Command): void {
  registerTransition(program, 'revise', 'send a plan in review back to draft for revisions (in_review → draft)');
}
