import { describe, expect, it } from 'vitest';
import { MAX_YAML_ALIASES, parseYamlText } from '../../src/repo/yaml-text.js';

describe('parseYamlText', () => {
  it('parses plain YAML, and YAML with a few aliases', () => {
    const plain = parseYamlText('planning:\n  whats_next: full\n');
    expect(plain.ok && plain.value).toEqual({ planning: { whats_next: 'full' } });
    expect(plain.ok && plain.positionOf(['planning', 'whats_next'])).toEqual({ line: 2, column: 15 });
    const r = parseYamlText('base: &b { status: done }\nitems: [*b, *b]\n');
    expect(r.ok && r.value).toEqual({ base: { status: 'done' }, items: [{ status: 'done' }, { status: 'done' }] });
  });

  it('stops a billion-laughs document with one sentence and no place', () => {
    const bomb = ['a: &a [x,x,x,x,x,x,x,x,x]', ...'bcdefgh'.split('').map((k, i) => `${k}: &${k} [${Array(9).fill(`*${'abcdefg'[i]}`).join(',')}]`)].join('\n');
    const r = parseYamlText(bomb);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.line).toBeNull();
    expect(!r.ok && r.message).toContain(`more than ${MAX_YAML_ALIASES} times`);
  });

  it('reports a syntax error at its line, in one line without the library source excerpt', () => {
    const r = parseYamlText('planning: [\n  whats_next: full\n');
    expect(r.ok).toBe(false);
    expect(!r.ok && r.line).toBeGreaterThan(1);
    expect(!r.ok && r.message).not.toMatch(/\n|at line/);
  });

  it('reports an alias used before its anchor instead of throwing', () => {
    const r = parseYamlText('items: [*nowhere]\n');
    expect(r.ok).toBe(false);
    expect(!r.ok && r.message).toMatch(/alias/i);
  });
});
