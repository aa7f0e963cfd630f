import type { Diagnostic } from '../model/common.js';
import { LlmConfigSchema, PlanningConfigSchema } from '../model/config.js';
import { RepoError } from '../model/errors.js';
import { type ConfigSource, defaultConfig, type LoadedConfig, readConfigSource } from './config-source.js';
import { parseYamlText } from './yaml-text.js';

const isMap = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Keys of `planning:` and `planning.llm:` that no setting reads (a typo would be ignored in silence). */
function unknownKeys(file: string, planning: unknown, positionOf: (path: ReadonlyArray<string | number>) => { line: number; column: number }): Diagnostic[] {
  const out: Diagnostic[] = [];
  const check = (value: unknown, at: string[], known: readonly string[]) => {
    if (!isMap(value)) return;
    for (const key of Object.keys(value)) {
      if (known.includes(key)) continue;
      const pos = positionOf([...at, key]);
      out.push({
        file,
        line: pos.line,
        column: pos.column,
        severity: 'warning',
        rule: 'config/unknown-key',
        message: `${[...at, key].join('.')} is not a setting and is ignored; expected one of ${known.join(', ')}`,
      });
    }
  };
  check(planning, ['planning'], Object.keys(PlanningConfigSchema.shape));
  if (isMap(planning)) {
    check(planning.llm, ['planning', 'llm'], Object.keys(LlmConfigSchema.shape));
    check(planning.lint, ['planning', 'lint'], ['rules']);
  }
  return out;
}

/**
 * Read the `planning:` block of specscore.yaml (or a legacy name). Unknown keys are ignored.
 * The file is read only when it is a regular file inside the root, at most 1 MB; a file that is
 * there but refused (a pipe, a device, a link out of the root or to nowhere, too large) or that
 * does not parse is a `RepoError` naming it (exit 2): the defaults never silently replace a
 * configuration that is present.
 */
export function loadConfig(root: string): LoadedConfig {
  const source = readConfigSource(root);
  return source === null ? defaultConfig() : parseConfigSource(source);
}

/** Parse and check the text of a configuration file: a `RepoError` naming the line of the first problem. */
export function parseConfigSource({ name, text }: ConfigSource): LoadedConfig {
  const yaml = parseYamlText(text);
  if (!yaml.ok) throw new RepoError(`${name}${yaml.line === null ? '' : `:${yaml.line}`}: ${yaml.message}`, 'fix the YAML of the configuration file');
  const data = yaml.value;
  const planning = data !== null && typeof data === 'object' && !Array.isArray(data) ? (data as { planning?: unknown }).planning : undefined;
  const parsed = PlanningConfigSchema.safeParse(planning ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const at = yaml.positionOf(['planning', ...issue.path.filter((k): k is string | number => typeof k !== 'symbol')]);
    throw new RepoError(
      `${name}:${at.line}: ${['planning', ...issue.path.map(String)].join('.')}: ${issue.message}`,
      'see the configuration section of the README for allowed values',
    );
  }
  return { config: parsed.data, file: name, findings: unknownKeys(name, planning, yaml.positionOf) };
}
