import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseDocument } from 'yaml';
import { CONFIG_FILE_NAMES, PlanningConfigSchema, type PlanningConfig } from '../model/config.js';
import { RepoError } from './errors.js';

export interface LoadedConfig {
  config: PlanningConfig;
  /** Root-relative name of the file read, or null when defaults apply. */
  file: string | null;
}

/** Read the `planning:` block of specscore.yaml (or a legacy name). Unknown keys are ignored. */
export function loadConfig(root: string): LoadedConfig {
  for (const name of CONFIG_FILE_NAMES) {
    const abs = path.join(root, name);
    if (!existsSync(abs)) continue;
    const doc = parseDocument(readFileSync(abs, 'utf8'));
    if (doc.errors.length) {
      const e = doc.errors[0]!;
      const line = e.linePos?.[0]?.line ?? 1;
      throw new RepoError(`${name}:${line}: ${e.message.split('\n')[0]}`, 'fix the YAML syntax of the configuration file');
    }
    const data = (doc.toJS() ?? {}) as { planning?: unknown };
    const parsed = PlanningConfigSchema.safeParse(data.planning ?? {});
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new RepoError(`${name}: planning.${issue.path.join('.')}: ${issue.message}`, 'see the configuration section of the README for allowed values');
    }
    return { config: parsed.data, file: name };
  }
  return { config: PlanningConfigSchema.parse({}), file: null };
}
