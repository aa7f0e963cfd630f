import { test } from 'vitest';
import { scanOutline } from '../../src/parse/outline-fast.js';
import { remarkOutline, parseMarkdownTree } from '../../src/parse/outline-remark.js';
import { toLines } from '../../src/parse/outline.js';
type N = { type: string; children?: N[]; position?: { start: { line: number; column: number }; end: { line: number; column: number } } };
const show = (n: N, d: number): string[] => {
  if (['text', 'inlineCode', 'strong', 'emphasis', 'link', 'tableCell', 'break'].includes(n.type)) return [];
  const p = n.position;
  return [`${'  '.repeat(d)}${n.type} ${p ? `${p.start.line}:${p.start.column}-${p.end.line}:${p.end.column}` : ''}`, ...(n.type === 'tableRow' ? [] : (n.children ?? []).flatMap((c) => show(c, d + 1)))];
};
test('cmp', () => {
  for (const md of process.env.MD!.split('\u0001')) {
    const t = JSON.parse(md);
    const a = JSON.stringify(scanOutline(toLines(t).lines));
    const b = JSON.stringify(remarkOutline(t));
    console.log(`${JSON.stringify(t)}\n${a === b ? 'SAME' : `FAST ${a}\nREMK ${b}`}\n${process.env.TREE ? show(parseMarkdownTree(t) as N, 0).join('\n') : ''}`);
  }
});
