import type { z } from 'zod';
import { planPlace, sentence } from './plan-places.js';

/** One problem the schema found in a value. */
export type SchemaIssue = z.core.$ZodIssue;

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

function brief(v: unknown): string {
  const raw = JSON.stringify(v) ?? String(v);
  return raw.length <= 80 ? raw : `${raw.slice(0, 80)}…`;
}

function quoted(values: readonly unknown[]): string {
  return values.map((v) => JSON.stringify(v) ?? String(v)).join(', ');
}

/** What was expected, in words (zod's `expected` names a type). */
function expectedText(expected: unknown): string {
  if (expected === 'array') return 'a list';
  if (expected === 'object') return 'an object with fields';
  return typeof expected === 'string' ? `a ${expected}` : 'another value';
}

/**
 * Schema violations of a plan value (a plan_draft, a roadmap draft, a whole plan document) as
 * sentences that name each place the way the plan shows it ("The Effort field is "Medium";
 * expected one of "S", "M", "L", "XL"", "Step 2.1 (Add streaming) has the unknown field
 * "subSteps""), never as a JSON path.
 */
export function planIssues(issues: readonly z.core.$ZodIssue[], input: unknown): string[] {
  return issues.map((i) => {
    const place = planPlace(i.path, input);
    const got = valueAt(input, i.path);
    if (i.code === 'unrecognized_keys') {
      const nested = i.keys.includes('subSteps') && i.path.includes('subSteps');
      return sentence(
        `${place} has the unknown field${i.keys.length === 1 ? '' : 's'} ${quoted(i.keys)}; ${nested ? 'sub-steps cannot have sub-steps of their own (steps nest two levels: 2 and 2.1)' : 'remove them: the format has no such fields'}`,
      );
    }
    if (i.code === 'invalid_value') return sentence(`${place} is ${got === undefined ? 'missing' : brief(got)}; expected one of ${quoted(i.values)}`);
    if (i.code === 'invalid_type')
      return sentence(
        got === undefined ? `${place} is missing; expected ${expectedText(i.expected)}` : `${place} is ${brief(got)}; expected ${expectedText(i.expected)}`,
      );
    return sentence(`${place}: ${i.message}${got === undefined ? '' : ` (got ${brief(got)})`}`);
  });
}
