import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseSpecscorePlan } from '../../src/parse/specscore-plan.js';
import { renderSpecscorePlan } from '../../src/render/specscore-plan.js';
import { CORPUS_PLANS, SPECSCORE_CORPUS } from '../support/specscore-corpus.js';
import { corpus } from '../support/corpus.js';
import { lintRepo } from '../../src/lint/index.js';
import { withChanges } from '../../src/parse/with-changes.js';
import { loadRepo } from '../../src/repo/load-repo.js';

const FIXTURE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../support/fixtures/later-format');
const specscore = corpus('specscore-spec');

function fixturePlans(): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  const walk = (rel: string) => {
    for (const name of readdirSync(path.join(FIXTURE, rel), { withFileTypes: true })) {
      const child = `${rel}/${name.name}`;
      if (name.isDirectory()) walk(child);
      else if (child !== 'spec/plans/README.md' && child.endsWith('.md')) out.push([child, readFileSync(path.join(FIXTURE, child), 'utf8')]);
    }
  };
  walk('spec/plans');
  return out.sort();
}

/** Render the model of a document, and the model read back from that rendering. */
function roundTrip(file: string, text: string) {
  const model = parseSpecscorePlan(text, file).plan;
  const rendered = renderSpecscorePlan(model);
  return { model, rendered, back: parseSpecscorePlan(rendered, file).plan };
}

describe('the canonical renderer of the current SpecScore format', () => {
  it.each(fixturePlans())('%s: render → parse gives the same model, and rendering is stable', (file, text) => {
    const { model, rendered, back } = roundTrip(file, text);
    expect(back).toEqual(model);
    expect(renderSpecscorePlan(back)).toBe(rendered);
  });

  specscore.it.each(Object.entries(CORPUS_PLANS))('corpus plan %s: render → parse gives the same model', (_slug, file) => {
    const { model, rendered, back } = roundTrip(file, readFileSync(path.join(SPECSCORE_CORPUS, file), 'utf8'));
    expect(back).toEqual(model);
    expect(renderSpecscorePlan(back)).toBe(rendered);
  });

  it('writes front matter, title, header, the sections in the canonical order and the footer last', () => {
    const text = readFileSync(path.join(FIXTURE, 'spec/plans/approved.md'), 'utf8');
    const rendered = renderSpecscorePlan(parseSpecscorePlan(text, 'spec/plans/approved.md').plan);
    // The fixture plan is written canonically: rendering its model gives it back byte for byte.
    expect(rendered).toBe(text);
    const facts = parseSpecscorePlan(rendered, 'spec/plans/approved.md').specscore!;
    expect(facts.frontMatter?.fields.status?.value).toBe('Approved');
    expect(facts.footer).toMatchObject({ last: true });
  });
});

specscore.describe('snapshots survive a rendering', () => {
  it('a corpus plan with a Snapshots table keeps its rows', () => {
    const file = CORPUS_PLANS.decision;
    const text = readFileSync(path.join(SPECSCORE_CORPUS, file), 'utf8');
    const before = parseSpecscorePlan(text, file).specscore!.snapshots!;
    expect(before.length).toBeGreaterThan(0);
    const after = parseSpecscorePlan(renderSpecscorePlan(parseSpecscorePlan(text, file).plan), file).specscore!.snapshots!;
    expect(after.map(({ line: _line, ...r }) => r)).toEqual(before.map(({ line: _line, ...r }) => r));
  });
});

specscore.describe('rendering a corpus plan never adds a lint finding', () => {
  const repo = loadRepo(SPECSCORE_CORPUS);
  const rules = (r: typeof repo, file: string) => new Set(lintRepo(r, { paths: [file] }).diagnostics.map((d) => `${d.severity} ${d.rule}`));
  // The canonical layout fixes what is about layout (written status, front matter copy, footer); nothing new appears.
  it.each(Object.entries(CORPUS_PLANS))('%s', (slug, file) => {
    const entry = repo.plans.get(slug)!;
    const next = withChanges(repo, [{ file, content: renderSpecscorePlan(entry.parsed.plan), before: entry.text }]);
    expect(next.plans.get(slug)!.parsed.specscore).toBeTruthy();
    const before = rules(repo, file);
    expect([...rules(next, file)].filter((r) => !before.has(r))).toEqual([]);
  });
});
