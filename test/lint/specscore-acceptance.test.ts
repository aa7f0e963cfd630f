import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { acceptSpecscoreDraft, acceptSpecscoreMarkdown } from '../../src/lint/specscore-acceptance.js';
import { lintRepo } from '../../src/lint/index.js';
import type { SpecscoreDraftHeader, SpecscorePlanDraft } from '../../src/model/specscore-draft.js';
import { parseSpecscorePlan } from '../../src/parse/specscore-plan.js';
import { withChanges } from '../../src/parse/with-changes.js';
import { loadRepo } from '../../src/repo/load-repo.js';

const FIXTURE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../support/fixtures/later-format');
const repo = loadRepo(FIXTURE);
const HEADER: SpecscoreDraftHeader = { file: 'spec/plans/batch.md', source: { kind: 'feature', feature: 'cli' }, owner: '@kim', date: '2026-06-01' };

function draft(patch: Partial<SpecscorePlanDraft> = {}): SpecscorePlanDraft {
  return {
    title: 'Batch mode',
    summary: 'Adds batch files to the CLI.',
    approach: 'The schema first, then the flag that reads it.',
    tasks: [
      { title: 'Define the schema', description: 'Write the batch schema.', verifies: ['batch-schema-validates'], dependsOn: [] },
      { title: 'Add the flag', description: 'Wire `--batch` to the parser.', verifies: ['cli#ac:batch-flag-in-help'], dependsOn: ['1'] },
    ],
    openQuestions: [],
    effort: 'M',
    impact: null,
    ...patch,
  };
}

describe('the acceptance pipeline, current SpecScore format', () => {
  it('a valid draft becomes a canonical plan that parses back to the same model and lints clean in the repository', () => {
    const accepted = acceptSpecscoreDraft(repo, 'batch', draft(), HEADER);
    expect(accepted.problems).toEqual([]);
    const md = accepted.markdown!;
    expect(
      md.startsWith(
        '---\nformat: https://specscore.md/plan-specification\nstatus: Draft\n---\n\n# Plan: Batch mode\n\n**Status:** Draft\n**Source Feature:** cli\n',
      ),
    ).toBe(true);
    expect(md).toContain('### Task 2: Add the flag\n\n**Verifies:** cli#ac:batch-flag-in-help\n**Depends-On:** 1\n**Status:** planning\n');
    expect(md.trimEnd().endsWith('*This document follows the https://specscore.md/plan-specification*')).toBe(true);
    expect(parseSpecscorePlan(md, HEADER.file).plan).toEqual(accepted.plan);
    const next = withChanges(repo, [{ file: HEADER.file, content: md, before: null }]);
    expect(lintRepo(next, { paths: [HEADER.file] }).diagnostics).toEqual([]);
  });

  it('an idea-sourced draft writes **Source:** idea:slug and needs no Verifies', () => {
    const header: SpecscoreDraftHeader = { ...HEADER, source: { kind: 'idea', idea: 'batch-files' } };
    const accepted = acceptSpecscoreDraft(
      repo,
      'batch',
      draft({ tasks: [{ title: 'Prototype', description: 'Try it.', verifies: [], dependsOn: [] }] }),
      header,
    );
    expect(accepted.problems).toEqual([]);
    expect(accepted.markdown).toContain('**Status:** Draft\n**Source:** idea:batch-files\n**Date:** 2026-06-01\n');
    expect(accepted.markdown).toContain('**Verifies:** —');
  });

  it('names each problem as the plan shows it, and what is expected', () => {
    const accepted = acceptSpecscoreDraft(
      repo,
      'batch',
      draft({
        approach: ' ',
        tasks: [
          { title: 'Define the schema', description: 'Write it.', verifies: ['no-such-ac'], dependsOn: ['1'] },
          { title: 'Add the flag', description: '## Heading\n\ntext', verifies: [], dependsOn: ['7'] },
        ],
      }),
      HEADER,
    );
    expect(accepted.markdown).toBeNull();
    expect(accepted.problems).toEqual(
      expect.arrayContaining([
        'Section `## Approach` is empty; expected one paragraph on how the work is decomposed',
        'Task 1 (Define the schema) depends on itself; expected only other tasks',
        'Task 2 (Add the flag) verifies nothing; expected at least one acceptance criterion of feature cli: batch-schema-validates, batch-flag-in-help, output-json',
        'Task 2 (Add the flag) depends on task "7", which does not exist; expected a number from 1 to 2',
        expect.stringMatching(/^The description of Task 2 \(Add the flag\) does not survive as markdown/),
        expect.stringMatching(
          /^spec\/plans\/batch\.md:\d+:1 specscore\/verifies task 1 verifies "cli#ac:no-such-ac", but feature cli has no "### AC: no-such-ac"/,
        ),
      ]),
    );
  });

  it('a hand-edited plan is accepted as written, and a broken one is refused with its lint errors', () => {
    const text = readFileSync(path.join(FIXTURE, 'spec/plans/approved.md'), 'utf8');
    const edited = text.replace('Define the schema, as the Summary describes.', 'Define the schema and its examples.');
    expect(acceptSpecscoreMarkdown(repo, 'approved', 'spec/plans/approved.md', edited)).toMatchObject({ problems: [], markdown: edited });
    const broken = edited.replace('cli#ac:batch-flag-in-help', 'cli#ac:nope');
    expect(acceptSpecscoreMarkdown(repo, 'approved', 'spec/plans/approved.md', broken).problems).toEqual([
      expect.stringMatching(/^spec\/plans\/approved\.md:\d+:1 specscore\/verifies /),
    ]);
  });
});
