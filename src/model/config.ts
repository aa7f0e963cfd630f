import { z } from 'zod';
import { SEVERITIES } from './common.js';

/** The LLM providers a user may choose (`--provider`, `planning.llm.provider`). */
export const PROVIDER_CHOICES = ['auto', 'anthropic', 'openai', 'sampling', 'none'] as const;

export const LlmConfigSchema = z.object({
  provider: z.enum(PROVIDER_CHOICES).default('auto'),
  model: z.string().default(''),
  max_attempts: z.number().int().min(1).max(10).default(3),
});

/** The MCP server's tool sets: `specplan mcp --tools read,draft` or `planning.mcp.tools`. */
import { MCP_TOOL_SETS } from './mcp-tool-sets.js';

/** The `planning.mcp` block: which tools the MCP server offers (every set, writes included, by default). */
const McpConfigSchema = z.object({
  tools: z.array(z.enum(MCP_TOOL_SETS)).min(1).optional(),
  read_only: z.boolean().default(false),
});

/** The `planning:` block of `specscore.yaml` (CONTRACTS.md). Unknown keys are ignored. */
export const PlanningConfigSchema = z.object({
  auto_create: z.boolean().default(false),
  enforce_freeze: z.enum(['warn', 'reject', 'off']).default('warn'),
  whats_next: z.enum(['disabled', 'incremental', 'full']).default('disabled'),
  recently_closed: z.number().int().min(0).default(5),
  format: z
    .enum(['auto', 'seed', 'specscore'])
    .default('auto')
    .describe('Plan format version: auto (detected from the documents), seed (the first published format) or specscore (the current one)'),
  llm: LlmConfigSchema.default({ provider: 'auto', model: '', max_attempts: 3 }),
  mcp: McpConfigSchema.default({ read_only: false }),
  cache: z.boolean().default(true).describe('Keep read documents in .specscore/cache/ so a later run reads only what changed'),
  lint: z
    .object({ rules: z.record(z.string(), z.enum([...SEVERITIES, 'off'])).default({}) })
    .default({ rules: {} })
    .describe('Per-rule severity overrides'),
});
export type PlanningConfig = z.infer<typeof PlanningConfigSchema>;

export function defaultPlanningConfig(): PlanningConfig {
  return PlanningConfigSchema.parse({});
}
