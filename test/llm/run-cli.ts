import { Command } from 'commander';
import * as draftCommand from '../../src/cli/commands/draft.js';
import * as suggestCommand from '../../src/cli/commands/suggest.js';
import * as syncCommand from '../../src/cli/commands/sync.js';
import { reportError } from '../../src/cli/main.js';

const COMMANDS: Record<string, { register(program: Command): void }> = { draft: draftCommand, suggest: suggestCommand, sync: syncCommand };

/**
 * `runSpecplan` with this area's command modules registered directly (vite cannot resolve
 * main.ts's `./commands/${name}.js` dynamic import to .ts sources); the same program settings
 * and the same error reporting. The spawned-CLI test covers the real dispatch.
 */
async function runSpecplan(argv: string[]): Promise<number> {
  try {
    const program = new Command('specplan')
      .exitOverride()
      .configureOutput({ writeErr: (s) => process.stderr.write(s), writeOut: (s) => process.stdout.write(s) });
    const mod = COMMANDS[argv[0] ?? ''];
    if (!mod) throw new Error(`run-cli: unknown command ${argv[0]}`);
    mod.register(program);
    await program.parseAsync(argv, { from: 'user' });
    return Number(process.exitCode ?? 0);
  } catch (e) {
    return reportError(e, 'specplan');
  }
}

/** Environment variables the LLM layer reads; cleared before every run so the machine's own keys never leak in. */
const LLM_ENV = ['ANTHROPIC_API_KEY', 'ANTHROPIC_BASE_URL', 'ANTHROPIC_AUTH_TOKEN', 'OPENAI_API_KEY', 'OPENAI_BASE_URL', 'SPECPLAN_LLM_TIMEOUT_MS', 'SPECPLAN_LLM_MAX_RETRIES', 'SPECPLAN_LLM_CONCURRENCY'];

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Run `specplan ARGV` in this process (msw intercepts its HTTP), capturing stdout/stderr and the exit code. */
export async function runCli(argv: string[], env: Record<string, string> = {}): Promise<CliRun> {
  const saved = new Map(LLM_ENV.map((k) => [k, process.env[k]]));
  for (const k of LLM_ENV) delete process.env[k];
  Object.assign(process.env, env);
  const out: string[] = [];
  const err: string[] = [];
  const writeOut = process.stdout.write.bind(process.stdout);
  const writeErr = process.stderr.write.bind(process.stderr);
  process.stdout.write = ((chunk: string | Uint8Array) => (out.push(String(chunk)), true)) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string | Uint8Array) => (err.push(String(chunk)), true)) as typeof process.stderr.write;
  process.exitCode = undefined;
  try {
    const code = await runSpecplan(argv);
    return { code, stdout: out.join(''), stderr: err.join('') };
  } finally {
    process.stdout.write = writeOut;
    process.stderr.write = writeErr;
    process.exitCode = undefined;
    for (const [k, v] of saved) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    for (const k of Object.keys(env)) if (!saved.has(k)) delete process.env[k];
  }
}
