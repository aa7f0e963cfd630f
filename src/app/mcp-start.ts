import type { PlanningConfig } from '../model/config.js';
import { PLANNING_DEFAULTS } from '../model/config-defaults.js';
import { builtFile } from '../repo/package-info.js';
import { hasConfig } from '../repo/root.js';

/** Where the build writes the MCP server's first answers, under `dist/`. */
const START_ANSWERS_FILE = 'tools/mcp-start.json';

/**
 * The MCP server's answers to `initialize` and `tools/list` as the build wrote them from the
 * live server (unchecked JSON: the server checks its shape and version); null when this code
 * does not run from a build or the file is missing or unreadable.
 */
export function builtStartAnswers(): unknown {
  const text = builtFile(START_ANSWERS_FILE);
  if (text === null) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

/** The `planning.mcp` defaults, as the configuration schema fills them in. */
export const MCP_DEFAULTS: PlanningConfig['mcp'] = PLANNING_DEFAULTS.mcp;

/**
 * The `planning.mcp` settings of the repository at `root`. Without a configuration file they are
 * the defaults, found without loading the configuration reader; a file that is there is read and
 * checked as every command reads it (errors included).
 */
export async function mcpSettings(root: string): Promise<PlanningConfig['mcp']> {
  if (!hasConfig(root)) return MCP_DEFAULTS;
  const { loadConfig } = await import('../repo/config.js');
  return loadConfig(root).config.mcp;
}
