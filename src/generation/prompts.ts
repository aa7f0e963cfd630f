/** A prompt template from `prompts/<name>.md`: `<!-- system -->` and `<!-- user -->` parts. */
export interface PromptTemplate {
  name: string;
  system: string;
  user: string;
  /** Placeholder names used, sorted. */
  placeholders: string[];
}

/**
 * Where prompt templates come from: the package's `prompts/` folder in production
 * (`src/repo/prompt-files.ts`), anything else in tests. Given to each capability with its provider.
 */
export interface PromptSource {
  load(name: string): PromptTemplate;
}

const PLACEHOLDER = /\{\{\s*([a-z][a-z0-9_]*)\s*\}\}/g;

/** Names of the placeholders in a piece of template text, sorted and unique. */
function placeholdersOf(text: string): string[] {
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
    throw new Error(
      `prompt "${template.name}": ${missing.length ? `missing ${missing.join(', ')}` : ''}${missing.length && extra.length ? '; ' : ''}${extra.length ? `unexpected ${extra.join(', ')}` : ''}`,
    );
  }
  return { system: fillPlaceholders(template.system, vars), user: fillPlaceholders(template.user, vars) };
}
