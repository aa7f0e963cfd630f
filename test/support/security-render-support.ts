import { rmSync } from 'node:fs';
import path from 'node:path';
import { remark } from 'remark';
import remarkGfm from 'remark-gfm';
import { makeSpecRepo, tempDir, write } from './repo.js';

/** What a CommonMark + GFM renderer makes of a markdown document. */
export interface MarkdownShape {
  /** Raw HTML nodes (blocks and inline), as written. */
  html: string[];
  /** Link and image targets. */
  urls: string[];
  /** Links as [target, shown text]. */
  links: Array<[string, string]>;
  /** Heading texts in document order. */
  headings: string[];
  /** Cells per table row, for every table row in order. */
  tableRows: string[][];
  /** Definitions (`[label]: target`). */
  definitions: string[];
}

interface Node {
  type: string;
  value?: string;
  url?: string;
  children?: Node[];
}

function textOf(n: Node): string {
  if (typeof n.value === 'string') return n.value;
  return (n.children ?? []).map(textOf).join('');
}

/** Parse markdown with remark + remark-gfm and collect what matters for safety. */
export function markdownShape(text: string): MarkdownShape {
  const tree = remark().use(remarkGfm).parse(text) as Node;
  const out: MarkdownShape = { html: [], urls: [], links: [], headings: [], tableRows: [], definitions: [] };
  const walk = (n: Node): void => {
    if (n.type === 'html') out.html.push(n.value ?? '');
    if ((n.type === 'link' || n.type === 'image') && n.url !== undefined) {
      out.urls.push(n.url);
      out.links.push([n.url, textOf(n)]);
    }
    if (n.type === 'definition') out.definitions.push(n.url ?? '');
    if (n.type === 'heading') out.headings.push(textOf(n));
    if (n.type === 'tableRow') out.tableRows.push((n.children ?? []).map(textOf));
    for (const c of n.children ?? []) walk(c);
  };
  walk(tree);
  return out;
}

/** A link target that a renderer resolves inside the repository: no scheme, not absolute. */
export function isRelativeTarget(url: string): boolean {
  return !/^[a-z][a-z0-9+.-]*:/i.test(url) && !url.startsWith('/') && !url.startsWith('\\');
}

/**
 * A link is safe when it stays inside the repository, or when it is a GFM autolink literal: a
 * web or mail address written out in the text, shown exactly as its target (never javascript:).
 */
function isSafeLink([url, text]: [string, string]): boolean {
  if (isRelativeTarget(url)) return true;
  if (!/^(https?:\/\/|mailto:)/i.test(url)) return false;
  return url === text || url === `http://${text}` || url === `mailto:${text}`;
}

/** The links of a shape that are not safe (see `isSafeLink`). */
export function unsafeLinks(shape: MarkdownShape): Array<[string, string]> {
  return shape.links.filter((l) => !isSafeLink(l));
}

/** Control characters and line separators that must never reach one line of output. */
export const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029]/;

export const writeFile = write;

/** A plan document; `header` lines replace or extend the defaults. */
export function plan(opts: { title: string; status?: string; author?: string; approved?: string; feature?: string; depth?: number; steps?: number }): string {
  const up = '../'.repeat((opts.depth ?? 1) + 1);
  const feature = opts.feature ?? 'cli';
  const steps = Array.from(
    { length: opts.steps ?? 2 },
    (_, i) => `### ${i + 1}. Step ${i + 1}\n\n**Depends on:** ${i === 0 ? '(none)' : `Step ${i}`}\n\n**Acceptance criteria:**\n- Step ${i + 1} works\n`,
  ).join('\n');
  return `# Plan: ${opts.title}

**Status:** ${opts.status ?? 'draft'}
**Features:**
  - [${feature}](${up}features/${feature}/README.md)
**Source type:** feature
**Source:** [${feature} feature spec](${up}features/${feature}/)
**Author:** ${opts.author ?? '@alex'}
**Created:** 2026-03-01
${opts.approved ? `**Approver:** @jordan\n**Approved:** ${opts.approved}\n` : ''}**Effort:** S
**Impact:** medium

## Context

${opts.title} is here to be rendered.

## Acceptance criteria

- It renders

## Steps

${steps}
## Outstanding Questions

None at this time.
`;
}

function feature(title: string): string {
  return `# Feature: ${title}\n\n**Status:** Draft\n\n## Summary\n\n${title} does things.\n\n## Outstanding Questions\n\nNone at this time.\n`;
}

export interface TempRepo {
  root: string;
  cleanup(): void;
}

/** A temp spec repository with the given files, optionally a git repository with one commit. */
export function tempRepo(files: Record<string, string>, opts: { git?: boolean } = {}): TempRepo {
  const base = tempDir('specplan-render-');
  const root = makeSpecRepo({
    dir: path.join(base, 'root'),
    base: { 'specscore.yaml': 'planning:\n  llm:\n    provider: none\n', 'spec/features/cli/README.md': feature('CLI') },
    files,
    git: opts.git === true && 'fixture',
  });
  return { root, cleanup: () => rmSync(base, { recursive: true, force: true }) };
}

/** Hostile plan folder names: markup, comments, links, headings, new lines, separators. */
export const HOSTILE_FOLDERS = [
  '<!-- hidden',
  'x](javascript:alert(1))',
  '# Injected heading',
  'line\n# Injected on a new line',
  'sep\u2028arated',
  'pipe|name',
  '`tick',
  'close -->',
];
