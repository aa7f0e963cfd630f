import type { Link, Severity } from './common.js';
import type { Feature } from './feature.js';
import type { Plan } from './plan.js';
import type { SpecscorePlanFacts } from './plan-format.js';
import type { Proposal } from './proposal.js';
import type { Positions } from './positions.js';

/** A finding from reading a document, before it is tied to a file. */
export interface Finding {
  line: number;
  column: number;
  severity: Severity;
  rule: string;
  message: string;
}

export type { Positions } from './positions.js';

/** A link of a plan's Source field, with the 1-based line and column of its `[`. */
export interface SourceLink extends Link {
  line: number;
  column: number;
}

/** A plan document read into the model, with where each field was and what was wrong. */
export interface ParsedPlan {
  plan: Plan;
  /** The links of the Source header field (`plan.header.source`), read once, in order. */
  sourceLinks: SourceLink[];
  positions: Positions;
  findings: Finding[];
  /** Body line range (1-based, inclusive) of every level-2 section, by normalized title. */
  sections: Record<string, { line: number; endLine: number }>;
  /** Set when the document is in the current SpecScore format: what it says beyond the model. */
  specscore?: SpecscorePlanFacts;
}

/** A feature README read into the model. */
export interface ParsedFeature {
  feature: Feature;
  findings: Finding[];
  titleLine: number;
  statusLine: number | null;
}

/** A proposal README read into the model. */
export interface ParsedProposal {
  proposal: Proposal;
  findings: Finding[];
}
