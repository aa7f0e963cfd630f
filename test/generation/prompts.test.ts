import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fillPlaceholders, parseTemplate, renderPrompt } from '../../src/generation/prompts.js';
import { promptFiles, promptsDir } from '../../src/repo/prompt-files.js';

const loadPrompt = (name: string) => promptFiles().load(name);

/** Each template of this area and the placeholders its code fills. */
const NEEDS: Record<string, string[]> = {
  'draft-plan': ['context', 'omitted', 'plan_path', 'source_kind'],
  'draft-roadmap': ['context', 'omitted', 'plan_path', 'source_kind'],
  'suggest-effort-impact': ['estimate', 'features', 'plan', 'plan_path'],
  repair: ['attempt', 'errors', 'max_attempts', 'schema_name'],
};

describe('prompt templates in prompts/', () => {
  it.each(Object.entries(NEEDS))('%s has a system/user split and exactly the placeholders it needs', (name, placeholders) => {
    const t = loadPrompt(name);
    expect(t.placeholders).toEqual(placeholders);
    expect(t.user.length).toBeGreaterThan(50);
    if (name !== 'repair') expect(t.system.length).toBeGreaterThan(200);
    const vars = Object.fromEntries(placeholders.map((p) => [p, `<${p}>`]));
    const out = renderPrompt(t, vars);
    expect(`${out.system}\n${out.user}`).not.toMatch(/\{\{/);
    for (const p of placeholders) expect(`${out.system}\n${out.user}`).toContain(`<${p}>`);
    expect(out.user).not.toContain('<!--');
  });

  it('every template in prompts/ that this area owns is covered', () => {
    const files = readdirSync(promptsDir())
      .filter((f) => f.endsWith('.md'))
      .map((f) => f.slice(0, -3));
    for (const name of Object.keys(NEEDS)) expect(files).toContain(name);
  });

  it('a missing or an unexpected variable is an error, never a silent blank', () => {
    const t = loadPrompt('repair');
    expect(() => renderPrompt(t, { errors: 'x', attempt: '2', max_attempts: '3' })).toThrow('missing schema_name');
    expect(() => renderPrompt(t, { errors: 'x', attempt: '2', max_attempts: '3', schema_name: 's', extra: 'y' })).toThrow('unexpected extra');
  });

  it('substitutes in one pass: values are never re-expanded', () => {
    expect(fillPlaceholders('a {{x}} b {{ y }}', { x: '{{y}}', y: 'Y' })).toBe('a {{y}} b Y');
    const t = parseTemplate('t', '<!-- header {{ignored}} -->\n<!-- system -->\nS {{a}}\n<!-- user -->\nU {{b}}');
    expect(t).toEqual({ name: 't', system: 'S {{a}}', user: 'U {{b}}', placeholders: ['a', 'b'] });
    expect(parseTemplate('u', 'only {{z}}').user).toBe('only {{z}}');
  });
});

describe('the draft-plan prompt', () => {
  it('shows one short worked example and warns about sub-steps depending on their parent', () => {
    const t = loadPrompt('draft-plan');
    expect(t.system).toContain('A good plan, in short');
    expect(t.system).toMatch(/dependsOn \["2", "3"\]/);
    expect(t.system).toContain('A sub-step never depends on its own parent step');
    expect(t.system).toContain('Build on them: use what they produce');
    expect(t.system.length).toBeLessThan(5_000);
  });
});
