import type { Severity } from './common.js';

/** A finding from reading a document, before it is tied to a file. */
export interface Finding {
  line: number;
  column: number;
  severity: Severity;
  rule: string;
  message: string;
}

/** Positions of model fields, keyed by path: `header.status`, `steps.1.dependsOn`, `steps.1.subSteps.0`. */
export type Positions = Record<string, { line: number; column: number }>;
