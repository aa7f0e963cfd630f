import { chmodSync, existsSync, mkdirSync, readFileSync, realpathSync, statSync, unlinkSync } from 'node:fs';
import path from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { ProblemError, UsageError } from '../repo/errors.js';
import { openGit } from './git-baseline.js';

const START = '# >>> specscore-plans: check-frozen (added by `specplan hooks install`) >>>';
const END = '# <<< specscore-plans: check-frozen <<<';
const SHELLS = /^#!\s*(?:\/usr\/bin\/env\s+)?(?:\/[\w/.-]*\/)?(?:sh|bash|dash|zsh|ksh)\b/;

/** How the hook runs the CLI: the node binary and the built `specplan.js`, recorded at install. */
export interface HookCommand {
  node: string;
  script: string;
}

export interface HookResult {
  /** Absolute path of the hook file. */
  file: string;
  action: 'created' | 'added' | 'updated' | 'unchanged' | 'removed' | 'absent';
}

function quote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/**
 * The shell block the hook runs: check-frozen --staged on the spec root, through the recorded
 * node + script when the script still exists, else through `npx --no-install specplan`.
 */
export function hookBlock(cmd: HookCommand, rootFromTop: string): string {
  const args = `check-frozen --staged --root "$specplan_root"`;
  return [
    START,
    `specplan_root="$(git rev-parse --show-toplevel)/${rootFromTop.replace(/["\\$`]/g, '\\$&')}"`,
    `if [ -f ${quote(cmd.script)} ]; then`,
    `  ${quote(cmd.node)} ${quote(cmd.script)} ${args} || exit $?`,
    'else',
    `  npx --no-install specplan ${args} || exit $?`,
    'fi',
    END,
  ].join('\n');
}

async function hookTarget(root: string): Promise<{ file: string; rootFromTop: string }> {
  const view = await openGit(root);
  if (!view) throw new UsageError(`${root} is not inside a git repository`, 'run `git init` first, or run `specplan check-frozen` from your CI instead of a hook');
  const hooks = path.resolve(root, (await view.git.raw(['rev-parse', '--git-path', 'hooks'])).trim());
  const top = (await view.git.raw(['rev-parse', '--show-toplevel'])).trim();
  const common = path.resolve(root, (await view.git.raw(['rev-parse', '--git-common-dir'])).trim());
  const inside = (p: string, dir: string) => p === dir || p.startsWith(dir + path.sep);
  // A core.hooksPath shared by other repositories (e.g. set globally) is not ours to change.
  if (!inside(hooks, path.resolve(top)) && !inside(hooks, common)) {
    throw new ProblemError(`git's hooks folder for this repository is ${hooks} (core.hooksPath), outside the repository, so no hook was installed there`, 'add `specplan check-frozen --staged` to the pre-commit hook in that folder yourself');
  }
  const rel = path.relative(realpathSync(top), realpathSync(root)).split(path.sep).join('/');
  return { file: path.join(hooks, 'pre-commit'), rootFromTop: rel || '.' };
}

function write(file: string, content: string, mode: number): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileAtomic.sync(file, content, { mode });
  chmodSync(file, mode);
}

/**
 * Install the pre-commit hook that runs `specplan check-frozen --staged`. A missing hook is
 * created; an existing shell hook gets the block right after its `#!` line (so an `exit` at its
 * end cannot skip it) and keeps everything else; a hook already holding the block gets it
 * refreshed. A hook in another language is refused, never overwritten.
 */
export async function installHook(root: string, cmd: HookCommand): Promise<HookResult> {
  const { file, rootFromTop } = await hookTarget(root);
  const block = hookBlock(cmd, rootFromTop);
  if (!existsSync(file)) {
    write(file, `#!/bin/sh\n${block}\n`, 0o755);
    return { file, action: 'created' };
  }
  const text = readFileSync(file, 'utf8');
  const mode = (statSync(file).mode & 0o777) | 0o111;
  const a = text.indexOf(START);
  const b = text.indexOf(END);
  if (a >= 0 && b > a) {
    const next = text.slice(0, a) + block + text.slice(b + END.length);
    if (next === text) return { file, action: 'unchanged' };
    write(file, next, mode);
    return { file, action: 'updated' };
  }
  const nl = text.indexOf('\n');
  const first = nl >= 0 ? text.slice(0, nl) : text;
  if (!SHELLS.test(first)) {
    throw new ProblemError(
      `${file} already exists and is not a shell script, so it was left as it is`,
      `add this command to it yourself: ${quote(cmd.node)} ${quote(cmd.script)} check-frozen --staged --root ${quote(rootFromTop)}`,
    );
  }
  write(file, `${first}\n${block}\n${nl >= 0 ? text.slice(nl + 1) : ''}`, mode);
  return { file, action: 'added' };
}

/** Remove the block again; a hook left with nothing but its `#!` line is deleted. */
export async function uninstallHook(root: string): Promise<HookResult> {
  const { file } = await hookTarget(root);
  if (!existsSync(file)) return { file, action: 'absent' };
  const text = readFileSync(file, 'utf8');
  const a = text.indexOf(START);
  const b = text.indexOf(END);
  if (a < 0 || b < a) return { file, action: 'absent' };
  let end = b + END.length;
  if (text[end] === '\n') end++;
  const next = text.slice(0, a) + text.slice(end);
  if (/^#![^\n]*\n?\s*$/.test(next)) unlinkSync(file);
  else write(file, next, statSync(file).mode & 0o777);
  return { file, action: 'removed' };
}
