import { ProblemError } from '../repo/errors.js';
import type { SpecRepo } from '../repo/types.js';
import type { FileChange } from '../repo/write.js';
import { planPathOfFile } from './plan-files.js';
import { compareWithApproved, describeChange, freezeSnapshot, headerStatus } from './freeze.js';


/**
 * Refuse any change to the document of an approved or superseded plan other than the lifecycle
 * fields supersession sets (Status approved → superseded, Superseded by). Throws a ProblemError
 * naming the plan and the sections that would change.
 */
export function guardFrozen(repo: SpecRepo, changes: readonly FileChange[]): void {
  for (const c of changes) {
    const plan = planPathOfFile(c.file);
    if (plan === null || c.before === null || c.before === c.content) continue;
    const entry = repo.plans.get(plan);
    const status = entry?.parsed.plan.header.status ?? null;
    if (status !== 'approved' && status !== 'superseded') continue;
    const next = headerStatus(c.content);
    const allowed = status === 'approved' ? ['approved', 'superseded'] : ['superseded'];
    if (!allowed.includes(next ?? '')) {
      throw new ProblemError(`refusing to change the status of ${status} plan ${plan} to ${next ?? '(none)'}`, status === 'approved' ? 'an approved plan can only become superseded' : 'a superseded plan stays superseded');
    }
    const diff = compareWithApproved(freezeSnapshot(c.before), c.content);
    if (diff.length) {
      throw new ProblemError(
        `refusing to change ${status} plan ${plan}: ${diff.map(describeChange).join('; ')}`,
        status === 'approved' ? `an approved plan is frozen; create a new plan and run \`specplan supersede ${plan} --by NEW\`` : 'a superseded plan is a historical record; change its successor instead',
      );
    }
  }
}
