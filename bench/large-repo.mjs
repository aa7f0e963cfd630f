/**
 * The large repository of `npm run bench`: bench/generate-repo.mjs (plans, 2,000 features, about
 * 31 MB for 10,000 plans) plus a work-items ledger (of the approved plans, 30 % completed, 25 %
 * in progress, a fifth of those blocked), committed to git, with WHATS-NEXT.md generated once so
 * an incremental run has a report to compare with. Deterministic.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { generateRepo } from './generate-repo.mjs';
import { writeLedger } from './whats-next-gen.mjs';
import { listPlans, parsePlan } from './plan-header.mjs';

/** Generate into `root`; returns a description and the plan files (for "one plan changed"). */
export function prepareLarge(root, { plans, whatsNextBin }) {
  const out = generateRepo({ root, plans, features: 2000, seed: 1 });
  const planFiles = [];
  const items = [];
  let k = 0;
  for (const p of listPlans(root)) {
    planFiles.push(path.join('spec/plans', p, 'README.md'));
    const { status, steps } = parsePlan(path.join(root, 'spec/plans', p, 'README.md'));
    if (status !== 'approved' || steps.length === 0) continue;
    const x = (k++ * 7919) % 100;
    const date = `2026-02-${String(1 + (k % 28)).padStart(2, '0')}`;
    const done = x < 30 ? steps.length : x < 55 ? Math.max(1, Math.floor(steps.length / 2)) : 0;
    for (const s of steps.slice(0, done)) items.push({ id: `SYN-${items.length + 1}`, plan: p, step: s, status: 'done', updated: date });
    if (x >= 30 && x < 55 && done < steps.length)
      items.push({ id: `SYN-${items.length + 1}`, plan: p, step: steps[done], status: x % 5 === 0 ? 'blocked' : 'in_progress', updated: date });
  }
  writeLedger(root, items);
  const git = (...a) => execFileSync('git', ['-c', 'user.name=bench', '-c', 'user.email=bench@example.com', ...a], { cwd: root, stdio: 'ignore' });
  git('init', '-q');
  git('add', '-A');
  git('commit', '-qm', 'synthetic');
  execFileSync(process.execPath, [whatsNextBin, '--root', root, '--provider', 'none', '--full'], {
    env: { ...process.env, SPECPLAN_TODAY: '2026-03-01' },
    stdio: 'ignore',
  });
  return {
    description: `${planFiles.length} plans, ${out.features} features, ${items.length} work items, ${(out.bytes / 1e6).toFixed(0)} MB`,
    planFiles,
  };
}
