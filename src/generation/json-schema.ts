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

/** Every balanced `{…}` or `[…]` span of a text that starts at a bracket, outside JSON strings. */
function bracketSpans(text: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < text.length) {
    const open = text[i];
    if (open !== '{' && open !== '[') {
      i++;
      continue;
    }
    const stack: string[] = [];
    let inString = false;
    let end = -1;
    for (let j = i; j < text.length; j++) {
      const c = text[j]!;
      if (inString) {
        if (c === '\\') j++;
        else if (c === '"') inString = false;
      } else if (c === '"') inString = true;
      else if (c === '{' || c === '[') stack.push(c === '{' ? '}' : ']');
      else if (c === '}' || c === ']') {
        if (stack.pop() !== c) break;
        if (!stack.length) {
          end = j;
          break;
        }
      }
    }
    if (end < 0) {
      i++;
      continue;
    }
    out.push(text.slice(i, end + 1));
    i = end + 1;
  }
  return out;
}

function tryParse(body: string): { ok: true; value: unknown } | { ok: false; error: string } {
  try {
    return { ok: true, value: JSON.parse(body) };
  } catch (e) {
    return { ok: false, error: (e as Error).message };
  }
}

/**
 * Parse a model's JSON reply. Accepts a bare value; else the one JSON value inside chat text
 * ("Sure! Here is the plan: ```json …``` Let me know…"): the one fenced block that parses, else
 * the one balanced object in the text. `extracted` says the value came out of surrounding text.
 * Returns the value or one sentence saying what was wrong and what is expected.
 */
export function parseJsonReply(text: string): { ok: true; value: unknown; extracted?: boolean } | { ok: false; error: string } {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: false, error: 'the reply is empty; expected one JSON object' };
  const whole = /^```(?:json)?\s*\n([\s\S]*?)\n?```$/i.exec(trimmed);
  const direct = tryParse(whole ? whole[1]! : trimmed);
  if (direct.ok) return direct;
  if (/^<(?:!doctype|html|\?xml)/i.test(trimmed))
    return { ok: false, error: 'the reply is an HTML or XML page, not JSON; expected one JSON object and nothing else' };
  const fenced = [...trimmed.matchAll(/```(?:json|JSON)?[ \t]*\n([\s\S]*?)\n?```/g)].map((m) => tryParse(m[1]!.trim())).filter((r) => r.ok);
  if (fenced.length === 1) return { ...fenced[0]!, extracted: true };
  const objects = bracketSpans(trimmed)
    .filter((span) => span.startsWith('{'))
    .map(tryParse)
    .filter((r): r is { ok: true; value: unknown } => r.ok);
  if (objects.length === 1) return { ...objects[0]!, extracted: true };
  if (objects.length > 1 || fenced.length > 1)
    return { ok: false, error: `the reply holds ${Math.max(objects.length, fenced.length)} JSON objects; expected exactly one, with no text around it` };
  return { ok: false, error: `the reply is not valid JSON (${direct.error}); expected one complete JSON object and nothing else` };
}
