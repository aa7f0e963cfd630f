import path from 'node:path';
import { act, ProblemError } from '../model/errors.js';
import type { SpecRepo } from '../model/repository.js';
import type { FileChange } from '../model/file-change.js';
import { APPROVALS_FILE, type ApprovalRecord } from '../model/approvals.js';
import { compareWithApproved, describeChange, freezeSnapshot, headerStatus, saysFrozen } from './freeze.js';
import { planPathOfFile } from '../model/plan-files.js';
import { isSpecscorePlan } from '../parse/specscore-plan.js';

// The recorded approval of a plan, if any.
type RecordedApproval = (plan: string) => ApprovalRecord | undefined;

function refuseStatus(plan: string, status: string, next: string | null): never {
  throw new ProblemError(
    `refusing to change the status of ${status} plan ${plan} to ${next ?? '(none)'}`,
    status === 'approved' ? 'an approved plan can only become superseded' : 'a superseded plan stays superseded',
  );
}

/**
 * Refuse any change to the document of an approved or superseded plan of the seed format other than the lifecycle
 * fields supersession sets (Status approved → superseded, the Superseded by link). A plan recorded
 * in approvals.json stays frozen even when its Status was edited back by hand: a change to it
 * must leave it with its recorded content (`recorded` looks approvals up, and is asked only for
 * plans a change touches). Throws a ProblemError naming the plan and the sections that would change.
 */
export function guardFrozen(repo: SpecRepo, changes: readonly FileChange[], recorded: RecordedApproval): void {
  for (const c of changes) {
    const plan = planPathOfFile(path.posix.normalize(c.file));
    if (plan === null) continue;
    const entry = repo.plans.get(plan);
    // The current SpecScore format has no freeze: its plans stay editable, snapshots are the fixed reference.
    if (entry?.parsed.specscore) continue;
    const before = entry?.text ?? c.before;
    if (before === c.content) continue;
    // The current SpecScore format has no freeze: its plans stay editable, snapshots are its fixed references.
    if (entry ? entry.parsed.specscore : before !== null && isSpecscorePlan(before)) continue;
    const status = entry ? entry.parsed.plan.header.status : before === null ? null : headerStatus(before);
    if (before !== null && (status === 'approved' || status === 'superseded' || saysFrozen(before))) {
      const from = status === 'superseded' ? 'superseded' : 'approved';
      const next = headerStatus(c.content);
      if (!(from === 'approved' ? ['approved', 'superseded'] : ['superseded']).includes(next ?? '')) refuseStatus(plan, from, next);
      const diff = compareWithApproved(freezeSnapshot(before), c.content);
      if (diff.length) {
        throw new ProblemError(
          `refusing to change ${from} plan ${plan}: ${diff.map(describeChange).join('; ')}`,
          from === 'approved'
            ? ['an approved plan is frozen; create a new plan and run ', act({ do: 'transition', transition: 'supersede', plan })]
            : 'a superseded plan is a historical record; change its successor instead',
        );
      }
      continue;
    }
    const record = recorded(plan);
    if (record && freezeSnapshot(c.content).fingerprint !== record.fingerprint) {
      throw new ProblemError(
        `refusing to change plan ${plan}: it was approved on ${record.approved} (recorded in ${APPROVALS_FILE}), and this change leaves it with other content`,
        'an approved plan is frozen: restore the content it was approved with from version control, or write a new plan that supersedes it',
      );
    }
  }
}
