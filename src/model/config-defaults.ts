import type { PlanningConfig } from './config.js';

/** The LLM providers a user may choose (`--provider`, `planning.llm.provider`). */
export const PROVIDER_CHOICES = ['auto', 'anthropic', 'openai', 'sampling', 'none'] as const;

/**
 * The value of every `planning:` setting when `specscore.yaml` does not give one: the one place
 * the defaults are written. The configuration schema takes its defaults from here, and a
 * repository without a configuration file uses a copy of it without loading the schema.
 */
export const PLANNING_DEFAULTS = Object.freeze({
  auto_create: false,
  enforce_freeze: 'warn' as const,
  whats_next: 'disabled' as const,
  recently_closed: 5,
  format: 'auto' as const,
  llm: { provider: 'auto' as const, model: '', max_attempts: 3 },
  mcp: { read_only: false },
  cache: true,
  lint: { rules: {} as Record<string, 'error' | 'warning' | 'info' | 'off'> },
});

/** A fresh copy of the defaults, safe for the caller to change. */
export function defaultPlanningConfig(): PlanningConfig {
  return structuredClone(PLANNING_DEFAULTS);
}
