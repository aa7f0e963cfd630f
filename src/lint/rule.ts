import type { Position, Severity } from '../model/common.js';
import type { SpecRepo } from '../model/repository.js';
import type { LintFacts } from './facts.js';
import type { PlanFormat } from '../model/plan-format.js';

/** What a rule sees: the loaded repository, shared precomputed lookups, and a reporter. */
export interface RuleContext {
  readonly repo: SpecRepo;
  readonly facts: LintFacts;
  /** Report a finding in root-relative `file` at `at` (1:1 when unknown). Message: found + expected. */
  report(file: string, at: Position | null | undefined, message: string): void;
}

/** A lint rule: one per file under `rules/`, proven by `test/lint/fixtures/rules/<id>/{ok,not-ok}/`. */
export interface LintRule {
  /** Stable id, `area/name`, e.g. `plan/header-required`; also the key in `planning.lint.rules`. */
  id: string;
  /**
   * `document`: the rule judges each plan on its own. It is run on one plan at a time, in a
   * repository that holds only that plan (its path, folder contents, parent and children as
   * loaded, its text and model), and may report only in that plan's file; a lint run can then
   * keep its findings with the plan and redo them only when the plan changes.
   * `repository` (the default): the rule looks across documents. It sees every plan's model
   * without the plan's prose (see `repositoryView`), with the features, proposals, index and
   * everything the loader found.
   */
  scope?: 'document' | 'repository';
  /** One sentence: what the rule requires. */
  description: string;
  defaultSeverity: Severity;
  /** One sentence: how to fix a finding, shown in the generated `docs/rules.md`. */
  fix?: string;
  /**
   * Findings that block review: in a plan past draft (so at submit and approve, which lint the
   * plan as it will be) they are errors whatever the default severity.
   */
  reviewGate?: boolean;
  /**
   * Ids of findings produced while reading documents (parser or loader) that this rule owns: they
   * are reported under this rule, with its severity, and are switched off with it.
   */
  adopts?: readonly string[];
  /**
   * The plan formats the rule checks (default: seed only). It sees the plans in those formats;
   * a rule of the seed format sees the plans index only in a seed-format repository.
   */
  formats?: readonly PlanFormat[];
  /**
   * False when every finding of the rule lies outside the plans' own documents (in a feature, a
   * proposal or the plans index): a caller that needs only the findings in plan documents, such
   * as What's Next counting each plan's lint errors, skips the rule. Default true.
   */
  reportsInPlans?: boolean;
  /** Check the whole repository; pure (no I/O), linear in the repository's size. */
  check(ctx: RuleContext): void;
}

/** Declare a lint rule (identity, for type inference and a uniform shape). */
export function defineRule(rule: LintRule): LintRule {
  return rule;
}
