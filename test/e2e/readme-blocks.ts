import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, readFileSync, symlinkSync } from 'node:fs';
import path from 'node:path';

/** A `$ command` line of a README console block with the output lines the README shows for it. */
export interface ShownCommand {
  command: string;
  expected: string[];
}

/** Every fenced block of `lang` in a markdown text, in order. */
export function fencedBlocks(markdown: string, lang: string): string[] {
  const out: string[] = [];
  const re = new RegExp('^```' + lang + '\\n([\\s\\S]*?)^```$', 'gm');
  for (const m of markdown.matchAll(re)) out.push(m[1]!);
  return out;
}

/** The commands of the README's `console` blocks: `$ ` lines, each followed by its shown output. */
export function shownCommands(markdown: string): ShownCommand[] {
  const out: ShownCommand[] = [];
  for (const block of fencedBlocks(markdown, 'console')) {
    for (const line of block.replace(/\n$/, '').split('\n')) {
      if (line.startsWith('$ ')) out.push({ command: line.slice(2), expected: [] });
      else if (out.length) out[out.length - 1]!.expected.push(line.trimEnd());
    }
  }
  return out;
}

/**
 * Whether `actual` shows what `expected` says: the expected lines in order, a `…` line standing
 * for any number of lines. Without a leading or trailing `…` the output must start or end there.
 */
export function matchesShown(expected: string[], actual: string[]): boolean {
  const segments: string[][] = [[]];
  for (const line of expected) {
    if (line === '…') segments.push([]);
    else segments[segments.length - 1]!.push(line);
  }
  const at = (pos: number, seg: string[]) => seg.every((l, i) => actual[pos + i] === l);
  const first = segments[0]!;
  const last = segments[segments.length - 1]!;
  if (!at(0, first)) return false;
  let pos = first.length;
  if (segments.length === 1) return pos === actual.length;
  for (const seg of segments.slice(1, -1)) {
    let found = -1;
    for (let p = pos; p + seg.length <= actual.length; p++)
      if (at(p, seg)) {
        found = p;
        break;
      }
    if (found < 0) return false;
    pos = found + seg.length;
  }
  const tail = actual.length - last.length;
  return tail >= pos && at(tail, last);
}

/** Run the commands in one bash session in `cwd`; return each command's output lines and exit code. */
export function runShown(commands: ShownCommand[], cwd: string, env: NodeJS.ProcessEnv): { lines: string[]; code: number }[] {
  const script = ['exec 2>&1', ...commands.flatMap((c, i) => [`echo '@@@ ${i}'`, c.command, `echo "@@@ exit $?"`])].join('\n');
  const res = spawnSync('bash', ['-c', script], { cwd, env, encoding: 'utf8', timeout: 120_000 });
  const parts = res.stdout.split(/^@@@ \d+\n/m).slice(1);
  return parts.map((part) => {
    const m = /^@@@ exit (\d+)\n?$/m.exec(part);
    const body = m ? part.slice(0, m.index) : part;
    const lines = body.replace(/\n$/, '').split('\n');
    return { lines: body === '' ? [] : lines, code: m ? Number(m[1]) : -1 };
  });
}

/**
 * A fresh copy of the checkout in `parent/specscore-plans`: the files git knows (committed or not),
 * the checkout's node_modules linked, the checkout's build as the copy's `dist/`, and the package's `bin` entries
 * linked into `parent/bin` as `npm link` does. `../shared` is linked beside it when present.
 */
export function freshCopy(project: string, parent: string, built: string): { clone: string; bin: string } {
  const clone = path.join(parent, 'specscore-plans');
  const files = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: project, encoding: 'utf8' })
    .split('\0')
    .filter((f) => f && f !== 'node_modules' && existsSync(path.join(project, f)));
  for (const f of files) {
    mkdirSync(path.dirname(path.join(clone, f)), { recursive: true });
    cpSync(path.join(project, f), path.join(clone, f));
  }
  symlinkSync(path.join(project, 'node_modules'), path.join(clone, 'node_modules'));
  const shared = path.join(project, '..', 'shared');
  if (existsSync(shared)) symlinkSync(shared, path.join(parent, 'shared'));
  cpSync(built, path.join(clone, 'dist'), { recursive: true });
  const pkg = JSON.parse(readFileSync(path.join(clone, 'package.json'), 'utf8')) as { bin: Record<string, string> };
  const bin = path.join(parent, 'bin');
  mkdirSync(bin);
  for (const [name, target] of Object.entries(pkg.bin)) {
    const file = path.join(clone, target);
    if (!existsSync(file)) throw new Error(`bin ${name}: ${target} was not built`);
    chmodSync(file, 0o755);
    symlinkSync(file, path.join(bin, name));
  }
  return { clone, bin };
}
