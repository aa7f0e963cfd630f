import { runProgram, type CommandModule } from './program.js';
import * as lintCommand from './commands/lint.js';
import * as indexCommand from './commands/index.js';
import * as newCommand from './commands/new.js';
import * as submitCommand from './commands/submit.js';
import * as approveCommand from './commands/approve.js';
import * as reviseCommand from './commands/revise.js';
import * as supersedeCommand from './commands/supersede.js';
import * as rejectCommand from './commands/reject.js';
import * as withdrawCommand from './commands/withdraw.js';
import * as deprecateCommand from './commands/deprecate.js';
import * as snapshotCommand from './commands/snapshot.js';
import * as statusCommand from './commands/status.js';
import * as graphCommand from './commands/graph.js';
import * as draftCommand from './commands/draft.js';
import * as suggestCommand from './commands/suggest.js';
import * as syncCommand from './commands/sync.js';
import * as checkFrozenCommand from './commands/check-frozen.js';
import * as hooksCommand from './commands/hooks.js';
import * as reportCommand from './commands/report.js';
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
  index: indexCommand,
  new: newCommand,
  submit: submitCommand,
  approve: approveCommand,
  revise: reviseCommand,
  reject: rejectCommand,
  supersede: supersedeCommand,
  withdraw: withdrawCommand,
  deprecate: deprecateCommand,
  snapshot: snapshotCommand,
  status: { register: (p) => statusCommand.register(p, () => import('./commands/status-run.js')) },
  graph: graphCommand,
  draft: draftCommand,
  suggest: suggestCommand,
  sync: syncCommand,
  'check-frozen': { register: (p) => checkFrozenCommand.register(p, () => import('./commands/check-frozen-run.js')) },
  hooks: hooksCommand,
  report: reportCommand,
  import: importCommand,
  export: exportCommand,
  mcp: mcpCommand,
};

/** Run the `specplan` CLI with every command. */
export function runSpecplan(argv: string[]): Promise<number> {
  return runProgram(COMMANDS, argv);
}
