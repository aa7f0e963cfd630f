import { Command, CommanderError } from 'commander';
import { packageVersion } from '../app/package-version.js';
import { SpecplanError } from '../model/errors.js';
import { addExamples } from './examples.js';
import { cliHint, exitCodeOf } from './hint.js';
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

/** A system error from the operating system (a failed open, read, write, rename ...). */
function systemError(e: unknown): NodeJS.ErrnoException | null {
  const err = e as NodeJS.ErrnoException;
  return err instanceof Error && typeof err.code === 'string' && /^E[A-Z0-9]+$/.test(err.code) && typeof err.syscall === 'string' ? err : null;
}

/**
 * Print an error as one clear sentence (plus a hint) on stderr and return its exit code. Expected
 * failures (`SpecplanError`, a usage error from the argument parser, a system error such as
 * EACCES or ENOSPC) say what happened and what to do; anything else is a bug and says so.
 */
export function reportError(e: unknown, prog: string): number {
  if (e instanceof SpecplanError) {
    process.stderr.write(`${prog}: ${e.message}${e.hint ? `\n  ${cliHint(e.hint)}` : ''}\n`);
    return exitCodeOf(e.kind);
  }
  if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 2;
  const sys = systemError(e);
  if (sys) {
    const where = sys.path ? ` ${sys.path}` : '';
    process.stderr.write(
      `${prog}: the system refused to ${sys.syscall}${where} (${sys.code})\n  check the permissions, the free space and the files involved, then run the command again\n`,
    );
    if (process.env.SPECPLAN_DEBUG) process.stderr.write(`${sys.stack ?? ''}\n`);
    return 2;
  }
  const err = e as Error;
  process.stderr.write(
    `${prog}: unexpected error: ${err?.message ?? String(e)}\n  this is a bug in specscore-plans; rerun with SPECPLAN_DEBUG=1 for the stack trace and report it\n`,
  );
  if (process.env.SPECPLAN_DEBUG) process.stderr.write(`${err?.stack ?? ''}\n`);
  return 1;
}

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
