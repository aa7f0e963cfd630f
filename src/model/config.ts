import { z } from 'zod';
import { SEVERITIES } from './common.js';
import { PLANNING_DEFAULTS as D, PROVIDER_CHOICES } from './config-defaults.js';

export const LlmConfigSchema = z.object({
  provider: z.enum(PROVIDER_CHOICES).default(D.llm.provider),
  model: z.string().default(D.llm.model),
  max_attempts: z.number().int().min(1).max(10).default(D.llm.max_attempts),
});

/** The MCP server's tool sets: `specplan mcp --tools read,draft` or `planning.mcp.tools`. */
import { MCP_TOOL_SETS } from './mcp-tool-sets.js';

/** The `planning.mcp` block: which tools the MCP server offers (every set, writes included, by default). */
const McpConfigSchema = z.object({
  tools: z.array(z.enum(MCP_TOOL_SETS)).min(1).optional(),
  read_only: z.boolean().default(D.mcp.read_only),
});

/** The `planning:` block of `specscore.yaml` (CONTRACTS.md). Unknown keys are ignored. */
export const PlanningConfigSchema = z.object({
  auto_create: z.boolean().default(D.auto_create),
  enforce_freeze: z.enum(['warn', 'reject', 'off']).default(D.enforce_freeze),
  whats_next: z.enum(['disabled', 'incremental', 'full']).default(D.whats_next),
  recently_closed: z.number().int().min(0).default(D.recently_closed),
  format: z
    .enum(['auto', 'seed', 'specscore'])
    .default(D.format)
    .describe('Plan format version: auto (detected from the documents), seed (the first published format) or specscore (the current one)'),
  llm: LlmConfigSchema.default(() => structuredClone(D.llm)),
  mcp: McpConfigSchema.default(() => structuredClone(D.mcp)),
  cache: z.boolean().default(D.cache).describe('Keep read documents in .specscore/cache/ so a later run reads only what changed'),
  lint: z
    .object({ rules: z.record(z.string(), z.enum([...SEVERITIES, 'off'])).default(() => ({})) })
    .default(() => structuredClone(D.lint))
    .describe('Per-rule severity overrides'),
});
export type PlanningConfig = z.infer<typeof PlanningConfigSchema>;
