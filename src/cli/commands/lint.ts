import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import type { Diagnostic } from '../../model/common.js';
import { UsageError } from '../../model/errors.js';
import { resolveInside } from '../../repo/paths.js';
import { commonOptions, type CommonOpts, wantsJson } from '../options.js';

/** `path:line:col severity rule message`, one finding per line (CONTRACTS.md). */
export function formatDiagnostic(d: Diagnostic): string {
  return `${d.file}:${d.line}:${d.column} ${d.severity} ${d.rule} ${d.message}`;
}

/**
 * Turn a PATH argument into a root-relative prefix: a path relative to the current directory
 * when it exists, else a path relative to the root, else a plan path below spec/plans/.
 */
export function pathFilter(root: string, arg: string, cwd = process.cwd()): string {
  if (arg.includes('\0')) throw new UsageError(`path "${arg.replace(/\0/g, '\\0')}" contains a NUL byte`, 'pass files or folders inside the root, e.g. spec/plans/user-auth');
  const norm = arg.replace(/\\/g, '/');
  const candidates = [path.resolve(cwd, norm), path.resolve(root, norm), path.resolve(root, 'spec/plans', norm)];
  const hit = candidates.find((c) => existsSync(c)) ?? candidates[0]!;
  const rel = path.relative(root, hit).split(path.sep).join('/');
  if (rel === '..' || rel.startsWith('../') || path.isAbsolute(rel)) {
    throw new UsageError(`path "${arg}" is outside the repository root ${root}`, 'pass files or folders inside the root, e.g. spec/plans/user-auth');
  }
  resolveInside(root, rel === '' ? '.' : rel); // refuses a symlink leading out of the root
  return rel;
}

/** `specplan lint [PATH…]`: text or JSON findings; exit 1 when there are errors (CONTRACTS.md). */
export function register(program: Command): void {
  const cmd = program
    .command('lint')
    .description('lint features, proposals, plans, the plans index and back-references')
    .argument('[paths...]', 'files or folders to report on (default: everything)');
  commonOptions(cmd, { json: true });
  cmd.action(async (paths: string[], opts: CommonOpts) => {
    const { printJson } = await import('../options.js');
    const { openState } = await import('../../app/workspace.js');
    const { lintRepo } = await import('../../lint/index.js');
    if (opts.format && !['text', 'json'].includes(opts.format)) throw new UsageError(`unknown format "${opts.format}"`, 'use --format text or --format json');
    // With the execution items, lint checks what `specplan index --check` checks.
    const { repo, items } = await openState({ root: opts.root });
    const filters = paths.map((p) => pathFilter(repo.root, p)).filter((p) => p !== '');
    const result = lintRepo(repo, { paths: filters, items });
    if (wantsJson(opts)) printJson(result);
    else {
      if (result.diagnostics.length) process.stdout.write(`${result.diagnostics.map(formatDiagnostic).join('\n')}\n`);
      const infos = result.diagnostics.length - result.errorCount - result.warningCount;
      process.stderr.write(`${result.errorCount} error${result.errorCount === 1 ? '' : 's'}, ${result.warningCount} warning${result.warningCount === 1 ? '' : 's'}${infos ? `, ${infos} info` : ''}\n`);
    }
    if (result.errorCount > 0) process.exitCode = 1;
  });
}
