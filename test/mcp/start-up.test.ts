import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../support/mcp-helpers.js';

/** Source files and packages reached from `entry` through static (non-type) imports. */
function staticImports(entry: string): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const walk = (file: string): void => {
    if (files.has(file)) return;
    files.add(file);
    const text = readFileSync(path.join(PROJECT_ROOT, file), 'utf8');
    for (const m of text.matchAll(/^(?:import|export)\s+(?!type\b)(?:[\w$*{}\s,]+?\s+from\s+)?['"]([^'"]+)['"]/gm)) {
      const spec = m[1]!;
      if (!spec.startsWith('.')) {
        packages.add(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!);
        continue;
      }
      const target = path.posix.join(path.posix.dirname(file), spec).replace(/\.js$/, '.ts');
      if (existsSync(path.join(PROJECT_ROOT, target))) walk(target);
    }
  };
  walk(entry);
  return { files, packages };
}

describe('the MCP server answers initialize without loading the heavy parts', () => {
  it('registers every tool from modules that import their use-cases on the first call', () => {
    const { files, packages } = staticImports('tools/server.ts');
    expect(
      [...files].filter(
        (f) => /^src\/app\/(import|export|whats-next|write-draft)\.ts$/.test(f) || (f.startsWith('src/interop/') && f !== 'src/interop/types.ts'),
      ),
    ).toEqual([]);
    expect([...packages].filter((p) => ['remark', 'remark-gfm', '@anthropic-ai/sdk', 'openai', 'simple-git'].includes(p))).toEqual([]);
  });
});
