import type { z } from 'zod';
import type {
  CompletedEntrySchema,
  InProgressEntrySchema,
  ModeSchema,
  RecommendedEntrySchema,
  UsageSchema,
  WhatsNextReportSchema,
} from './whats-next-report-schema.js';

/** How the report was built. */
export type Mode = z.infer<typeof ModeSchema>;
export type CompletedEntry = z.infer<typeof CompletedEntrySchema>;
export type InProgressEntry = z.infer<typeof InProgressEntrySchema>;
export type RecommendedEntry = z.infer<typeof RecommendedEntrySchema>;
export type Usage = z.infer<typeof UsageSchema>;
/** The What's Next report as a model: rendered to WHATS-NEXT.md and printed by `--json`. */
export type WhatsNextReport = z.infer<typeof WhatsNextReportSchema>;

/** Completions listed before "…and N more". */
export const COMPLETED_CAP = 20;
