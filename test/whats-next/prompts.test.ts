import { describe, expect, it } from 'vitest';
import { renderPrompt } from '../../src/generation/prompts.js';
import { promptFiles } from '../../src/repo/prompt-files.js';
import { ProseReplySchema } from '../../src/whats-next/check-prose.js';

const loadPrompt = (name: string) => promptFiles().load(name);

/** The What's Next templates and the placeholders `src/whats-next/prose.ts` fills. */
const NEEDS: Record<string, string[]> = {
  'whats-next': ['candidates', 'excluded', 'features', 'plans', 'questions', 'ranking', 'today'],
  'whats-next-incremental': ['changes', 'previous_notes', 'ranking'],
};

describe("What's Next prompt templates", () => {
  it.each(Object.entries(NEEDS))('%s has a system/user split and exactly the placeholders the code fills', (name, placeholders) => {
    const t = loadPrompt(name);
    expect(t.placeholders).toEqual(placeholders);
    expect(t.system).toMatch(/by code/);
    const out = renderPrompt(t, Object.fromEntries(placeholders.map((p) => [p, `<${p}>`])));
    for (const p of placeholders) expect(`${out.system}\n${out.user}`).toContain(`<${p}>`);
    expect(`${out.system}\n${out.user}`).not.toMatch(/\{\{|<!--/);
  });

  it('the incremental template is much shorter than the full one', () => {
    const full = loadPrompt('whats-next');
    const inc = loadPrompt('whats-next-incremental');
    expect(inc.system.length * 2).toBeLessThan(full.system.length);
  });

  it.each(Object.keys(NEEDS))('%s asks for exactly the fields the checker accepts, and no ranking of its own', (name) => {
    const t = loadPrompt(name);
    const asked = [...t.system.matchAll(/`([a-z_]+)`/g)].map((m) => m[1]!);
    const top = Object.keys(ProseReplySchema.shape).sort();
    expect([...new Set(asked.filter((a) => top.includes(a)))].sort()).toEqual(top);
    expect(asked).not.toContain('reasoning');
    expect(asked).not.toContain('focus');
  });
});
