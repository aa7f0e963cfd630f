import { CONFIG_FILE_NAMES, PlanningConfigSchema, type PlanningConfig } from '../model/config.js';
import { RepoError } from '../model/errors.js';
import { readIfPresent, refusalError } from './refusal.js';
import { READ_LIMITS } from './safe-read.js';
import { parseYamlText } from './yaml-text.js';

interface LoadedConfig {
  config: PlanningConfig;
  /** Root-relative name of the file read, or null when defaults apply. */
  file: string | null;
}

/**
 * Read the `planning:` block of specscore.yaml (or a legacy name). Unknown keys are ignored.
 * The file is read only when it is a regular file inside the root, at most 1 MB; a file that is
 * there but refused (a pipe, a device, a link out of the root or to nowhere, too large) or that
 * does not parse is a `RepoError` naming it (exit 2): the defaults never silently replace a
 * configuration that is present.
 */
export function loadConfig(root: string): LoadedConfig {
  for (const name of CONFIG_FILE_NAMES) {
    const read = readIfPresent(root, name, READ_LIMITS.config);
    if (read === null) continue;
    if (!read.ok) throw refusalError(name, read.refusal, 'or delete it to use the defaults');
    const yaml = parseYamlText(read.bytes.toString('utf8'));
    if (!yaml.ok) throw new RepoError(`${name}${yaml.line === null ? '' : `:${yaml.line}`}: ${yaml.message}`, 'fix the YAML of the configuration file');
    const data = yaml.value;
    const planning = data !== null && typeof data === 'object' && !Array.isArray(data) ? (data as { planning?: unknown }).planning : undefined;
    const parsed = PlanningConfigSchema.safeParse(planning ?? {});
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new RepoError(
        `${name}: ${['planning', ...issue.path.map(String)].join('.')}: ${issue.message}`,
        'see the configuration section of the README for allowed values',
      );
    }
    return { config: parsed.data, file: name };
  }
  return { config: PlanningConfigSchema.parse({}), file: null };
}
