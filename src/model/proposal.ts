import { z } from 'zod';
import { LinkSchema } from './common-schema.js';

/** A row of the proposal's `| Field | Value |` metadata table. */
const ProposalFieldSchema = z.object({
  name: z.string(),
  value: z.string().describe('Raw cell markdown'),
  line: z.number().int().min(1),
});
type ProposalField = z.infer<typeof ProposalFieldSchema>;

/** A change request under `spec/features/{feature}/proposals/{slug}/README.md`. */
const ProposalSchema = z.object({
  title: z.string().describe('Title after "# Proposal: "'),
  status: z.string().nullable().describe('Status value without backticks, lower case'),
  plan: LinkSchema.nullable().describe('Forward reference to the plan, when set'),
  fields: z.array(ProposalFieldSchema).describe('All metadata rows in order'),
  /** Line of the metadata table's last row, for inserting a Plan row; null when no table. */
  tableEndLine: z.number().int().nullable(),
});
export type Proposal = z.infer<typeof ProposalSchema>;
