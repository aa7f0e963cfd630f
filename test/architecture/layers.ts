/**
 * The layer rule of docs/architecture.md as code: the table is read from the document, and every
 * import of every source file is checked against it.
 */

import { PURE_LAYERS } from '../support/layers.js';

export interface Layer {
  name: string;
  folder: string;
  mayImport: Set<string>;
  /** Layers that may only be imported with `import type`. */
  typesOnly: Set<string>;
  packages: Set<string>;
}

export interface SourceFile {
  /** Path relative to the checkout, with `/`. */
  path: string;
  text: string;
}

export interface Violation {
  file: string;
  line: number;
  specifier: string;
  why: string;
}

const CELL = (s: string) => s.trim().replace(/^`|`$/g, '');

/** The layer table of docs/architecture.md: the first table whose header starts `| layer | folder |`. */
export function readLayerTable(markdown: string): Layer[] {
  const lines = markdown.split('\n');
  const start = lines.findIndex((l) => /^\|\s*layer\s*\|\s*folder\s*\|/.test(l));
  if (start < 0) throw new Error('docs/architecture.md has no "| layer | folder | may import | packages |" table');
  const layers: Layer[] = [];
  for (const line of lines.slice(start + 2)) {
    if (!line.startsWith('|')) break;
    const [name, folder, may, packages] = line
      .split('|')
      .slice(1, -1)
      .map((c) => c.trim());
    const mayImport = new Set<string>();
    const typesOnly = new Set<string>();
    for (const part of (may ?? '').split(',').map((p) => p.trim())) {
      if (!part || part === '—') continue;
      const m = /^(\S+)(\s*\(types only\))?$/.exec(part);
      if (!m) throw new Error(`cannot read "${part}" in the layer table`);
      mayImport.add(m[1]!);
      if (m[2]) typesOnly.add(m[1]!);
    }
    const pkgs = new Set(
      (packages ?? '')
        .split(',')
        .map(CELL)
        .filter((p) => p && p !== '—'),
    );
    layers.push({ name: name!, folder: CELL(folder!), mayImport, typesOnly, packages: pkgs });
  }
  return layers;
}

/** The layer a checkout-relative path belongs to, or null (tests, benches, scripts). */
function layerOf(layers: readonly Layer[], file: string): Layer | null {
  let best: Layer | null = null;
  for (const l of layers) if ((file === l.folder || file.startsWith(`${l.folder}/`)) && (!best || l.folder.length > best.folder.length)) best = l;
  return best;
}

const IMPORT = /(?:^|[^\w$.])(import|export)\s+(type\s+)?(?:[\w$*{}\s,]+?\s+from\s+)?['"]([^'"]+)['"]|(?:^|[^\w$.])import\s*\(\s*['"]([^'"]+)['"]\s*\)/g;

function packageName(spec: string): string {
  if (spec.startsWith('node:')) return spec;
  const parts = spec.split('/');
  return spec.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

function lineAt(text: string, index: number): number {
  let n = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < index; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

function resolve(from: string, spec: string): string {
  const parts = from.split('/').slice(0, -1);
  for (const p of spec.split('/')) {
    if (p === '.' || p === '') continue;
    if (p === '..') parts.pop();
    else parts.push(p);
  }
  return parts.join('/');
}

/** Everything the table forbids in `files`, sorted by file and line. */
export function checkImports(layers: readonly Layer[], files: readonly SourceFile[]): Violation[] {
  const out: Violation[] = [];
  for (const f of files) {
    const own = layerOf(layers, f.path);
    if (!own) continue;
    const code = f.text
      .replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, ' '))
      .replace(/(^|[^:'"`])\/\/[^\n]*/g, (c, p: string) => p + ' '.repeat(c.length - p.length));
    for (const m of code.matchAll(IMPORT)) {
      const spec = m[3] ?? m[4]!;
      const typeOnly = Boolean(m[2]) || /^import\s+type\b/.test(m[0].trim());
      const line = lineAt(code, (m.index ?? 0) + m[0].search(/import|export/));
      if (spec.startsWith('.')) {
        const target = layerOf(layers, resolve(f.path, spec));
        if (!target || target === own) continue;
        if (!own.mayImport.has(target.name)) out.push({ file: f.path, line, specifier: spec, why: `${own.name} may not import ${target.name}` });
        else if (own.typesOnly.has(target.name) && !typeOnly)
          out.push({ file: f.path, line, specifier: spec, why: `${own.name} may import only types from ${target.name}` });
      } else {
        const pkg = packageName(spec);
        if (!own.packages.has(pkg)) out.push({ file: f.path, line, specifier: spec, why: `${own.name} may not import the package ${pkg}` });
      }
    }
    if (own.name !== 'repo' && own.name !== 'app' && own.name !== 'cli' && own.name !== 'mcp' && own.name !== 'llm') {
      for (const m of code.matchAll(/\bprocess\.(env|cwd|argv|exit|stdout|stderr|stdin|hrtime|platform|pid)\b|\bnew Date\(\)|\bDate\.now\(\)/g)) {
        out.push({
          file: f.path,
          line: lineAt(code, m.index ?? 0),
          specifier: m[0],
          why: `${own.name} is pure: it may not read the process or the machine clock`,
        });
      }
    }
  }
  return out.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line));
}

// The layers whose string literals must not name CLI syntax: the pure core, the network code and the use-cases.
const CORE = new Set<string>([...PURE_LAYERS, 'llm', 'app']);
const CLI_SYNTAX =
  /\b(specplan|whats-next) (lint|index|new|submit|approve|revise|supersede|status|graph|draft|suggest|sync|check-frozen|hooks|report|import|export|mcp)\b|(^|[\s(`"'])--(root|format|json|date|approver|by|slug|parent|feature|proposal|title|author|provider|model|dry-run|apply|check|full|incremental|commit|staged|out|to|from)\b/;

/**
 * String literals of the core and the use-cases that name a CLI command or option: messages
 * there are shown by the MCP server too, so they name actions (a hint), never command lines.
 */
export function cliSyntaxInMessages(layers: readonly Layer[], files: readonly SourceFile[]): Violation[] {
  const out: Violation[] = [];
  for (const f of files) {
    const own = layerOf(layers, f.path);
    if (!own || !CORE.has(own.name)) continue;
    const code = f.text
      .replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, ' '))
      .replace(/(^|[^:'"`\\])\/\/[^\n]*/g, (c, p: string) => p + ' '.repeat(c.length - p.length));
    for (const m of code.matchAll(/'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"|`(?:[^`\\]|\\.)*`/g)) {
      const hit = CLI_SYNTAX.exec(m[0]);
      if (hit)
        out.push({
          file: f.path,
          line: lineAt(code, (m.index ?? 0) + hit.index),
          specifier: hit[0].trim(),
          why: 'a message names CLI syntax; use an action in the hint',
        });
    }
  }
  return out;
}
