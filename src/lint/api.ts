import type { Diagnostic } from '../model/common.js';
import type { WorkItem } from '../model/execution.js';
import type { LintRule } from './rule.js';

/** Options for a lint run. */
export interface LintOptions {
  /** Root-relative paths (files or folders) to report on; all when empty. */
  paths?: string[];
  /**
   * Execution items, when known: roadmap statuses, the index's Progress and Recently Closed and
   * everything else regenerating the index would change are then checked exactly, so lint
   * reports the drift that `specplan index --check` reports.
   */
  items?: readonly WorkItem[];
  /**
   * Findings made while reading files outside the repository model (the work-item ledger):
   * reported with the others, under the same severity settings and path filter.
   */
  findings?: readonly Diagnostic[];
  /** The rules to run; the default preset when omitted. */
  rules?: readonly LintRule[];
  /**
   * Report only errors: a rule that cannot report an error under the repository's severity
   * settings (nor owns findings made while reading) is not run.
   */
  errorsOnly?: boolean;
}

/** Findings of a lint run, sorted, with their counts. */
export interface LintResult {
  diagnostics: Diagnostic[];
  errorCount: number;
  warningCount: number;
  infoCount: number;
}
