import type { Command } from 'commander';
import { runProgram, type CommandModule } from './program.js';
import type { QUICK_COMMANDS } from './quick-commands.js';
import * as lintCommand from './commands/lint.js';
import * as lintRun from './commands/lint-run.js';
import * as statusCommand from './commands/status.js';
import * as statusRun from './commands/status-run.js';
import * as checkFrozenCommand from './commands/check-frozen.js';
import * as checkFrozenRun from './commands/check-frozen-run.js';

// Each quick command with what it runs loaded up front (the full CLI loads it when it runs).
const QUICK: Record<(typeof QUICK_COMMANDS)[number], CommandModule> = {
  lint: { register: (p: Command) => lintCommand.register(p, () => Promise.resolve(lintRun)) },
  status: { register: (p: Command) => statusCommand.register(p, () => Promise.resolve(statusRun)) },
  'check-frozen': { register: (p: Command) => checkFrozenCommand.register(p, () => Promise.resolve(checkFrozenRun)) },
};

/** Run `specplan ARGV` whose command is one of `QUICK_COMMANDS`, as the full CLI runs it. */
export function runQuick(argv: string[]): Promise<number> {
  return runProgram(QUICK, argv);
}
