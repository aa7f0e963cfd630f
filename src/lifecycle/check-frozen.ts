import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../repo/config.js';
import { UsageError } from '../repo/errors.js';
import { loadRepo } from '../repo/load.js';
import { planFile } from '../repo/types.js';
import { readApprovals, type Approvals } from './approvals.js';
import { compareWithApproved, describeChange, freezeSnapshot, headerStatus, type FreezeChange, type FrozenSnapshot } from './freeze.js';
import { planPathOfFile } from './plan-files.js';
import { approvalCommit, frozenAtHead, openGit, readAt, stagedPlanFiles, type GitView } from './git-baseline.js';

/** What an approved plan is compared with. */
export interface Baseline {
  kind: 'git' | 'fingerprint';
  /** Approval commit (git), abbreviated. */
  commit?: string;
  /** Approval date: the commit date (git) or the recorded date (fingerprint). */
  date: string;
}

/** An approved plan whose content changed since approval. */
export interface FrozenViolation {
  plan: string;
  file: string;
  line: number;
  baseline: Baseline;
  changes: FreezeChange[];
  message: string;
}

/** The outcome of `specplan check-frozen`. */
export interface FrozenCheck {
  mode: 'warn' | 'reject' | 'off';
  staged: boolean;
  /** Plans compared with their approved content, sorted. */
  checked: string[];
  /** Approved plans that could not be compared, with why. */
  unchecked: Array<{ plan: string; reason: string }>;
  violations: FrozenViolation[];
}


function planOf(file: string): string {
  return planPathOfFile(file)!;
}

async function baselineFor(view: GitView | null, approvals: Approvals, plan: string): Promise<{ baseline: Baseline; snapshot: FrozenSnapshot } | null> {
  if (view) {
    const c = await approvalCommit(view, planFile(plan));
    if (c) return { baseline: { kind: 'git', commit: c.commit.slice(0, 12), date: c.date }, snapshot: freezeSnapshot(c.content) };
  }
  const rec = approvals.plans[plan];
  if (rec) return { baseline: { kind: 'fingerprint', date: rec.approved }, snapshot: { fingerprint: rec.fingerprint, sections: rec.sections } };
  return null;
}

function violation(plan: string, b: Baseline, changes: FreezeChange[]): FrozenViolation {
  const since = b.kind === 'git' ? `approval commit ${b.commit} of ${b.date}` : `the fingerprint recorded at approval on ${b.date}`;
  return {
    plan,
    file: planFile(plan),
    line: changes[0]?.line ?? 1,
    baseline: b,
    changes,
    message: `approved plan ${plan} changed since ${since}: ${changes.map(describeChange).join('; ')}`,
  };
}

/**
 * Compare every approved (or approved-then-superseded) plan with its content at approval time:
 * from the commit where its Status became approved when the root is in a git repository, from
 * the fingerprint in `.specscore/approvals.json` otherwise (or when that commit is not made yet).
 * `staged` checks the git index instead of the working tree (pre-commit). Honours
 * `planning.enforce_freeze`: with `off` nothing is checked.
 */
export async function checkFrozen(root: string, opts: { staged?: boolean } = {}): Promise<FrozenCheck> {
  const mode = loadConfig(root).config.enforce_freeze;
  const staged = opts.staged === true;
  const result: FrozenCheck = { mode, staged, checked: [], unchecked: [], violations: [] };
  if (mode === 'off') return result;
  const { approvals } = readApprovals(root);
  const view = await openGit(root);
  if (staged && !view) throw new UsageError('--staged needs a git repository, and this root is not inside one', 'run `specplan check-frozen` without --staged');

  const current = new Map<string, string | null>();
  const candidates = new Set<string>();
  if (staged) {
    for (const file of await stagedPlanFiles(view!)) {
      const now = await readAt(view!, '', file);
      current.set(file, now);
      const head = await readAt(view!, 'HEAD', file);
      const plan = planOf(file);
      const frozen = (t: string | null) => t !== null && ['approved', 'superseded'].includes(headerStatus(t) ?? '');
      if (frozen(now) || frozen(head) || approvals.plans[plan]) candidates.add(file);
    }
  } else {
    const repo = loadRepo(root);
    for (const p of repo.plans.values()) {
      current.set(p.file, p.text);
      if (['approved', 'superseded'].includes(p.parsed.plan.header.status ?? '')) candidates.add(p.file);
    }
    for (const plan of Object.keys(approvals.plans)) candidates.add(planFile(plan));
    if (view) for (const f of await frozenAtHead(view)) candidates.add(f);
    for (const f of candidates) {
      if (current.has(f)) continue;
      const abs = path.join(root, f);
      current.set(f, existsSync(abs) ? readFileSync(abs, 'utf8') : null);
    }
  }

  for (const file of [...candidates].sort()) {
    const plan = planOf(file);
    const text = current.get(file) ?? null;
    const base = await baselineFor(view, approvals, plan);
    const status = text === null ? null : headerStatus(text);
    if (!base) {
      if (status === 'approved' && !staged) result.unchecked.push({ plan, reason: 'no approval commit in the git history and no fingerprint in .specscore/approvals.json' });
      continue;
    }
    result.checked.push(plan);
    if (text === null) {
      result.violations.push(violation(plan, base.baseline, [{ section: 'document', line: 1, details: ['plan deleted; an approved plan stays as a historical record'] }]));
      continue;
    }
    const changes = compareWithApproved(base.snapshot, text);
    if (changes.length) result.violations.push(violation(plan, base.baseline, changes));
  }
  return result;
}
