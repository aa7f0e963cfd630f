import { describe, expect, it } from 'vitest';
import { defaultPlanningConfig, PLANNING_DEFAULTS } from '../../src/model/config-defaults.js';
import { PlanningConfigSchema } from '../../src/model/config.js';

describe('configuration defaults', () => {
  it('are what the schema fills in for an empty planning block, setting for setting', () => {
    expect(defaultPlanningConfig()).toEqual(PlanningConfigSchema.parse({}));
    expect(Object.keys(PLANNING_DEFAULTS).sort()).toEqual(Object.keys(PlanningConfigSchema.shape).sort());
  });

  it('are the defaults of each nested block when that block is given empty', () => {
    const parsed = PlanningConfigSchema.parse({ llm: {}, mcp: {}, lint: {} });
    expect(parsed).toEqual(defaultPlanningConfig());
  });

  it('are copied: a caller changing its copy changes neither the defaults nor the next copy', () => {
    const first = defaultPlanningConfig();
    first.llm.max_attempts = 9;
    first.lint.rules['plan/status-value'] = 'off';
    expect(defaultPlanningConfig().llm.max_attempts).toBe(3);
    expect(defaultPlanningConfig().lint.rules).toEqual({});
    expect(PlanningConfigSchema.parse({}).lint.rules).toEqual({});
  });
});
