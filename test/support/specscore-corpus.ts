import { corpus } from './corpus.js';

const specscore = corpus('specscore-spec');

/** The SpecScore repository's own spec tree (the current plan format), next to the checkout. */
export const SPECSCORE_CORPUS = specscore.root;

/** Why the corpus tests skip, or null when the corpus is there (under CI a missing corpus fails in the locator). */
export const SPECSCORE_CORPUS_MISSING = specscore.present ? null : 'the specscore-spec corpus is absent beside the checkout';

/** The 11 plans of the corpus: 7 single files and 4 folders. */
export const CORPUS_PLANS = {
  'artifact-frontmatter-convention': 'spec/plans/artifact-frontmatter-convention.md',
  'canonical-grade-metadata-field': 'spec/plans/canonical-grade-metadata-field.md',
  'capability-and-platform-implementations': 'spec/plans/capability-and-platform-implementations.md',
  'cross-repo-plan-composition': 'spec/plans/cross-repo-plan-composition/README.md',
  decision: 'spec/plans/decision/README.md',
  'entity-and-property-doc-kinds': 'spec/plans/entity-and-property-doc-kinds/README.md',
  idea: 'spec/plans/idea.md',
  'implementation-commit-provenance': 'spec/plans/implementation-commit-provenance.md',
  'studio-toolbar': 'spec/plans/studio-toolbar/README.md',
  'unify-task-status-vocabulary': 'spec/plans/unify-task-status-vocabulary.md',
  'v1-readiness': 'spec/plans/v1-readiness.md',
} as const;
