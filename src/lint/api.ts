import type { Diagnostic } from '../model/common.js';
import type { WorkItem } from '../model/execution.js';
import type { SpecRepo } from '../model/repository.js';
import type { LintRule } from './rule.js';

/** Options for a lint run. */
export interface LintOptions {
  /** Root-relative paths (files or folders) to report on; all when empty. */
  paths?: string[];
  /** Execution items, when known: roadmap statuses in the index are then checked with them. */
  items?: readonly WorkItem[];
  /** The rules to run; the default preset when omitted. */
  rules?: readonly LintRule[];
}

export interface LintResult {
  diagnostics: Diagnostic[];
  errorCount: number;
  warningCount: number;
}

/** A lint run over a repository; see `lintRepo`. */
export type LintRepo = (repo: SpecRepo, opts?: LintOptions) => LintResult;
