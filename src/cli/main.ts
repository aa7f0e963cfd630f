import { runProgram, type CommandModule } from './program.js';
import { WRITING } from './writing-table.js';
import * as lintCommand from './commands/lint.js';
import * as statusCommand from './commands/status.js';
import * as graphCommand from './commands/graph.js';
import * as draftCommand from './commands/draft.js';
import * as suggestCommand from './commands/suggest.js';
import * as syncCommand from './commands/sync.js';
import * as checkFrozenCommand from './commands/check-frozen.js';
import * as importCommand from './commands/import.js';
import * as exportCommand from './commands/export.js';
import * as mcpCommand from './commands/mcp.js';

/**
 * Every `specplan` command, in help order. A command module only registers its name, options and
 * help; what it runs is loaded when it runs, so registering all of them (for `--help`) is cheap
 * and, bundled, costs no extra file.
 */
const COMMANDS: Record<string, CommandModule> = {
  lint: { register: (p) => lintCommand.register(p, () => import('./commands/lint-run.js')) },
  index: WRITING.index,
  new: WRITING.new,
  submit: WRITING.submit,
  approve: WRITING.approve,
  revise: WRITING.revise,
  reject: WRITING.reject,
  supersede: WRITING.supersede,
  withdraw: WRITING.withdraw,
  deprecate: WRITING.deprecate,
  snapshot: WRITING.snapshot,
  status: { register: (p) => statusCommand.register(p, () => import('./commands/status-run.js')) },
  graph: graphCommand,
  draft: draftCommand,
  suggest: suggestCommand,
  sync: syncCommand,
  'check-frozen': { register: (p) => checkFrozenCommand.register(p, () => import('./commands/check-frozen-run.js')) },
  hooks: WRITING.hooks,
  report: WRITING.report,
  import: importCommand,
  export: exportCommand,
  mcp: mcpCommand,
};

/** Run the `specplan` CLI with every command. */
export function runSpecplan(argv: string[]): Promise<number> {
  return runProgram(COMMANDS, argv);
}
