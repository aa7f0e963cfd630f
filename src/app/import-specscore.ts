import { ImportProblem, type ConvertedPlan } from '../interop/import-plan.js';
import { mergeLedger } from '../interop/ledger-merge.js';
import { FORMAT_NAMES } from '../interop/build-plan.js';
import { importedAsSpecscore } from '../interop/specscore-import.js';
import { inlineProblems } from '../lint/problem-wording.js';
import type { LintResult } from '../lint/api.js';
import { acceptSpecscorePlan } from '../lint/specscore-acceptance.js';
import { UsageError } from '../model/errors.js';
import type { ImportFormat } from '../model/interop-formats.js';
import { PLANS_DIR, type SpecRepo } from '../model/repository.js';
import { LEDGER_FILE } from '../repo/execution.js';
import { readIfPresent, refusalError } from '../repo/refusal.js';
import { READ_LIMITS } from '../repo/safe-read.js';
import type { DraftSource } from '../drafting/source.js';
import { runOperation, type OperationOutcome } from './unit-of-work.js';
import { writeSpecscorePlan } from './write-specscore-plan.js';

/** What the import of a converted plan into a repository of the current format needs. */
export interface SpecscoreImport {
  root: string;
  repo: SpecRepo;
  converted: ConvertedPlan;
  source: DraftSource;
  from: ImportFormat;
  sourceLabel: string;
  today: string;
  dryRun: boolean;
}

/**
 * An imported plan written in the current SpecScore format: a Draft single-file plan
 * `spec/plans/<slug>.md` (`importedAsSpecscore`), accepted by that format's pipeline, written
 * with its index row, the feature's Plans row and the source's progress in the ledger as one
 * journaled operation. Its tasks verify no acceptance criterion yet; a note says so.
 */
export async function importIntoSpecscoreRepo(
  req: SpecscoreImport,
): Promise<{ outcome: OperationOutcome<unknown>; file: string; markdown: string; notes: string[]; lint: LintResult }> {
  const { repo, converted } = req;
  if (req.source.kind !== 'feature') throw new UsageError('the current SpecScore format has no proposals as plan sources', 'import with the feature instead');
  if (converted.planPath.includes('/'))
    throw new UsageError(
      `"${converted.planPath}" nests the plan in a folder; a new plan of the current SpecScore format is a single file spec/plans/<slug>.md`,
      'import without the parent option; a sub-plan names its master with **Parent:** in its header',
    );
  const planPath = converted.planPath;
  const file = `${PLANS_DIR}/${planPath}.md`;
  const feature = converted.plan.header.features[0]?.text ?? req.source.feature;
  const header = {
    file,
    source: { kind: 'feature' as const, feature: req.source.feature },
    owner: converted.plan.header.author ?? '@specplan',
    date: req.today,
  };
  const approach = `Imported${req.sourceLabel ? ` from \`${req.sourceLabel}\`` : ''} (${FORMAT_NAMES[req.from]}) on ${req.today}: one task per step of the source, in its order and with its dependencies.`;
  const accepted = acceptSpecscorePlan(repo, planPath, file, importedAsSpecscore(converted.plan, header, approach));
  if (!accepted.markdown)
    throw new ImportProblem(
      `the imported plan has ${accepted.problems.length} problem${accepted.problems.length > 1 ? 's' : ''}: ${inlineProblems(accepted.problems)}; nothing was written`,
      'fix the source and import again; a dry run shows the plan',
      converted.unmapped,
      converted.notes,
    );
  const markdown = accepted.markdown;
  const outcome = await runOperation(
    req.root,
    (op) => {
      const planned = writeSpecscorePlan(op, planPath, { content: { markdown } });
      if (converted.ledger.length) {
        const read = readIfPresent(op.root, LEDGER_FILE, READ_LIMITS.ledger);
        if (read && !read.ok) throw refusalError(LEDGER_FILE, read.refusal);
        const before = read ? read.bytes.toString('utf8') : null;
        planned.changes.push({ file: LEDGER_FILE, content: mergeLedger(LEDGER_FILE, before, converted.ledger), before });
      }
      return planned;
    },
    { today: req.today, dryRun: req.dryRun },
  );
  const notes = [
    `the tasks verify no acceptance criterion of feature ${feature} yet (an import cannot tell which one a step implements): write a **Verifies:** line in each task before review`,
  ];
  const warnings = accepted.warnings;
  const lint: LintResult = {
    diagnostics: warnings,
    errorCount: 0,
    warningCount: warnings.filter((d) => d.severity === 'warning').length,
    infoCount: warnings.filter((d) => d.severity === 'info').length,
  };
  return { outcome, file, markdown, notes, lint };
}
