import type { Command } from 'commander';
import type { SpecRepo } from '../model/repository.js';
import { openRepo as openWorkspaceRepo } from '../app/root.js';

/** Add the options every command takes (CONTRACTS.md). */
export function commonOptions(cmd: Command, opts: { json?: boolean } = {}): Command {
  cmd.option('--root <dir>', 'spec repository root (default: walk up from the current directory)');
  if (opts.json) cmd.option('--format <format>', 'output format: text or json', 'text').option('--json', 'same as --format json');
  return cmd;
}

/** The parsed common options. */
export interface CommonOpts {
  root?: string;
  format?: string;
  json?: boolean;
}

/** Whether the output is JSON (`--format json` or `--json`). */
export function wantsJson(o: CommonOpts): boolean {
  return o.json === true || o.format === 'json';
}

/** Resolve --root and load the repository. */
export function openRepo(o: CommonOpts): SpecRepo {
  return openWorkspaceRepo({ root: o.root });
}

/** Write one JSON document to stdout. */
export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}
