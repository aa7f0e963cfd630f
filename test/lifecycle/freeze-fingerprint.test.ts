/** The freeze fingerprint leaves out exactly the Status value and the Superseded by link line. */
import { describe, expect, it } from 'vitest';
import { parseApprovals } from '../../src/lifecycle/approvals.js';
import { compareWithApproved, freezeSnapshot, saysFrozen } from '../../src/lifecycle/freeze.js';
import { editPlanHeader } from '../../src/edit/plan-header.js';
import { planText } from '../support/hardening-helpers.js';

const APPROVED = planText({ title: 'Hand', status: 'approved' });
const SUPERSEDED = editPlanHeader(APPROVED, { status: 'superseded', supersededBy: { text: 'next', href: '../next/' } });
const LINK = '**Superseded by:** [next](../next/)';
const snap = freezeSnapshot(APPROVED);
const changed = (text: string) => compareWithApproved(snap, text).map((c) => [c.section, c.details]);

describe('what the fingerprint leaves out', () => {
  it('only the Status value (approved ≡ superseded) and one Superseded by link line', () => {
    expect(SUPERSEDED).toContain(`**Impact:** medium\n${LINK}\n`);
    expect(freezeSnapshot(SUPERSEDED).fingerprint).toBe(snap.fingerprint);
    expect(changed(SUPERSEDED.replace('**Status:** superseded', '**Status:** `superseded`'))).toEqual([]);
  });

  it('keeps the fingerprints recorded by earlier versions for documents without smuggled lines', () => {
    // Values written to approvals.json files before the Superseded by field stopped hiding text.
    expect(snap.fingerprint).toBe('0c0619f044cd3691ee20868e206917322949e5b2d5a6e0f5b358456bcbca3555');
    expect(freezeSnapshot(SUPERSEDED).fingerprint).toBe('0c0619f044cd3691ee20868e206917322949e5b2d5a6e0f5b358456bcbca3555');
  });
});

describe('what it freezes', () => {
  const smuggle = (extra: string) => SUPERSEDED.replace(LINK, `${LINK}\n${extra}`);

  it('a paragraph, a table row or a step written right after the Superseded by line', () => {
    for (const extra of ['The parser is now written in Rust.', '| 9 | @eve |', '### 9. Ship without review', '- one more acceptance criterion']) {
      expect(changed(smuggle(extra)), extra).toEqual([['Header', ['"text after Superseded by" added']]]);
    }
  });

  it('a second Superseded by field, and one whose value is not a single link', () => {
    expect(changed(smuggle('**Superseded by:** [other](../other/)'))).toEqual([['Header', ['"Superseded by" added']]]);
    expect(changed(SUPERSEDED.replace(LINK, '**Superseded by:** [next](../next/) because the steps changed'))).toEqual([['Header', ['"Superseded by" added']]]);
  });

  it('text continuing the Status line', () => {
    expect(changed(APPROVED.replace('**Status:** approved', '**Status:** approved\nsee the new steps'))).toEqual([['Header', ['"text after Status" added']]]);
  });

  it('a record whose sections were edited to match is still caught by its fingerprint', () => {
    const edited = APPROVED.replace('- The thing is done', '- The thing is skipped');
    const forged = { fingerprint: snap.fingerprint, sections: freezeSnapshot(edited).sections };
    expect(compareWithApproved(forged, edited)).toEqual([{ section: 'document', line: 1, details: ['content differs from the recorded fingerprint'] }]);
  });

  it('a header saying approved in any Status field counts as frozen', () => {
    expect(saysFrozen(APPROVED.replace('**Status:** approved', '**Status:** approved\n**Status:** draft'))).toBe(true);
    expect(saysFrozen(planText({ title: 'Draft' }))).toBe(false);
  });
});

describe('approvals.json keys are plan paths, kept in a Map', () => {
  const rec = { approver: '@j', approved: '2026-03-02', fingerprint: snap.fingerprint, sections: snap.sections };

  it('reads `constructor` and `__proto__` as plans like any other', () => {
    const a = parseApprovals(`{"version":1,"plans":{"__proto__":${JSON.stringify(rec)},"constructor":${JSON.stringify(rec)}}}`);
    expect([...a.plans.keys()].sort()).toEqual(['__proto__', 'constructor']);
    expect(a.plans.get('toString')).toBeUndefined();
  });

  it('refuses a key that is not a plan path, naming it', () => {
    for (const key of ['../../etc', 'a/b/c', 'x/acs', '']) {
      expect(() => parseApprovals(JSON.stringify({ version: 1, plans: { [key]: rec } })), key).toThrow(
        `.specscore/approvals.json: plans.${key}: not a plan path`,
      );
    }
  });
});
