import { runProgram } from './program.js';
import { WRITING } from './writing-table.js';

/** Run `specplan ARGV` whose command is one of `WRITING_COMMANDS`, as the full CLI runs it. */
export function runWriting(argv: string[]): Promise<number> {
  return runProgram(WRITING, argv);
}
