/**
 * Measuring helpers of `npm run bench`: run a command in a fresh process under /usr/bin/time
 * (wall time, CPU time, peak resident memory), alternate it with its reference, and summarise
 * medians and ratios.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : null;

/** The median of a list of numbers. */
export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/**
 * Run `node ...args` once; returns wall ms, CPU ms (user + system), peak RSS in MB and the exit
 * status. `ok` lists the accepted exit codes (anything else throws with stderr).
 */
export function runNode(args, { cwd, env, ok = [0] } = {}) {
  const argv = TIME ? ['-f', '@@%U %S %M', process.execPath, ...args] : args;
  const t = performance.now();
  const r = spawnSync(TIME ?? process.execPath, argv, {
    cwd,
    env: { ...process.env, ...env },
    encoding: 'utf8',
    maxBuffer: 512 * 1024 * 1024,
  });
  const wall = performance.now() - t;
  const m = /@@([\d.]+) ([\d.]+) (\d+)\s*$/.exec(r.stderr ?? '');
  if (!ok.includes(r.status)) {
    throw new Error(`node ${args.join(' ')} exited ${r.status}: ${(r.stderr ?? '').replace(/@@.*$/, '').slice(0, 600)}`);
  }
  return {
    wall,
    cpu: m ? (Number(m[1]) + Number(m[2])) * 1000 : NaN,
    rss: m ? Number(m[3]) / 1024 : NaN,
    status: r.status,
    stdout: r.stdout,
  };
}

/**
 * Alternate `runs` runs of the reference and the subject (reference first, then subject, then
 * again), calling `before()` ahead of each subject run; returns both series.
 */
export function alternate(runs, reference, subject, before = () => {}) {
  const ref = [];
  const sub = [];
  reference(); // one warm-up of each, not counted: the page cache and the disk
  before();
  subject();
  for (let i = 0; i < runs; i++) {
    ref.push(reference());
    before(i);
    sub.push(subject());
  }
  return { ref, sub };
}

/** Medians of a series: wall, CPU and the highest peak RSS. */
export function summary(xs) {
  return { wall: median(xs.map((x) => x.wall)), cpu: median(xs.map((x) => x.cpu)), rss: Math.max(...xs.map((x) => x.rss)) };
}
