import { Command } from 'commander';
import { packageVersion } from '../app/package-version.js';
import { addExamples } from './examples.js';
import { reportError } from './report-error.js';
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

/** A command module: `src/cli/commands/<name>.ts` exports `register(program)`. */
interface CommandModule {
  register(program: Command): void;
}

/**
 * Every `specplan` command, in help order. A command module only registers its name, options and
 * help; what it runs is loaded when it runs, so registering all of them (for `--help`) is cheap
 * and, bundled, costs no extra file.
 */
const COMMANDS: Record<string, CommandModule> = {
  lint: lintCommand,
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
  status: statusCommand,
  graph: graphCommand,
  draft: draftCommand,
  suggest: suggestCommand,
  sync: syncCommand,
  'check-frozen': checkFrozenCommand,
  hooks: hooksCommand,
  report: reportCommand,
  import: importCommand,
  export: exportCommand,
  mcp: mcpCommand,
};

const SPECPLAN_COMMANDS = Object.keys(COMMANDS);

/** Build the program with the named commands registered. */
async function buildProgram(name: string, commands: readonly string[]): Promise<Command> {
  const program = new Command(name);
  program
    .description('SpecScore development plans: lint, scaffold, review, draft and rank what to build next')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s), writeOut: (s) => process.stdout.write(s) });
  for (const c of commands) {
    COMMANDS[c]?.register(program);
  }
  addExamples(program);
  return program;
}

/** Run the `specplan` CLI; registers only the invoked command (all of them for help or an unknown one). */
export async function runSpecplan(argv: string[]): Promise<number> {
  const first = argv.find((a) => !a.startsWith('-'));
  const known = (SPECPLAN_COMMANDS as readonly string[]).includes(first ?? '');
  try {
    const program = await buildProgram('specplan', known ? [first!] : SPECPLAN_COMMANDS);
    program.version(packageVersion(), '-V, --version');
    await program.parseAsync(argv, { from: 'user' });
    return Number(process.exitCode ?? 0);
  } catch (e) {
    return reportError(e, 'specplan');
  }
}
