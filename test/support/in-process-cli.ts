import { runSpecplan } from '../../src/cli/main.js';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Environment variables the LLM and GitHub clients read: cleared for every run so the machine's own keys never leak in. */
export const CLIENT_ENV = [
  'ANTHROPIC_API_KEY',
  'ANTHROPIC_BASE_URL',
  'ANTHROPIC_AUTH_TOKEN',
  'OPENAI_API_KEY',
  'OPENAI_BASE_URL',
  'GITHUB_TOKEN',
  'GITHUB_API_URL',
  'SPECPLAN_LLM_TIMEOUT_MS',
  'SPECPLAN_LLM_MAX_RETRIES',
  'SPECPLAN_LLM_CONCURRENCY',
];

/**
 * Run `specplan ARGV` in this process through the binary's own dispatch (`runSpecplan`: the same
 * lazily loaded command module, commander set-up and error mapping), capturing stdout, stderr and
 * the exit code; msw in the test process intercepts its HTTP. `env` is set for the run only, over
 * a process environment with `CLIENT_ENV` cleared; `cwd` is the working directory for the run.
 */
export async function runSpecplanInProcess(argv: string[], opts: { env?: Record<string, string>; cwd?: string } = {}): Promise<CliRun> {
  const env = opts.env ?? {};
  const saved = new Map([...CLIENT_ENV, ...Object.keys(env)].map((k) => [k, process.env[k]]));
  for (const k of CLIENT_ENV) delete process.env[k];
  Object.assign(process.env, env);
  const out: string[] = [];
  const err: string[] = [];
  const writeOut = process.stdout.write.bind(process.stdout);
  const writeErr = process.stderr.write.bind(process.stderr);
  const savedCwd = process.cwd();
  process.stdout.write = ((chunk: string | Uint8Array) => (out.push(String(chunk)), true)) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string | Uint8Array) => (err.push(String(chunk)), true)) as typeof process.stderr.write;
  process.exitCode = undefined;
  if (opts.cwd) process.chdir(opts.cwd);
  try {
    const code = await runSpecplan(argv);
    return { code, stdout: out.join(''), stderr: err.join('') };
  } finally {
    if (opts.cwd) process.chdir(savedCwd);
    process.stdout.write = writeOut;
    process.stderr.write = writeErr;
    process.exitCode = undefined;
    for (const [k, v] of saved) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}
