import { describe, expect, it } from 'vitest';
import type { Portfolio, PortfolioNode, PortfolioState } from '../../src/model/portfolio.js';
import { progressBar, renderPortfolioDot, renderPortfolioMermaid, renderPortfolioSection } from '../../src/render/portfolio.js';
import { dotString, mermaidText } from '../../src/markdown/escape.js';
import { checkDot, mermaidBlocks, parseMermaid } from '../support/diagrams.js';

const HOSTILE = [
  'Quotes "double" and \'single\'',
  'Brackets [a] (b) {c} <d>',
  'Pipes | and || and -->',
  '<script>alert(1)</script> & <b>bold</b>',
  'end',
  'Hash #35; and ; semicolons %% comment',
  'Back`ticks` and \\backslash\\ and \\"escaped\\"',
  'New\nline\r\nand\ttab',
  'Unicode: Überweisung → 請求書 🚀 \u202eRTL',
  'subgraph x\nend\nclick a "javascript:alert(1)"',
  'classDef evil fill:#f00',
  'A'.repeat(300),
];

function node(i: number, title: string, state: PortfolioState, group: string | null = null): PortfolioNode {
  return {
    id: `p_n${i}`,
    plan: `plan-${i}`,
    title,
    state,
    rank: state === 'recommended' ? i + 1 : null,
    progress: { done: 1, total: 3 },
    group,
    singleFile: false,
  };
}

function hostilePortfolio(): Portfolio {
  const states: PortfolioState[] = ['recommended', 'in_progress', 'blocked', 'review', 'ready'];
  const nodes = HOSTILE.map((t, i) => node(i, t, states[i % states.length]!, i % 3 === 0 ? 'road"map' : null));
  const groups = [{ id: 'r_road_map', plan: 'road"map', title: 'Road "map" [x] | end', group: null, done: 1, total: 4 }];
  return {
    scope: null,
    nodes,
    groups,
    roadmaps: groups,
    edges: [
      { from: 'plan-0', to: 'plan-2' },
      { from: 'road"map', to: 'plan-1' },
    ],
    open: nodes.length + 3,
    omitted: 3,
    impliedEdges: 0,
  };
}

describe('portfolio renderers', () => {
  it('mermaid with hostile titles parses with mermaid’s own parser and carries no raw markup', async () => {
    const text = renderPortfolioMermaid(hostilePortfolio());
    await parseMermaid(text);
    for (const line of text.split('\n').filter((l) => /\["/.test(l))) {
      const label = /\["(.*)"\]/.exec(line)![1]!;
      expect(label.replace(/#\d+;/g, '')).not.toMatch(/["<>|`;#[\]{}]/);
    }
    for (const click of text.split('\n').filter((l) => /^\s*click /.test(l))) expect(click).toMatch(/^  click p_n\d+ "plan-\d+\/" "plan-\d+"$/);
    expect(text.split('\n').filter((l) => /^\s*end$/.test(l))).toHaveLength(1);
  });

  it('each mermaid label decodes back to the title (entity codes only)', () => {
    for (const t of HOSTILE) {
      const escaped = mermaidText(t);
      const decoded = escaped.replace(/#(\d+);/g, (_m, n: string) => String.fromCodePoint(Number(n)));
      expect(decoded).toBe(t.replace(/\r\n|[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, ' '));
    }
  });

  it('a bad label would have broken the diagram: the parser is a real check', async () => {
    await expect(parseMermaid('flowchart LR\n  a["x"y"]\n')).rejects.toThrow();
  });

  it('DOT with hostile titles parses, and every string is one quoted token', () => {
    const text = renderPortfolioDot(hostilePortfolio());
    checkDot(text);
    expect(() => checkDot('digraph { "a" -> }')).toThrow();
    for (const t of HOSTILE) expect(dotString(t)).toMatch(/^"([^"\\\n]|\\.)*"$/);
  });

  it('the report section: a mermaid block, the left-out note and a plain-text bar per roadmap', async () => {
    const text = renderPortfolioSection(hostilePortfolio());
    const blocks = mermaidBlocks(`${text}\n`);
    expect(blocks).toHaveLength(1);
    await parseMermaid(blocks[0]!);
    expect(text).toContain(`Showing ${HOSTILE.length} of ${HOSTILE.length + 3} open plans`);
    expect(text).toContain('`███░░░░░░░ 1/4`');
    expect(text).not.toMatch(/<script|<b>/);
  });

  it('progress bars read as text', () => {
    expect(progressBar(0, 0)).toBe('░░░░░░░░░░ 0/0');
    expect(progressBar(3, 10)).toBe('███░░░░░░░ 3/10');
    expect(progressBar(5, 5)).toBe('██████████ 5/5');
  });

  it('an empty portfolio says so instead of drawing an empty diagram', () => {
    const empty: Portfolio = { scope: null, nodes: [], groups: [], roadmaps: [], edges: [], open: 0, omitted: 0, impliedEdges: 0 };
    expect(renderPortfolioSection(empty)).toBe('No open plans.');
  });
});
