import type { LintRule } from '../rule.js';
import featurePlansTable from './feature-plans-table.js';
import indexFeatures from './index-features.js';
import indexRows from './index-rows.js';
import planApprovalFields from './plan-approval-fields.js';
import planChildDepth from './plan-child-depth.js';
import planDateFormat from './plan-date-format.js';
import planDependencyCycle from './plan-dependency-cycle.js';
import planDependsOn from './plan-depends-on.js';
import planEffortValue from './plan-effort-value.js';
import planFeatureLinks from './plan-feature-links.js';
import planHeaderOrder from './plan-header-order.js';
import planHeaderRequired from './plan-header-required.js';
import planImpactValue from './plan-impact-value.js';
import planNesting from './plan-nesting.js';
import planNoCompletionMarkers from './plan-no-completion-markers.js';
import planOutstandingQuestions from './plan-outstanding-questions.js';
import planRequiredSections from './plan-required-sections.js';
import planSlug from './plan-slug.js';
import planSourceLinks from './plan-source-links.js';
import planSourceTypeValue from './plan-source-type-value.js';
import planStatusValue from './plan-status-value.js';
import planStepNumbers from './plan-step-numbers.js';
import planSupersededBy from './plan-superseded-by.js';
import planTemplatePlaceholders from './plan-template-placeholders.js';
import proposalPlanLink from './proposal-plan-link.js';
import roadmapChildPlans from './roadmap-child-plans.js';
import roadmapNoSteps from './roadmap-no-steps.js';
import specscoreFrontMatter from './specscore-front-matter.js';
import specscoreFooter from './specscore-footer.js';
import specscoreDependsOn from './specscore-depends-on.js';
import specscoreVerifies from './specscore-verifies.js';
import specscoreStatusValue from './specscore-status-value.js';
import specscoreStatusRollup from './specscore-status-rollup.js';
import specscoreStructure from './specscore-structure.js';
import specscoreIndexComplete from './specscore-index-complete.js';

/** The default preset: every rule, sorted by id. Each has ok/not-ok fixtures under test/lint/fixtures/rules/. */
export const RULES: readonly LintRule[] = [
  featurePlansTable,
  indexFeatures,
  indexRows,
  planApprovalFields,
  planChildDepth,
  planDateFormat,
  planDependencyCycle,
  planDependsOn,
  planEffortValue,
  planFeatureLinks,
  planHeaderOrder,
  planHeaderRequired,
  planImpactValue,
  planNesting,
  planNoCompletionMarkers,
  planOutstandingQuestions,
  planRequiredSections,
  planSlug,
  planSourceLinks,
  planSourceTypeValue,
  planStatusValue,
  planStepNumbers,
  planSupersededBy,
  planTemplatePlaceholders,
  proposalPlanLink,
  roadmapChildPlans,
  roadmapNoSteps,
  specscoreFrontMatter,
  specscoreFooter,
  specscoreDependsOn,
  specscoreVerifies,
  specscoreStatusValue,
  specscoreStatusRollup,
  specscoreStructure,
  specscoreIndexComplete,
].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
