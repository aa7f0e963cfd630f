import type { Diagnostic } from '../model/common.js';
import { defaultPlanningConfig } from '../model/config-defaults.js';
import type { PlanningConfig } from '../model/config.js';
import { CONFIG_FILE_NAMES } from '../model/config-files.js';
import { keepConfig, keptConfig } from './config-cache.js';
import type { CacheUse } from './document-cache.js';
import { readIfPresent, refusalError } from './refusal.js';
import { READ_LIMITS } from './safe-read.js';

/** The configuration in force, where it came from, and what in it is ignored. */
export interface LoadedConfig {
  config: PlanningConfig;
  /** Root-relative name of the file read, or null when defaults apply. */
  file: string | null;
  /** Settings under `planning:` that are not known (ignored, kept in the file): warnings naming their line. */
  findings: Diagnostic[];
}

/** The text of the configuration file and its root-relative name. */
export interface ConfigSource {
  name: string;
  text: string;
}

/**
 * The configuration file's text, or null when there is none (the defaults apply). Read only
 * when it is a regular file inside the root, at most 1 MB; a file that is there but refused (a
 * pipe, a device, a link out of the root or to nowhere, too large) is a `RepoError` naming it.
 */
export function readConfigSource(root: string): ConfigSource | null {
  for (const name of CONFIG_FILE_NAMES) {
    const read = readIfPresent(root, name, READ_LIMITS.config);
    if (read === null) continue;
    if (!read.ok) throw refusalError(name, read.refusal, 'or delete it to use the defaults');
    return { name, text: read.bytes.toString('utf8') };
  }
  return null;
}

/** The configuration that applies when the repository has no configuration file. */
export function defaultConfig(): LoadedConfig {
  return { config: defaultPlanningConfig(), file: null, findings: [] };
}

/**
 * `loadConfig` for callers that can wait: the YAML reader and the configuration schema are
 * loaded only when a configuration file is there and no earlier run kept what it parsed from the
 * same file (`keptConfig`), so a repository without one, or whose file is unchanged, costs
 * neither. `use` is the caller's use of the caches in `.specscore/cache/`, as the document
 * cache's: a command that writes them (`write`) keeps what it parsed; a dry run or a check
 * (`read`) only reads what is kept.
 */
export async function loadConfigLazily(root: string, use: CacheUse = 'read'): Promise<LoadedConfig> {
  const source = readConfigSource(root);
  if (source === null) return defaultConfig();
  const kept = use === 'off' ? null : keptConfig(root, source);
  if (kept) return kept;
  const { parseConfigSource } = await import('./config.js');
  const loaded = parseConfigSource(source);
  if (use === 'write') keepConfig(root, source, loaded);
  return loaded;
}
