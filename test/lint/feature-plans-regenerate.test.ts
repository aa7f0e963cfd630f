import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { renderFeaturePlans } from '../../src/edit/feature-plans.js';
import { featurePlanRows } from '../../src/edit/index-sync.js';
import { planStates } from '../../src/analysis/plan-state.js';
import { lintRepo, RULES } from '../../src/lint/index.js';
import type { SpecRepo } from '../../src/model/repository.js';
import { parseFeature } from '../../src/parse/feature.js';
import { loadRepo } from '../../src/repo/load-repo.js';

const OK = path.resolve(path.dirname(fileURLToPath(import.meta.url)), 'fixtures/rules/feature/plans-table/ok');
const rule = RULES.filter((r) => r.id === 'feature/plans-table');
const DIFFERS = '"## Plans" table differs from the table regenerating the index writes; expected it regenerated';

/** The repository with the chat feature's README replaced by `text`. */
function withFeature(text: string): SpecRepo {
  const repo = loadRepo(OK);
  const chat = repo.features.get('chat')!;
  const features = new Map(repo.features).set('chat', { ...chat, text, parsed: parseFeature(text) });
  return { ...repo, features };
}

const ROWS = [
  '| [chat-feature](../../plans/chat-feature/) | draft | @alex | — |',
  '| [chat-infrastructure](../../plans/chat-feature/chat-infrastructure/) | draft | @alex | — |',
  '| [chat-workflow-engine](../../plans/chat-feature/chat-workflow-engine/) | draft | @alex | — |',
];
const feature = (rows: string[], { before = '', after = '' } = {}) =>
  `${before}# Feature: Chat\n\n**Status:** Stable\n\n## Summary\n\nThe Chat feature.\n\n## Plans\n\n| Plan | Status | Author | Approved |\n|---|---|---|---|\n${rows.join('\n')}\n${after}\n## Outstanding Questions\n\nNone at this time.\n`;

describe('feature/plans-table with execution items: "differs" exactly when regenerating would rewrite the table', () => {
  const cases: Array<[string, string]> = [
    ['the table as regenerating writes it', feature(ROWS)],
    [
      'rows in another order, padded cells, links to README.md',
      feature([ROWS[2]!, ROWS[0]!.replace('| draft |', '|   draft   |'), ROWS[1]!.replace('/)', '/README.md)')]),
    ],
    [
      'a link the index resolves to the plan but writes otherwise',
      feature([ROWS[0]!.replace('(../../plans/chat-feature/)', '(../../plans/./chat-feature/)'), ROWS[1]!, ROWS[2]!]),
    ],
    [
      'a Plans table above the title, and a stale one below it',
      feature([ROWS[0]!], { before: `## Plans\n\n| Plan | Status | Author | Approved |\n|---|---|---|---|\n${ROWS.join('\n')}\n\n` }),
    ],
    ['text after the table in its section', feature(ROWS, { after: '\nMore plans soon.\n' })],
  ];
  for (const [name, text] of cases) {
    test(name, () => {
      const repo = withFeature(text);
      const rows = featurePlanRows(repo, planStates(repo, [])).get('chat') ?? [];
      const regenerated = renderFeaturePlans(text, rows) !== text;
      const messages = lintRepo(repo, { rules: rule, items: [] }).diagnostics.map((d) => d.message);

      expect(messages.includes(DIFFERS)).toBe(regenerated && messages.length === 1);
      if (messages.length === 0) expect(regenerated).toBe(false);
    });
  }
});
