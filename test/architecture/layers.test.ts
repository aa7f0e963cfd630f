import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkImports, cliSyntaxInMessages, readLayerTable, type SourceFile } from './layers.js';

const PROJECT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const layers = readLayerTable(readFileSync(path.join(PROJECT, 'docs/architecture.md'), 'utf8'));

function sources(dir: string): SourceFile[] {
  const out: SourceFile[] = [];
  const walk = (rel: string): void => {
    for (const e of readdirSync(path.join(PROJECT, rel), { withFileTypes: true })) {
      const r = `${rel}/${e.name}`;
      if (e.isDirectory()) walk(r);
      else if (e.name.endsWith('.ts')) out.push({ path: r, text: readFileSync(path.join(PROJECT, r), 'utf8') });
    }
  };
  walk(dir);
  return out;
}

describe('the layer table of docs/architecture.md', () => {
  it('names every source folder', () => {
    const folders = readdirSync(path.join(PROJECT, 'src'), { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => `src/${e.name}`);
    expect(folders.filter((f) => !layers.some((l) => l.folder === f))).toEqual([]);
  });

  it('fails on imports against the table', () => {
    const bad: SourceFile[] = [
      { path: 'src/parse/bad.ts', text: "import { loadRepo } from '../repo/load-repo.js';\nimport { readFileSync } from 'node:fs';\n" },
      { path: 'src/drafting/bad.ts', text: "import { createProvider } from '../llm/select.js';\nimport type { LlmProvider } from '../llm/provider.js';\n" },
      { path: 'src/rank/bad.ts', text: 'export const today = () => new Date();\nconst k = process.env.KEY;\n' },
      { path: 'tools/bad.ts', text: "const m = await import('../src/parse/plan.js');\n" },
      { path: 'src/analysis/ok.ts', text: "// import { x } from '../repo/load.js';\nimport type { Plan } from '../model/plan.js';\n" },
    ];
    expect(checkImports(layers, bad).map((v) => `${v.file}:${v.line} ${v.why}`)).toEqual([
      'src/drafting/bad.ts:1 drafting may import only types from llm',
      'src/parse/bad.ts:1 parse may not import repo',
      'src/parse/bad.ts:2 parse may not import the package node:fs',
      'src/rank/bad.ts:1 rank is pure: it may not read the process or the machine clock',
      'src/rank/bad.ts:2 rank is pure: it may not read the process or the machine clock',
      'tools/bad.ts:1 mcp may not import parse',
    ]);
  });

  it('holds for every file of src/ and tools/', () => {
    const violations = checkImports(layers, [...sources('src'), ...sources('tools')]);
    expect(violations.map((v) => `${v.file}:${v.line} ${v.specifier}: ${v.why}`)).toEqual([]);
  });
});

describe('messages of the core', () => {
  it('name actions, never command lines (the MCP server shows them too)', () => {
    const violations = cliSyntaxInMessages(layers, [...sources('src')]);
    expect(violations.map((v) => `${v.file}:${v.line} ${v.specifier}`)).toEqual([]);
  });
});
