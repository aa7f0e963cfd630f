import { lintRepo } from '../../src/lint/index.js';
import { indexChangesFor } from '../../src/app/unit-of-work.js';
import { loadExecution } from '../../src/repo/execution.js';
import { loadRepo } from '../../src/repo/load-repo.js';
import { buildAll, runBuilt, runBuiltSync, runCli as runInThisProcess, type RunResult } from './cli.js';
import { commitAll, git } from './git.js';
import { makeSpecRepo, read, removeRepo, write } from './repo.js';

export { commitAll, git, read, removeRepo, type RunResult };
export const writeFile = write;

/** The built `specplan` CLI (the shared test build of the whole package, see test/support/cli.ts). */
export function buildCli(): { script: string; cleanup: () => void } {
  return { script: buildAll().specplan, cleanup: () => undefined };
}

/** Run the built CLI synchronously in `cwd`. */
export function runCli(script: string, cwd: string, args: string[], env: NodeJS.ProcessEnv = {}): RunResult {
  return runBuiltSync(script, args, { cwd, env: { ...process.env, ...env } });
}

/** Run the built CLI as a child process (for concurrency tests). */
export function runCliAsync(script: string, cwd: string, args: string[]): Promise<RunResult> {
  return runBuilt(script, args, { cwd, timeoutMs: 300_000 });
}

function feature(title: string): string {
  return `# Feature: ${title}\n\n**Status:** Approved\n\n## Summary\n\n${title} does useful things.\n\n## Outstanding Questions\n\nNone at this time.\n`;
}

/** A small spec repository: features cli, api, chat, chat/workflow; an approved proposal cli/batch-mode. */
export interface RepoOptions {
  enforceFreeze?: 'warn' | 'reject' | 'off';
  git?: boolean;
}

/** Create a temp spec repository (a real git repository with one commit unless `git: false`). */
export function makeRepo(opts: RepoOptions = {}): string {
  return makeSpecRepo({
    prefix: 'specplan-lc-',
    files: {
      'spec/features/cli/README.md': feature('CLI'),
      'spec/features/api/README.md': feature('API'),
      'spec/features/chat/README.md': feature('Chat'),
      'spec/features/chat/workflow/README.md': feature('Chat workflow'),
      'spec/features/cli/proposals/batch-mode/README.md':
        '# Proposal: Batch mode\n\n| Field | Value |\n|--------|-------|\n| Status | `approved` |\n| Author | @sam |\n\n## Summary\n\nRun many items at once.\n\n## Outstanding Questions\n\nNone at this time.\n',
      'specscore.yaml': `project: demo\nplanning:\n  enforce_freeze: ${opts.enforceFreeze ?? 'warn'}\n  lint:\n    rules:\n      plan/template-placeholders: "off"\n`,
    },
    git: opts.git !== false && 'initial spec',
  });
}

/**
 * What `specplan lint` and `specplan index --check` would say: lint errors and warnings, and the
 * files the index would rewrite. Both empty on a clean repository.
 */
export async function health(root: string): Promise<{ problems: string[]; drift: string[] }> {
  const repo = loadRepo(root);
  const exec = await loadExecution(root);
  const lint = lintRepo(repo, { items: exec.items });
  const problems = lint.diagnostics.filter((d) => d.severity !== 'info').map((d) => `${d.file}:${d.line} ${d.rule} ${d.message}`);
  const drift = indexChangesFor(repo, exec.items).map((c) => c.file);
  return { problems, drift };
}

/**
 * Run a `specplan` command in this process through the binary's own dispatch, with `--root`
 * appended. Used for the large matrices; every command also runs as a real process elsewhere.
 */
export function runInProcess(root: string, args: string[]): Promise<RunResult> {
  return runInThisProcess([...args, '--root', root]);
}
