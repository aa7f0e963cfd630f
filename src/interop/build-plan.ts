import { draftPlanHeader, type DraftHeader } from '../model/draft.js';
import type { Plan } from '../model/plan.js';
import { bulletList } from '../markdown/writer.js';
import type { ImportFormat } from '../model/interop-formats.js';
import type { ImportDraft } from './types.js';

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
  const provenance = `Imported${opts.sourceLabel ? ` from \`${opts.sourceLabel}\`` : ''} (${FORMAT_NAMES[draft.format]}) on ${opts.today}.`;
  return {
    title: (draft.title ?? '').replace(/\s+/g, ' ').trim() || opts.fallbackTitle,
    preamble: '',
    header: draftPlanHeader(header, null, null),
    context: [...draft.context.map(protectText), provenance].join('\n\n'),
    acceptanceCriteria: draft.acceptanceCriteria.map(protectText),
    steps: draft.steps.map((s) => ({ ...protectStep(s), subSteps: s.subSteps.map(protectStep) })),
    stepsPreamble: '',
    childPlans: null,
    childPlansNotes: '',
    dependencyGraph: null,
    risks: draft.risks.length ? bulletList(draft.risks.map(protectText)) : null,
    outstandingQuestions: draft.questions.length ? bulletList(draft.questions.map(protectText)) : 'None at this time.',
    extraSections: [],
  };
}

/**
 * Keep imported free text from changing the plan's structure when it is rendered and read back:
 * outside fenced code, a line that would be a heading gets its `#` escaped and a line that would
 * be a `**Field:**` line is indented by one space (same rendering, not a field).
 */
function protectText(text: string): string {
  let fence: string | null = null;
  return text
    .split('\n')
    .map((line) => {
      const f = /^\s*(`{3,}|~{3,})/.exec(line);
      if (f) {
        if (fence === null) fence = f[1]![0]!;
        else if (f[1]![0] === fence) fence = null;
        return line;
      }
      if (fence !== null) return line;
      if (/^\s{0,3}#{1,6}(\s|$)/.test(line)) return line.replace(/#/, '\\#');
      if (/^\*\*[^*\n]+?(?::\*\*|\*\*:)/.test(line)) return ` ${line}`;
      return line;
    })
    .join('\n');
}

const protectStep = <T extends { body: string; acceptanceCriteria: string[]; produces: string[] }>(s: T): T => ({
  ...s,
  body: protectText(s.body),
  acceptanceCriteria: s.acceptanceCriteria.map(protectText),
  produces: s.produces.map(protectText),
});

/** A readable title from a file name: `dark-mode_execplan.md` → "Dark mode execplan". */
export function titleFromFileName(name: string): string {
  const base = name
    .replace(/^.*[\\/]/, '')
    .replace(/\.[a-z0-9]+$/i, '')
    .replace(/[-_]+/g, ' ')
    .trim();
  return base ? base[0]!.toUpperCase() + base.slice(1) : 'Imported plan';
}
