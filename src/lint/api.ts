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
  /** The rules to run; the default preset when omitted. */
  rules?: readonly LintRule[];
}

/** Findings of a lint run, sorted, with their counts. */
export interface LintResult {
  diagnostics: Diagnostic[];
  errorCount: number;
  warningCount: number;
}
