import { Command, CommanderError } from 'commander';
import { packageVersion } from '../app/package-version.js';
import { SpecplanError } from '../model/errors.js';
import { addExamples } from './examples.js';
import { cliHint, exitCodeOf } from './hint.js';

/** A command module: `src/cli/commands/<name>.ts` exports `register(program)`. */
export interface CommandModule {
  register(program: Command): void;
}

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

/** Build the program with the named commands of `table` registered. */
function buildProgram(name: string, table: Readonly<Record<string, CommandModule>>, commands: readonly string[]): Command {
  const program = new Command(name);
  program
    .description('SpecScore development plans: lint, scaffold, review, draft and rank what to build next')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s), writeOut: (s) => process.stdout.write(s) });
  for (const c of commands) {
    table[c]?.register(program);
  }
  addExamples(program);
  return program;
}

/**
 * Run `specplan ARGV` with the commands of `table` (in help order): registers only the invoked
 * command (all of them for help or an unknown one), and returns the exit code.
 */
export async function runProgram(table: Readonly<Record<string, CommandModule>>, argv: string[]): Promise<number> {
  const names = Object.keys(table);
  const first = argv.find((a) => !a.startsWith('-'));
  const known = names.includes(first ?? '');
  try {
    const program = buildProgram('specplan', table, known ? [first!] : names);
    program.version(packageVersion(), '-V, --version');
    await program.parseAsync(argv, { from: 'user' });
    return Number(process.exitCode ?? 0);
  } catch (e) {
    return reportError(e, 'specplan');
  }
}
