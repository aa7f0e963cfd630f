import { renderDeviationReport } from '../render/report.js';
import { UsageError } from '../model/errors.js';
import { checkSpecPath } from '../model/paths.js';
import { readIfPresent, refusalError } from '../repo/refusal.js';
import { READ_LIMITS } from '../repo/safe-read.js';
import { PLANS_DIR, planFile } from '../model/repository.js';
import { deviationReport, type DeviationReport } from '../analysis/deviation.js';
import { runOperation, type OperationContext, type OperationOptions, type OperationOutcome, type PlannedOperation } from './unit-of-work.js';

// Where a plan's deviation report lives.
function reportFile(planPath: string): string {
  return `${PLANS_DIR}/${planPath}/reports/README.md`;
}

// The deviation report of a plan as a file change. Writing it into an approved plan's folder is
// allowed: it leaves the plan README untouched. Like every writing command, it also brings the
// index and back-references up to date (execution may have moved on since they were written).
function planReport(ctx: OperationContext, plan: string): PlannedOperation<{ plan: string; file: string; report: DeviationReport }> {
  const planPath = checkSpecPath('plan', plan);
  const entry = ctx.repo.plans.get(planPath);
  if (!entry) throw new UsageError(`plan ${planPath} does not exist`, `expected ${planFile(planPath)}`);
  const report = deviationReport(planPath, entry.parsed.plan, ctx.items, ctx.today);
  const file = reportFile(planPath);
  const before = entry.reports.includes(file) ? readExisting(ctx.root, file) : null;
  return { changes: [{ file, content: renderDeviationReport(report), before }], result: { plan: planPath, file, report } };
}

// The report as it is now, null when there is none; one that cannot be read is an error.
function readExisting(root: string, file: string): string | null {
  const read = readIfPresent(root, file, READ_LIMITS.document);
  if (read === null) return null;
  if (!read.ok) throw refusalError(file, read.refusal, 'or delete it to write a fresh report');
  return read.bytes.toString('utf8');
}

/** `specplan report PLAN`: write `spec/plans/PLAN/reports/README.md`. */
export function writeReport(
  root: string,
  plan: string,
  opts: OperationOptions,
): Promise<OperationOutcome<{ plan: string; file: string; report: DeviationReport }>> {
  return runOperation(root, (ctx) => planReport(ctx, plan), opts);
}
