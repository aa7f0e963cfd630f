import { describe, expect, it } from 'vitest';
import { draftPlan } from '../../src/drafting/draft-plan.js';
import { behaviourSections, skeletonDraft } from '../../src/drafting/skeleton.js';
import { resolveSource } from '../../src/drafting/source.js';
import { noneProvider } from '../../src/llm/none.js';
import { parsePlan } from '../../src/parse/plan.js';
import { loadRepo } from '../../src/repo/load-repo.js';
import { promptFiles } from '../../src/repo/prompt-files.js';
import { corpus } from '../support/corpus.js';
import { makeRepo } from '../support/llm-fixture-repo.js';

const SYNCHESTRA = corpus('synchestra-spec');
const CORPUS = SYNCHESTRA.root;

describe('deterministic skeleton (provider none)', () => {
  it('uses the ### headings under Behavior, else the non-boilerplate ## sections', () => {
    expect(behaviourSections('# F\n\n## Summary\n\nx\n\n## Behavior\n\n### A\n\n```\n### not a heading\n```\n\n### B\n\n## Outstanding Questions\n')).toEqual([
      'A',
      'B',
    ]);
    expect(behaviourSections('# F\n\n## Summary\n\nx\n\n## Storage\n\ny\n\n## Sync\n\nz\n\n## Outstanding Questions\n')).toEqual(['Storage', 'Sync']);
    expect(behaviourSections('# F\n\n## Summary\n\nx\n')).toEqual([]);
  });

  it("carries a proposal's own sections and acceptance criteria", () => {
    const repo = loadRepo(makeRepo());
    const d = skeletonDraft(resolveSource(repo, { kind: 'proposal', proposal: 'cli/batch-mode' }));
    expect(d.title).toBe('Batch mode');
    expect(d.steps.map((s) => s.title)).toEqual(['Implement Batch flag', 'Implement Fail-fast option']);
    expect(d.context).toContain('Add a --batch flag that reads many items from one file.');
  });

  SYNCHESTRA.it(
    'drafts a lint-clean plan for every feature of the real corpus',
    async () => {
      const repo = loadRepo(CORPUS);
      const features = [...repo.features.keys()].sort();
      expect(features.length).toBeGreaterThan(100);
      const failures: string[] = [];
      let withBehaviour = 0;
      const started = Date.now();
      for (const feature of features) {
        try {
          const r = await draftPlan({
            prompts: promptFiles(),
            repo,
            source: { kind: 'feature', feature },
            provider: noneProvider(),
            slug: 'skeleton-under-test',
            today: '2026-03-14',
          });
          const plan = parsePlan(r.markdown).plan;
          if (plan.steps!.length > 1) withBehaviour++;
          expect(plan.header.status).toBe('draft');
        } catch (e) {
          failures.push(`${feature}: ${(e as Error).message}`);
        }
      }
      expect(failures).toEqual([]);
      expect(withBehaviour).toBeGreaterThan(30);
      console.log(`skeleton drafts for ${features.length} corpus features in ${Date.now() - started} ms (${withBehaviour} with several steps)`);
    },
    120_000,
  );
});
