import { listReadmes, readTextOrNull } from '../repo/checked-read.js';
import { loadConfigLazily } from '../repo/config-source.js';
import { act, UsageError } from '../model/errors.js';
import { READ_LIMITS } from '../repo/safe-read.js';
import { PLANS_DIR, planFile } from '../model/repository.js';
import type { ApprovalRecord } from '../model/approvals.js';
import { readApprovalsText } from '../repo/approvals-file.js';
import { compareWithApproved, describeChange, freezeSnapshot, headerStatus, saysFrozen, type FreezeChange, type FrozenSnapshot } from '../lifecycle/freeze.js';
import type { GitView } from '../repo/git-baseline.js';
import { quickStagedPlanFiles } from '../repo/git-staged.js';
import { planPathOfFile } from '../model/plan-files.js';
import { whereMoved } from '../lifecycle/moved-plan.js';
import { isSpecscorePlan } from '../parse/specscore-plan.js';

// What an approved plan is compared with.
interface Baseline {
  kind: 'git' | 'fingerprint';
  /** Approval commit (git), abbreviated. */
  commit?: string;
  /** Approval date: the commit date (git) or the recorded date (fingerprint). */
  date: string;
}

// An approved plan whose content changed since approval.
interface FrozenViolation {
  plan: string;
  file: string;
  line: number;
  baseline: Baseline;
  changes: FreezeChange[];
  message: string;
}

// The outcome of `specplan check-frozen`.
interface FrozenCheck {
  mode: 'warn' | 'reject' | 'off';
  staged: boolean;
  /** Plans compared with their approved content, sorted. */
  checked: string[];
  /** Approved plans that could not be compared, with why. */
  unchecked: Array<{ plan: string; reason: string }>;
  violations: FrozenViolation[];
  /** The git history is shallow: plans approved by hand before its first commit are not seen. */
  shallow: boolean;
}

// The git reader, and the git library with it, is loaded only when there is history to look into.
const gitBaseline = () => import('../repo/git-baseline.js');

const UNREADABLE_PLAN = 'make it a readable regular file inside the repository, then run check-frozen again';

// The plan READMEs in scope and their content (null: not there), and which ones to check.
interface Scope {
  current: Map<string, string | null>;
  candidates: Set<string>;
}

// Every plan README of the work tree, read through the bounded reader; any one unreadable is an error.
async function workTreeScope(root: string, view: GitView | null, recorded: ReadonlyMap<string, ApprovalRecord>): Promise<Scope> {
  const current = new Map<string, string | null>();
  const candidates = new Set<string>();
  for (const file of listReadmes(root, PLANS_DIR, 2)) {
    if (planPathOfFile(file) === null) continue;
    const text = readTextOrNull(root, file, READ_LIMITS.document, UNREADABLE_PLAN);
    current.set(file, text);
    if (text !== null && saysFrozen(text)) candidates.add(file);
  }
  for (const plan of recorded.keys()) candidates.add(planFile(plan));
  if (view) for (const f of await (await gitBaseline()).approvedInHistory(view)) candidates.add(f);
  return { current, candidates };
}

// The staged plan READMEs and their content in the index; those ever approved are checked.
async function stagedScope(view: GitView, recorded: ReadonlyMap<string, ApprovalRecord>): Promise<Scope> {
  const { approvedInHistory, readAt, stagedPlanFiles } = await gitBaseline();
  const current = new Map<string, string | null>();
  const candidates = new Set<string>();
  const staged = await stagedPlanFiles(view);
  const history = staged.length ? new Set(await approvedInHistory(view)) : new Set<string>();
  for (const file of staged) {
    const now = await readAt(view, '', file);
    current.set(file, now);
    const head = await readAt(view, 'HEAD', file);
    const frozen = (t: string | null) => t !== null && saysFrozen(t);
    if (frozen(now) || frozen(head) || recorded.has(planPathOfFile(file)!) || history.has(file)) candidates.add(file);
  }
  return { current, candidates };
}

// The content a plan must still have, and how to name it; null when nothing records its approval.
async function baselineFor(
  view: GitView | null,
  record: ApprovalRecord | undefined,
  file: string,
): Promise<{ baseline: Baseline; snapshot: FrozenSnapshot } | null> {
  const found = view ? await (await gitBaseline()).approvalCommit(view, file, saysFrozen) : null;
  const fromGit = found
    ? { baseline: { kind: 'git' as const, commit: found.commit.slice(0, 12), date: found.date }, snapshot: freezeSnapshot(found.content) }
    : null;
  if (!record) return fromGit;
  // The record rules: the approval commit is named only when it holds exactly the recorded content.
  const snapshot = { fingerprint: record.fingerprint, sections: record.sections };
  if (fromGit && fromGit.snapshot.fingerprint === record.fingerprint) return { baseline: fromGit.baseline, snapshot };
  return { baseline: { kind: 'fingerprint', date: record.approved }, snapshot };
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

// What became of an approved plan whose file is gone.
function goneChange(snapshot: FrozenSnapshot, file: string, scope: Scope): FreezeChange {
  const moved = whereMoved(snapshot, file, scope.current);
  if (!moved) return { section: 'document', line: 1, details: ['plan deleted; an approved plan stays as a historical record'] };
  const how = moved.changes.length ? ` and changed there: ${moved.changes.map(describeChange).join('; ')}` : '';
  return { section: 'document', line: 1, details: [`plan moved to ${moved.file}${how}; an approved plan stays where it was approved, as a historical record`] };
}

/**
 * Compare every plan of the seed format that was ever approved with its content at approval: the fingerprint in
 * `.specscore/approvals.json` for the plans it lists (authoritative: a listed plan must say
 * approved or superseded and keep the recorded content), else the first commit where its Status
 * became approved. Plans approved and then moved or deleted are violations. `staged` checks the
 * git index instead of the work tree (pre-commit). A git repository git cannot use, or a plan or
 * approvals file that cannot be read, is a RepoError: never a pass. Honours
 * `planning.enforce_freeze`: with `off` nothing is checked.
 */
export async function checkFrozen(root: string, opts: { staged?: boolean } = {}): Promise<FrozenCheck> {
  const mode = (await loadConfigLazily(root)).config.enforce_freeze;
  const staged = opts.staged === true;
  const result: FrozenCheck = { mode, staged, checked: [], unchecked: [], violations: [], shallow: false };
  if (mode === 'off') return result;
  const approvalsText = readApprovalsText(root);
  // The approvals schema is loaded only when the repository records approvals.
  const recorded =
    approvalsText === null ? new Map<string, ApprovalRecord>() : (await import('../lifecycle/approvals.js')).recordedApprovals(approvalsText).approvals.plans;
  if (staged) {
    // The pre-commit hook's usual case, nothing staged under spec/plans: two git processes say so.
    const quick = await quickStagedPlanFiles(root);
    if (quick?.files.length === 0) {
      result.shallow = quick.shallow;
      return result;
    }
  }
  const view = await (await gitBaseline()).openGit(root);
  if (staged && !view)
    throw new UsageError('checking the staged content needs a git repository, and this root is not inside one', [
      'check the work tree instead: ',
      act({ do: 'check-frozen' }),
    ]);
  result.shallow = view?.shallow === true;
  const scope = staged ? await stagedScope(view!, recorded) : await workTreeScope(root, view, recorded);

  // The current SpecScore format has no freeze (snapshots are its fixed references): its plans are not compared.
  const files = [...scope.candidates]
    .filter((f) => {
      const text = scope.current.get(f);
      return !(text && isSpecscorePlan(text));
    })
    .sort();
  // git runs a few of these at a time (the client's process limit); the results keep this order.
  const bases = await Promise.all(files.map((f) => baselineFor(view, recorded.get(planPathOfFile(f)!), f)));
  files.forEach((file, i) => {
    const plan = planPathOfFile(file)!;
    const text = scope.current.get(file) ?? null;
    const base = bases[i]!;
    if (!base) {
      // A superseded plan need never have been approved (draft → superseded): only approved ones are unchecked.
      if (text !== null && headerStatus(text) === 'approved' && !staged)
        result.unchecked.push({ plan, reason: 'no approval commit in the git history and no fingerprint in .specscore/approvals.json' });
      return;
    }
    result.checked.push(plan);
    const changes = text === null ? [goneChange(base.snapshot, file, scope)] : compareWithApproved(base.snapshot, text);
    if (changes.length) result.violations.push(violation(plan, base.baseline, changes));
  });
  return result;
}
