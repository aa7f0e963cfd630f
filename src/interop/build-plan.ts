import type { DraftHeader } from '../model/draft.js';
import type { Plan } from '../model/plan.js';
import { bulletList } from '../render/markdown.js';
import type { ImportDraft, ImportFormat } from './types.js';

/** How each format is named in the plan's provenance sentence. */
export const FORMAT_NAMES: Record<ImportFormat, string> = {
  execplan: 'ExecPlan',
  speckit: 'spec-kit implementation plan',
  'execution-plan': 'execution plan',
};

export interface BuildPlanOptions {
  /** Title when the source has none (e.g. from the file name). */
  fallbackTitle: string;
  /** Where the source came from, as shown in the Context (a root-relative path or a file name). */
  sourceLabel: string;
  today: string;
}

/**
 * Assemble the draft plan model from what an importer read and the header the tool decides.
 * Pure. Context ends with a provenance sentence; an empty Outstanding Questions section reads
 * "None at this time."; Risks appear only when the source had some.
 */
export function planFromImport(draft: ImportDraft, header: DraftHeader, opts: BuildPlanOptions): Plan {
  const provenance = `Imported from \`${opts.sourceLabel}\` (${FORMAT_NAMES[draft.format]}) on ${opts.today}.`;
  return {
    title: (draft.title ?? '').replace(/\s+/g, ' ').trim() || opts.fallbackTitle,
    preamble: '',
    header: {
      status: 'draft',
      features: header.features,
      sourceType: header.sourceType,
      source: header.source,
      author: header.author,
      approver: null,
      created: header.created,
      approved: null,
      effort: null,
      impact: null,
      supersededBy: null,
      extra: [],
    },
    context: [...draft.context, provenance].join('\n\n'),
    acceptanceCriteria: [...draft.acceptanceCriteria],
    steps: draft.steps.map((s) => ({ ...s, subSteps: s.subSteps.map((x) => ({ ...x })) })),
    stepsPreamble: '',
    childPlans: null,
    childPlansNotes: '',
    dependencyGraph: null,
    risks: draft.risks.length ? bulletList(draft.risks) : null,
    outstandingQuestions: draft.questions.length ? bulletList(draft.questions) : 'None at this time.',
    extraSections: [],
  };
}

/** A readable title from a file name: `dark-mode_execplan.md` → "Dark mode execplan". */
export function titleFromFileName(name: string): string {
  const base = name.replace(/^.*[\\/]/, '').replace(/\.[a-z0-9]+$/i, '').replace(/[-_]+/g, ' ').trim();
  return base ? base[0]!.toUpperCase() + base.slice(1) : 'Imported plan';
}
