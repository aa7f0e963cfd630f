import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** A prompt template from `prompts/<name>.md`: `<!-- system -->` and `<!-- user -->` parts. */
export interface PromptTemplate {
  name: string;
  system: string;
  user: string;
  /** Placeholder names used, sorted. */
  placeholders: string[];
}

const PLACEHOLDER = /\{\{\s*([a-z][a-z0-9_]*)\s*\}\}/g;

let cachedDir: string | null = null;

/**
 * The package's `prompts/` folder, found by walking up from this module (works from `src/` under
 * vitest and from `dist/src/` when installed).
 */
export function promptsDir(): string {
  if (cachedDir) return cachedDir;
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = path.join(dir, 'prompts');
    if (existsSync(path.join(dir, 'package.json')) && existsSync(candidate)) return (cachedDir = candidate);
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('the prompts/ folder of specscore-plans was not found; the installation is incomplete');
    dir = parent;
  }
}

/** Names of the placeholders in a piece of template text, sorted and unique. */
export function placeholdersOf(text: string): string[] {
  return [...new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1]!))].sort();
}

/** Split template text into its system and user parts. Without markers, all of it is the user part. */
export function parseTemplate(name: string, text: string): PromptTemplate {
  const body = text.replace(/\r\n/g, '\n');
  const sys = body.indexOf('<!-- system -->');
  const usr = body.indexOf('<!-- user -->');
  let system = '';
  let user = body;
  if (usr >= 0) {
    system = sys >= 0 && sys < usr ? body.slice(sys + '<!-- system -->'.length, usr) : '';
    user = body.slice(usr + '<!-- user -->'.length);
  }
  const strip = (s: string) => s.replace(/^<!--(?!\s*(system|user)\s*-->)[\s\S]*?-->\n?/, '').trim();
  return { name, system: strip(system), user: strip(user), placeholders: placeholdersOf(`${system}\n${user}`) };
}

/** Load `prompts/<name>.md`. */
export function loadPrompt(name: string): PromptTemplate {
  if (!/^[a-z0-9-]+$/.test(name)) throw new Error(`invalid prompt name "${name}"`);
  const file = path.join(promptsDir(), `${name}.md`);
  return parseTemplate(name, readFileSync(file, 'utf8'));
}

/** Replace `{{name}}` in one pass (values are never re-expanded). */
export function fillPlaceholders(text: string, vars: Readonly<Record<string, string>>): string {
  return text.replace(PLACEHOLDER, (_, key: string) => vars[key] ?? '');
}

/**
 * Render a template with exactly the placeholders it declares: a missing or an unexpected
 * variable is a programming error and throws, so templates and code cannot drift apart.
 */
export function renderPrompt(template: PromptTemplate, vars: Readonly<Record<string, string>>): { system: string; user: string } {
  const missing = template.placeholders.filter((p) => !(p in vars));
  const extra = Object.keys(vars).filter((k) => !template.placeholders.includes(k));
  if (missing.length || extra.length) {
    throw new Error(`prompt "${template.name}": ${missing.length ? `missing ${missing.join(', ')}` : ''}${missing.length && extra.length ? '; ' : ''}${extra.length ? `unexpected ${extra.join(', ')}` : ''}`);
  }
  return { system: fillPlaceholders(template.system, vars), user: fillPlaceholders(template.user, vars) };
}
