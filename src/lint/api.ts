import type { Diagnostic } from '../model/common.js';
import type { SpecRepo } from '../repo/types.js';

/** Options for a lint run. */
export interface LintOptions {
  /** Root-relative paths (files or folders) to report on; all when empty. */
  paths?: string[];
}

export interface LintResult {
  diagnostics: Diagnostic[];
  errorCount: number;
  warningCount: number;
}
