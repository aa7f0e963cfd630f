import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { compareWithApproved, freezeSnapshot, headerStatus } from '../../src/lifecycle/freeze.js';
import { editPlanHeader } from '../../src/edit/plan-header.js';
import { corpus } from '../support/corpus.js';

const SYNCHESTRA = corpus('synchestra-spec');
const APPROVED = SYNCHESTRA.present
  ? editPlanHeader(readFileSync(path.join(SYNCHESTRA.root, 'spec/plans/chat-feature/chat-infrastructure/README.md'), 'utf8'), {
      status: 'approved',
      approver: '@jordan',
      approved: '2026-03-15',
    })
  : '';
const snap = SYNCHESTRA.present ? freezeSnapshot(APPROVED) : ({} as ReturnType<typeof freezeSnapshot>);
const sections = (text: string) => compareWithApproved(snap, text).map((c) => [c.section, c.details]);

SYNCHESTRA.describe('freeze fingerprint', () => {
  it('is deterministic and changes with the content', () => {
    expect(freezeSnapshot(APPROVED)).toEqual(snap);
    expect(snap.fingerprint).toMatch(/^[0-9a-f]{64}$/);
    expect(freezeSnapshot(APPROVED.replace('hybrid storage', 'hybrid store')).fingerprint).not.toBe(snap.fingerprint);
    expect(headerStatus(APPROVED)).toBe('approved');
  });

  it('ignores exactly what supersession changes: Status → superseded and Superseded by', () => {
    const superseded = editPlanHeader(APPROVED, { status: 'superseded', supersededBy: { text: 'next', href: '../next/' } });
    expect(compareWithApproved(snap, superseded)).toEqual([]);
    expect(freezeSnapshot(superseded).fingerprint).toBe(snap.fingerprint);
    // CRLF and blank lines between blocks are not content.
    expect(compareWithApproved(snap, APPROVED.replace(/\n/g, '\r\n'))).toEqual([]);
    expect(compareWithApproved(snap, APPROVED.replace('## Acceptance criteria', '\n\n## Acceptance criteria'))).toEqual([]);
  });

  it('names the changed section and the step inside Steps', () => {
    const i = APPROVED.indexOf('### 2.');
    const edited = APPROVED.slice(0, i) + APPROVED.slice(i).replace('\n\n', '\n\nAn added sentence.\n\n');
    expect(sections(edited)).toEqual([['Steps', [expect.stringMatching(/^"2\. .*" edited$/)]]]);
    const step9 = APPROVED.indexOf('### 9.');
    const removed = APPROVED.slice(0, step9) + APPROVED.slice(APPROVED.indexOf('\n## ', step9) + 1);
    expect(sections(removed)).toEqual([['Steps', [expect.stringMatching(/^"9\. .*" removed$/)]]]);
    expect(sections(APPROVED.replace('- REST API endpoints handle concurrent access safely\n', ''))).toEqual([['Acceptance criteria', ['text edited']]]);
    expect(sections(APPROVED.replace('## Outstanding Questions', '## Notes\n\nx\n\n## Outstanding Questions'))).toEqual([['Notes', ['section added']]]);
    expect(sections(APPROVED.replace('# Plan: Chat infrastructure', '# Plan: Chat infra'))).toEqual([['Title', ['text edited']]]);
  });

  it('names header fields, including a Status other than superseded', () => {
    expect(sections(APPROVED.replace('**Approved:** 2026-03-15', '**Approved:** 2026-03-16'))).toEqual([['Header', ['"Approved" edited']]]);
    expect(sections(APPROVED.replace('**Status:** approved', '**Status:** draft'))).toEqual([
      ['Header', ['Status changed to draft; an approved plan may only become superseded']],
    ]);
    expect(sections(APPROVED.replace('**Author:** @alex\n', '**Author:** @alex\n**Effort:** L\n'))).toEqual([['Header', ['"Effort" added']]]);
  });

  it('points at the line of the first changed part', () => {
    const edited = APPROVED.replace('**Approved:** 2026-03-15', '**Approved:** 2026-03-16');
    const [c] = compareWithApproved(snap, edited);
    expect(edited.split('\n')[c!.line - 1]).toBe('**Approved:** 2026-03-16');
  });
});
