import type { DraftStep, PlanDraft } from '../model/draft.js';
import { normalizeTitle } from '../parse/plan.js';
import { level2Sections, subsections, unlink } from './sections.js';
import type { ResolvedSource } from './source.js';

/** Level-2 sections whose `###` headings are behaviour sections. */
const BEHAVIOUR_SECTIONS = [
  'behavior',
  'behaviour',
  'proposed behavior',
  'proposed behaviour',
  'proposed change',
  'proposed changes',
  'requirements',
  'functional requirements',
];

/** Level-2 sections that never describe behaviour to build. */
const NOT_BEHAVIOUR = new Set([
  'summary',
  'problem',
  'contents',
  'design philosophy',
  'design principles',
  'outstanding questions',
  'plans',
  'proposals',
  'acceptance criteria',
  'dependencies',
  'interaction with other features',
  'relationship to current spec',
  'open design decisions',
  'context',
  'motivation',
  'background',
  'non-goals',
  'alternatives considered',
  'references',
  'see also',
  'glossary',
]);

function firstParagraph(markdown: string | null, max = 600): string {
  const para = unlink(markdown ?? '')
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .find((p) => p && !p.startsWith('|') && !p.startsWith('```') && !p.startsWith('>') && !p.startsWith('<!--'));
  if (!para) return '';
  const flat = para.replace(/\s*\n\s*/g, ' ');
  return flat.length > max ? `${flat.slice(0, max).replace(/\s+\S*$/, '')}…` : flat;
}

/** Plain one-line text for a title or list item. */
function plain(text: string): string {
  return unlink(text).replace(/[`*_]/g, '').replace(/\s+/g, ' ').trim();
}

/** The behaviour sections of a spec: `###` under Behavior-like sections, else non-boilerplate `##` sections. */
export function behaviourSections(text: string): string[] {
  const subs = subsections(text, BEHAVIOUR_SECTIONS).map((s) => s.title);
  if (subs.length) return subs;
  return level2Sections(text)
    .map((s) => s.title)
    .filter((t) => !NOT_BEHAVIOUR.has(normalizeTitle(t)) && !BEHAVIOUR_SECTIONS.includes(normalizeTitle(t)));
}

/**
 * A deterministic draft without a language model (`--provider none`): one step per behaviour
 * section of the spec (the proposal's for a change request), each pointing at its section; the
 * spec's acceptance criteria carried over as plan-level criteria. Same input, same draft.
 */
export function skeletonDraft(source: ResolvedSource): PlanDraft {
  const feature = source.feature.parsed.feature;
  const docText = source.proposal ? source.proposal.text : source.feature.text;
  const docName = source.proposal ? `the "${source.title}" proposal` : `the ${feature.title || source.feature.path} feature spec`;
  const sections = behaviourSections(docText);
  const titles = sections.length ? sections : [`Implement ${source.title}`];
  const steps: DraftStep[] = titles.map((title, i) => {
    const t = plain(title);
    return {
      number: String(i + 1),
      title: sections.length ? `Implement ${t}` : t,
      description: sections.length ? `Build the behaviour described in the "${t}" section of ${docName}.` : `Build what ${docName} describes.`,
      dependsOn: [],
      produces: [],
      acceptanceCriteria: [sections.length ? `Behaviour matches the "${t}" section of ${docName}` : `Behaviour matches ${docName}`],
      subSteps: [],
    };
  });
  const ownCriteria = source.proposal ? bullets(sectionBody(source.proposal.text, 'acceptance criteria')) : feature.acceptanceCriteria;
  const criteria = ownCriteria.map(plain).filter(Boolean);
  const summary = source.proposal ? firstParagraph(sectionBody(source.proposal.text, 'summary')) : firstParagraph(feature.summary);
  return {
    title: source.proposal ? source.title : `Implement ${feature.title || source.feature.path}`,
    context: [
      summary,
      `This draft was generated without a language model: one step per behaviour section of ${docName}, with its acceptance criteria carried over. Review the steps, add dependencies and produced artifacts, then submit it for review.`,
    ]
      .filter(Boolean)
      .join('\n\n'),
    acceptanceCriteria: criteria.length ? criteria : [`All behaviour described in ${docName} is implemented and tested`],
    steps,
    risks: ['Steps mirror the sections of the spec, not a reviewed decomposition; dependencies between them are not yet declared.'],
    outstandingQuestions: [],
    effort: null,
    impact: null,
  };
}

function sectionBody(text: string, title: string): string | null {
  return level2Sections(text).find((s) => normalizeTitle(s.title) === title)?.body ?? null;
}

function bullets(body: string | null): string[] {
  return (body ?? '')
    .split('\n')
    .map((l) => /^\s*[-*+]\s+(.*)$/.exec(l)?.[1] ?? '')
    .filter(Boolean);
}
