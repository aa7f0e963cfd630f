import type { Command } from 'commander';
import { registerTransition } from '../transition-command.js';

/** `specplan submit PLAN`: draft → in_review. */
export function register(program: Command): void {
  registerTransition(program, 'submit', 'submit a draft plan for review (draft → in_review)');
}
