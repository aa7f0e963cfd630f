import path from 'node:path';
import type { Plan } from '../model/plan.js';
import { PLACEHOLDER_CONTEXT, PLACEHOLDER_CRITERION, PLACEHOLDER_STEP } from '../model/placeholder-step.js';
import { hrefToFolder } from '../model/paths.js';
import { featureFile, planFile, proposalFile, splitProposalId } from '../model/repository.js';

// What `specplan new` needs to fill the seed's template.
interface ScaffoldInput {
  /** Plan path below spec/plans/: `slug` or `roadmap/slug`. */
  planPath: string;
  title: string;
  author: string;
  /** Creation date YYYY-MM-DD (the injected clock). */
  today: string;
  /** Affected features: path below spec/features/ and title. */
  features: ReadonlyArray<{ path: string; title: string }>;
  /** The source proposal (`feature/slug`) and its title, for a change request. */
  proposal?: { id: string; title: string } | null;
}

/** Relative link from a plan README to a file. */
function hrefToFile(fromFile: string, target: string): string {
  return path.posix.relative(path.posix.dirname(fromFile), target);
}

/**
 * The seed's plan template as a model: status draft, created today, Features and Source filled
 * from the features or the proposal, Context, Acceptance criteria, one placeholder step and
 * Outstanding Questions "None at this time.". Pure.
 */
export function scaffoldPlan(input: ScaffoldInput): Plan {
  const file = planFile(input.planPath);
  const features = input.features.map((f) => ({ text: f.path, href: hrefToFile(file, featureFile(f.path)) }));
  let source: string;
  let sourceText: string;
  if (input.proposal) {
    const [feature, slug] = splitProposalId(input.proposal.id);
    const href = hrefToFolder(file, path.posix.dirname(proposalFile(input.proposal.id)));
    source = `[${input.proposal.title || slug}](${href})`;
    sourceText = `the change request ${source} to the ${feature} feature`;
  } else {
    const links = input.features.map((f) => `[${f.title || f.path} feature spec](${hrefToFolder(file, path.posix.dirname(featureFile(f.path)))})`);
    source = links.join(', ');
    sourceText = links.length > 1 ? `the feature specs ${links.join(', ')}` : `the ${links[0] ?? 'feature spec'}`;
  }
  return {
    title: input.title,
    preamble: '',
    header: {
      status: 'draft',
      features,
      sourceType: input.proposal ? 'change-request' : 'feature',
      source,
      author: input.author,
      approver: null,
      created: input.today,
      approved: null,
      effort: null,
      impact: null,
      supersededBy: null,
      extra: [],
    },
    context: `This plan implements ${sourceText}.\n\n${PLACEHOLDER_CONTEXT}`,
    acceptanceCriteria: [PLACEHOLDER_CRITERION],
    steps: [{ ...PLACEHOLDER_STEP, dependsOn: [], produces: [], acceptanceCriteria: [...PLACEHOLDER_STEP.acceptanceCriteria], extraFields: [], subSteps: [] }],
    stepsPreamble: '',
    childPlans: null,
    childPlansNotes: '',
    dependencyGraph: null,
    risks: null,
    outstandingQuestions: 'None at this time.',
    extraSections: [],
  };
}
