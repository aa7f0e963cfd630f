import { existsSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { act, ProblemError, RepoError, UsageError } from '../model/errors.js';
import { READ_LIMITS, readRegularFile } from './safe-read.js';
import { checkedTarget } from './safe-write.js';
import { removeHookFile, writeHookFile } from './write.js';
import { gitOutput } from './git-run.js';

const START = '# >>> specscore-plans: check-frozen (added by `specplan hooks install`) >>>';
const END = '# <<< specscore-plans: check-frozen <<<';
const SHELLS = /^#!\s*(?:\/usr\/bin\/env\s+)?(?:\/[\w/.-]*\/)?(?:sh|bash|dash|zsh|ksh)\b/;

/** How the hook runs the CLI: the node binary, and where the built `specplan.js` may be (the first that exists is recorded). */
interface HookRunner {
  node: string;
  scripts: readonly string[];
}

interface HookCommand {
  node: string;
  script: string;
}

interface HookResult {
  /** Absolute path of the hook file. */
  file: string;
  action: 'created' | 'added' | 'updated' | 'unchanged' | 'removed' | 'absent';
}

function quote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

// The shell block the hook runs: check-frozen --staged on the spec root, through the recorded
// node + script when the script still exists, else through `npx --no-install specplan`.
function hookBlock(cmd: HookCommand, rootFromTop: string): string {
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

// In a work tree with commits, one git process answers, in this order: true, the hooks folder,
// the top of the work tree, the common git folder and HEAD's commit.
const GIT_PATHS_ARGS = [
  'rev-parse',
  '--is-inside-work-tree',
  '--git-path',
  'hooks',
  '--show-toplevel',
  '--git-common-dir',
  '--verify',
  '--quiet',
  'HEAD^{commit}',
];

/**
 * git's hooks folder, work tree top and common folder for the root, as git names them; null when
 * the root is not inside a git work tree. One git process and no git library when git answers at
 * once; anything else (no commit yet, a repository git refuses) is asked the careful way, which
 * says what is wrong.
 */
async function gitPaths(root: string): Promise<{ hooks: string; top: string; common: string } | null> {
  const lines = (await gitOutput(root, GIT_PATHS_ARGS))?.split('\n');
  if (lines?.length === 6 && lines[0] === 'true' && lines[5] === '') return { hooks: lines[1]!.trim(), top: lines[2]!.trim(), common: lines[3]!.trim() };
  const { openGit } = await import('./git-baseline.js');
  const view = await openGit(root);
  if (!view) return null;
  return {
    hooks: (await view.git.raw(['rev-parse', '--git-path', 'hooks'])).trim(),
    top: (await view.git.raw(['rev-parse', '--show-toplevel'])).trim(),
    common: (await view.git.raw(['rev-parse', '--git-common-dir'])).trim(),
  };
}

async function hookTarget(root: string): Promise<{ hooks: string; file: string; rootFromTop: string }> {
  const paths = await gitPaths(root);
  if (!paths)
    throw new UsageError(`${root} is not inside a git repository`, [
      'run `git init` first, or run ',
      act({ do: 'check-frozen' }),
      ' from your CI instead of a hook',
    ]);
  const hooks = path.resolve(root, paths.hooks);
  const top = paths.top;
  const common = path.resolve(root, paths.common);
  const inside = (p: string, dir: string) => p === dir || p.startsWith(dir + path.sep);
  // A core.hooksPath shared by other repositories (e.g. set globally) is not ours to change.
  if (!inside(hooks, path.resolve(top)) && !inside(hooks, common)) {
    throw new ProblemError(
      `git's hooks folder for this repository is ${hooks} (core.hooksPath), outside the repository, so no hook was installed there`,
      'add `specplan check-frozen --staged` to the pre-commit hook in that folder yourself',
    );
  }
  const rel = path.relative(realpathSync(top), realpathSync(root)).split(path.sep).join('/');
  return { hooks, file: path.join(hooks, HOOK), rootFromTop: rel || '.' };
}

const HOOK = 'pre-commit';

/** The hook's text, or null when there is none; a hook that is a symbolic link or not a regular file is refused. */
function readHook(hooks: string, file: string): string | null {
  const r = readRegularFile(checkedTarget(hooks, [HOOK], file, false), READ_LIMITS.document);
  if (r.ok) return r.bytes.toString('utf8');
  if (r.refusal.kind === 'missing') return null;
  throw new RepoError(`cannot read ${file}: ${r.refusal.message}`, 'check the hook file, then run the command again');
}

/**
 * Install the pre-commit hook that runs `specplan check-frozen --staged`. A missing hook is
 * created; an existing shell hook gets the block right after its `#!` line (so an `exit` at its
 * end cannot skip it) and keeps everything else; a hook already holding the block gets it
 * refreshed. A hook in another language is refused, never overwritten.
 */
export async function installHook(root: string, runner: HookRunner): Promise<HookResult> {
  const { hooks, file, rootFromTop } = await hookTarget(root);
  const cmd: HookCommand = { node: runner.node, script: runner.scripts.find((s) => s.endsWith('.js') && existsSync(s)) ?? runner.scripts[0] ?? '' };
  const block = hookBlock(cmd, rootFromTop);
  const text = readHook(hooks, file);
  if (text === null) {
    writeHookFile(hooks, HOOK, `#!/bin/sh\n${block}\n`);
    return { file, action: 'created' };
  }
  const a = text.indexOf(START);
  const b = text.indexOf(END);
  if (a >= 0 && b > a) {
    const next = text.slice(0, a) + block + text.slice(b + END.length);
    if (next === text) return { file, action: 'unchanged' };
    writeHookFile(hooks, HOOK, next);
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
  writeHookFile(hooks, HOOK, `${first}\n${block}\n${nl >= 0 ? text.slice(nl + 1) : ''}`);
  return { file, action: 'added' };
}

/** Remove the block again; a hook left with nothing but its `#!` line is deleted. */
export async function uninstallHook(root: string): Promise<HookResult> {
  const { hooks, file } = await hookTarget(root);
  const text = readHook(hooks, file);
  if (text === null) return { file, action: 'absent' };
  const a = text.indexOf(START);
  const b = text.indexOf(END);
  if (a < 0 || b < a) return { file, action: 'absent' };
  let end = b + END.length;
  if (text[end] === '\n') end++;
  const next = text.slice(0, a) + text.slice(end);
  if (/^#![^\n]*\n?\s*$/.test(next)) removeHookFile(hooks, HOOK);
  else writeHookFile(hooks, HOOK, next);
  return { file, action: 'removed' };
}
