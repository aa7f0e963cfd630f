import type { PlanningConfig } from './config.js';
import type { Diagnostic } from './common.js';
import type { PlansIndex } from './plans-index.js';
import type { ParsedFeature, ParsedPlan, ParsedProposal } from './parsed.js';
import type { RepoFormat } from './plan-format.js';

export interface PlanEntry {
  /** Plan path below spec/plans/: `user-auth`, `chat-feature/chat-infrastructure`, or a single file's slug. */
  path: string;
  /** Root-relative document path: the folder's README.md, or `spec/plans/<slug>.md` for a single-file plan. */
  file: string;
  parent: string | null;
  /** Child plan paths, sorted. */
  children: string[];
  text: string;
  parsed: ParsedPlan;
  /** Other files in the plan folder (not README.md, acs/, reports/), root-relative. */
  extraFiles: string[];
  /** Acceptance-criteria subdirectories `acs/{slug}`, root-relative. */
  acs: string[];
  /** Files under `reports/`, root-relative. */
  reports: string[];
}

export interface FeatureEntry {
  /** Feature path below spec/features/: `chat`, `chat/workflow`. */
  path: string;
  file: string;
  parent: string | null;
  children: string[];
  text: string;
  parsed: ParsedFeature;
  /** Proposal ids `feature/slug` under this feature. */
  proposals: string[];
  /**
   * Other files of the feature folder, root-relative: sub-documents and `_args/`, `_acs/`,
   * `_tests/` contents (not sub-features or proposals). Set by `loadRepo`.
   */
  extraFiles?: string[];
}

export interface ProposalEntry {
  /** `feature/slug` */
  id: string;
  feature: string;
  slug: string;
  file: string;
  text: string;
  parsed: ParsedProposal;
}

export interface SpecRepo {
  /** Absolute root folder (the one holding spec/). */
  root: string;
  config: PlanningConfig;
  configFile: string | null;
  features: Map<string, FeatureEntry>;
  proposals: Map<string, ProposalEntry>;
  plans: Map<string, PlanEntry>;
  index: { file: string; text: string; parsed: PlansIndex } | null;
  whatsNext: { file: string; text: string } | null;
  /** Problems found while reading files (unreadable, binary, invalid UTF-8, too deep, symlinks). */
  findings: Diagnostic[];
  /** The plan format of the repository and where that was decided. Set by `loadRepo`; absent means seed. */
  format?: RepoFormat;
  /**
   * Whether a root-relative file or folder exists (memoized; false outside the root). Set by
   * `loadRepo`; lint uses it to check links to files the loader does not read. Optional so that
   * hand-built repositories need not provide it.
   */
  exists?: (rel: string) => boolean;
}

/** A repository of no documents: the one a loader fills, or one a plan is put in alone. */
export function emptyRepo(root: string, config: PlanningConfig, configFile: string | null, format?: RepoFormat): SpecRepo {
  return {
    root,
    config,
    configFile,
    ...(format ? { format } : {}),
    features: new Map(),
    proposals: new Map(),
    plans: new Map(),
    index: null,
    whatsNext: null,
    findings: [],
  };
}

export const SPEC_DIR = 'spec';
export const FEATURES_DIR = 'spec/features';
export const PLANS_DIR = 'spec/plans';
export const PLANS_INDEX = 'spec/plans/README.md';
export const WHATS_NEXT = 'spec/plans/WHATS-NEXT.md';

export function planFile(planPath: string): string {
  return `${PLANS_DIR}/${planPath}/README.md`;
}
export function featureFile(featurePath: string): string {
  return `${FEATURES_DIR}/${featurePath}/README.md`;
}
export function proposalFile(id: string): string {
  const [feature, slug] = splitProposalId(id);
  return `${FEATURES_DIR}/${feature}/proposals/${slug}/README.md`;
}
export function splitProposalId(id: string): [string, string] {
  const k = id.lastIndexOf('/');
  return [id.slice(0, k), id.slice(k + 1)];
}
