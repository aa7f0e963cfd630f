import { runSpecplanInProcess, type CliRun } from './in-process-cli.js';

export type { CliRun };

/** Run `specplan ARGV` in this process (msw intercepts its HTTP), capturing stdout/stderr and the exit code. */
export function runCli(argv: string[], env: Record<string, string> = {}): Promise<CliRun> {
  return runSpecplanInProcess(argv, { env });
}
