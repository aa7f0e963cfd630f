import type { z } from 'zod';

function pathText(p: ReadonlyArray<PropertyKey>, prefix: string): string {
  let out = prefix;
  for (const k of p) out += typeof k === 'number' ? `[${k}]` : out ? `.${String(k)}` : String(k);
  return out || '(root)';
}

function valueAt(root: unknown, p: ReadonlyArray<PropertyKey>): unknown {
  let v = root;
  for (const k of p) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[k];
  }
  return v;
}

/**
 * Schema violations as `path: message (got …)` lines, the path written the way the value is
 * addressed (`steps[1].dependsOn[0]`, under `prefix` when given), for people and models alike.
 */
export function schemaIssues(issues: readonly z.core.$ZodIssue[], input: unknown, prefix = ''): string[] {
  return issues.map((i) => {
    const got = valueAt(input, i.path);
    const raw = got === undefined ? '' : (JSON.stringify(got) ?? String(got));
    const shown =
      raw === '' || i.code === 'invalid_type' || i.code === 'unrecognized_keys'
        ? ''
        : ` (got ${raw.length <= 80 ? raw : `${raw.slice(0, 80)}… [${raw.length - 80} more characters]`})`;
    return `${pathText(i.path, prefix)}: ${i.message}${shown}`;
  });
}
