import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseTemplate, type PromptSource, type PromptTemplate } from '../generation/prompts.js';

/**
 * The package's `prompts/` folder, found by walking up from this module (works from `src/` under
 * vitest and from `dist/src/` when installed).
 */
export function promptsDir(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = path.join(dir, 'prompts');
    if (existsSync(path.join(dir, 'package.json')) && existsSync(candidate)) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('the prompts/ folder of specscore-plans was not found; the installation is incomplete');
    dir = parent;
  }
}

/** The prompt templates shipped in the package's `prompts/` folder, each read once. */
export function promptFiles(dir: string = promptsDir()): PromptSource {
  const cache = new Map<string, PromptTemplate>();
  return {
    load(name) {
      if (!/^[a-z0-9-]+$/.test(name)) throw new Error(`invalid prompt name "${name}"`);
      let t = cache.get(name);
      if (!t) {
        t = parseTemplate(name, readFileSync(path.join(dir, `${name}.md`), 'utf8'));
        cache.set(name, t);
      }
      return t;
    },
  };
}
