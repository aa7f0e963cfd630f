import { z } from 'zod';

/**
 * JSON Schema for a zod schema, as sent to providers. Uses zod 4's own `z.toJSONSchema`
 * (`zod-to-json-schema` silently returns an empty schema for zod 4). `$schema` is dropped:
 * tool `input_schema` and OpenAI `json_schema.schema` take the bare schema. Throws when the
 * result has no properties, so a broken conversion never disables structured output unnoticed.
 */
export function toProviderJsonSchema(schema: z.ZodType): Record<string, unknown> {
  const json = z.toJSONSchema(schema, { target: 'draft-2020-12', unrepresentable: 'throw' }) as Record<string, unknown>;
  delete json.$schema;
  const props = json.properties as Record<string, unknown> | undefined;
  if (json.type !== 'object' || !props || Object.keys(props).length === 0) {
    throw new Error('structured-output schema has no properties; expected a zod object schema');
  }
  return json;
}

/**
 * Problems that make a schema unusable in OpenAI strict mode: every object must list all its
 * properties as required and set `additionalProperties: false` (optional fields must be
 * nullable instead). Empty when the schema is strict-compatible.
 */
export function strictModeProblems(json: unknown, path = '$'): string[] {
  if (!json || typeof json !== 'object') return [];
  const node = json as Record<string, unknown>;
  const out: string[] = [];
  if (node.type === 'object' && node.properties) {
    const keys = Object.keys(node.properties as object);
    const req = new Set((node.required as string[] | undefined) ?? []);
    for (const k of keys) if (!req.has(k)) out.push(`${path}.${k} is optional; strict mode needs it required (use .nullable())`);
    if (node.additionalProperties !== false) out.push(`${path} allows additional properties; strict mode needs additionalProperties: false`);
    for (const [k, v] of Object.entries(node.properties as object)) out.push(...strictModeProblems(v, `${path}.${k}`));
  }
  if (node.items) out.push(...strictModeProblems(node.items, `${path}[]`));
  for (const key of ['anyOf', 'oneOf', 'allOf'] as const) {
    const list = node[key];
    if (Array.isArray(list)) list.forEach((v, i) => out.push(...strictModeProblems(v, `${path}.${key}[${i}]`)));
  }
  return out;
}

/**
 * Parse a model's JSON reply. Accepts a bare object or one wrapped in a ```json fence (sampling
 * clients often add one). Returns the value or the parse error message.
 */
export function parseJsonReply(text: string): { ok: true; value: unknown } | { ok: false; error: string } {
  const trimmed = text.trim();
  const fenced = /^```(?:json)?\s*\n([\s\S]*?)\n?```$/i.exec(trimmed);
  const body = fenced ? fenced[1]! : trimmed;
  if (body === '') return { ok: false, error: 'the reply is empty; expected one JSON object' };
  try {
    return { ok: true, value: JSON.parse(body) };
  } catch (e) {
    return { ok: false, error: `the reply is not valid JSON (${(e as Error).message}); expected one complete JSON object` };
  }
}
