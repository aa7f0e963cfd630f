import { z } from 'zod';
import type { ImportFormat } from '../model/interop-formats.js';
import type { Step } from '../model/plan.js';

/** A piece of the source that has no home in a SpecScore plan: listed, never silently dropped. */
const UnmappedSchema = z.object({
  line: z.number().int().min(1).describe('1-based line in the source file'),
  section: z.string().describe('Heading of the source section it came from ("" before the first heading)'),
  text: z.string().describe('The source text, cut to length'),
  reason: z.string().describe('Why it was not carried into the plan'),
});
export type Unmapped = z.infer<typeof UnmappedSchema>;

/** Execution progress read from the source (a checked box, an IN PROGRESS marker). */
const ProgressMarkSchema = z.object({
  step: z.string().describe('Step number in the imported plan'),
  status: z.enum(['done', 'in_progress']).describe('Status the source shows'),
  /** Id the source gives the work item (e.g. a Linear id), else null: the step id is used. */
  externalId: z.string().nullable().describe('Work item id named in the source, if any'),
  line: z.number().int().min(1).describe('Source line of the checkbox'),
});
type ProgressMark = z.infer<typeof ProgressMarkSchema>;

/**
 * What an importer read from a source document, before it becomes a plan: pure data, no repo
 * knowledge (the header is filled in later from the command's options).
 */
export interface ImportDraft {
  format: ImportFormat;
  /** Plan title from the source, or null when it has none. */
  title: string | null;
  /** A slug the source suggests (front matter `slug:`), or null. */
  slug: string | null;
  /** Author named by the source (front matter `authors:`), or null. */
  author: string | null;
  /** Context paragraphs in order. */
  context: string[];
  acceptanceCriteria: string[];
  steps: Step[];
  /** Bullets for "Risks and open decisions". */
  risks: string[];
  /** Bullets for "Outstanding Questions". */
  questions: string[];
  progress: ProgressMark[];
  /** Latest date the source's progress records carry (YYYY-MM-DD), or null. */
  progressDate: string | null;
  unmapped: Unmapped[];
  /** Assumptions the importer made where the source was ambiguous. */
  notes: string[];
}

/** An empty draft for a format. */
export function emptyDraft(format: ImportFormat): ImportDraft {
  return {
    format,
    title: null,
    slug: null,
    author: null,
    context: [],
    acceptanceCriteria: [],
    steps: [],
    risks: [],
    questions: [],
    progress: [],
    progressDate: null,
    unmapped: [],
    notes: [],
  };
}
