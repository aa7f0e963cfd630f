import { describe, expect, it } from 'vitest';
import { cli, featureDoc, git, gitInit, planDoc, read, REPORT, roadmapDoc, stepItems, tempDir, write, writeLedger } from '../support/whats-next-helpers.js';

/** A repo with a roadmap of three sequential children and two standalone plans, in git. */
function roadmapRepo(): string {
  const root = tempDir('wn-roadmap-');
  write(root, 'specscore.yaml', 'planning:\n  whats_next: incremental\n');
  write(root, 'spec/features/core/README.md', featureDoc('core', 'Beta'));
  write(
    root,
    'spec/plans/launch/README.md',
    roadmapDoc([
      { slug: 'phase-one', status: 'approved', effort: 'M', impact: 'high' },
      { slug: 'phase-two', status: 'approved', effort: 'M', impact: 'high' },
      { slug: 'phase-three', status: 'draft', effort: 'S', impact: 'high' },
    ]),
  );
  write(root, 'spec/plans/launch/phase-one/README.md', planDoc('launch/phase-one', { status: 'approved', steps: 2 }));
  write(root, 'spec/plans/launch/phase-two/README.md', planDoc('launch/phase-two', { status: 'approved', steps: 3 }));
  write(root, 'spec/plans/launch/phase-three/README.md', planDoc('launch/phase-three', { status: 'draft', steps: 2 }));
  write(root, 'spec/plans/side-quest/README.md', planDoc('side-quest', { status: 'approved', effort: 'S', impact: 'low' }));
  write(root, 'spec/plans/polish/README.md', planDoc('polish', { status: 'in_review', effort: 'L', impact: 'medium' }));
  // Step 2 of phase-one has no ledger item: the merge's Plan-Step trailer will complete it.
  writeLedger(root, [{ id: 'T-1', plan: 'launch/phase-one', step: '1', status: 'done', updated: '2026-03-20' }]);
  gitInit(root);
  return root;
}

function section(report: string, title: string): string {
  const start = report.indexOf(`## ${title}`);
  const ends = ['\n## ', '\n### '].map((h) => report.indexOf(h, start + 3)).filter((i) => i > 0);
  return report.slice(start, ends.length ? Math.min(...ends) : undefined);
}

const count = (text: string, needle: string) => text.split(needle).length - 1;

describe('a roadmap whose first child completes', () => {
  it('moves the next child from blocked to Recommended "unblocked by" it, and lists the completion exactly once', async () => {
    const root = roadmapRepo();
    const run = (date: string, ...flags: string[]) => cli(['--root', root, '--provider', 'none', ...flags], { SPECPLAN_TODAY: date });

    // 1. First report: phase-one is under way, phase-two waits for it.
    const first = await run('2026-04-01', '--incremental', '--json');
    expect(first.code).toBe(0);
    expect(first.stderr).toContain('building it in full mode');
    const r1 = JSON.parse(first.stdout);
    expect(r1.mode).toBe('full');
    expect(r1.recommended.map((e: { plan: string }) => e.plan)).not.toContain('launch/phase-two');
    expect(r1.recommended.map((e: { plan: string }) => e.plan)).not.toContain('launch/phase-three');
    expect(r1.inProgress).toEqual([{ plan: 'launch/phase-one', done: 1, total: 2, blockers: [] }]);
    const report1 = read(root, REPORT);
    expect(section(report1, 'In Progress')).toContain('[launch/phase-one](launch/phase-one/) — 1/2 steps done, no blockers');
    expect(section(report1, 'Recommended Next')).not.toContain('launch/phase-two');

    // 2. A merge carries the trailer that finishes phase-one's last step.
    write(root, 'src/phase-one.txt', 'done\n');
    git(root, 'add', '-A');
    git(root, 'commit', '-q', '-m', 'Finish phase one\n\nPlan-Step: launch/phase-one#2');
    const second = await run('2026-04-02', '--incremental', '--json');
    expect(second.code).toBe(0);
    const r2 = JSON.parse(second.stdout);
    expect(r2.mode).toBe('incremental');
    expect(r2.changed).toBe(true);
    expect(r2.completed).toEqual([{ plan: 'launch/phase-one', completedOn: '2026-04-01' }]);
    const two = r2.recommended.find((e: { plan: string }) => e.plan === 'launch/phase-two');
    expect(two, 'phase-two is recommended once phase-one is done').toBeDefined();
    expect(two.reasons).toContain('unblocked by launch/phase-one completion');
    expect(r2.recommended.map((e: { plan: string }) => e.plan)).not.toContain('launch/phase-three');
    const report2 = read(root, REPORT);
    expect(report2).toContain('**Generated:** 2026-04-02\n**Mode:** incremental');
    expect(count(section(report2, 'Completed Since Last Update'), 'launch/phase-one')).toBe(2); // link text + href of one entry
    expect(section(report2, 'Completed Since Last Update')).toContain('- [launch/phase-one](launch/phase-one/) — completed 2026-04-01');
    expect(section(report2, 'Recommended Next')).toMatch(
      /\*\*\[launch\/phase-two\]\(launch\/phase-two\/\)\*\* — Impact: high, Effort: M\. Ready to start \(approved\): unblocked by launch\/phase-one completion/,
    );
    expect(section(report2, 'In Progress')).toContain('(none)');

    // 3. Running again with no change keeps the file byte for byte.
    const again = await run('2026-04-03', '--incremental');
    expect(again.code).toBe(0);
    expect(again.stderr).toContain('up to date');
    expect(read(root, REPORT)).toBe(report2);

    // 4. The next change: phase-one is no longer "since the last update"; phase-two is no longer newly unblocked.
    writeLedger(root, [
      { id: 'T-1', plan: 'launch/phase-one', step: '1', status: 'done', updated: '2026-03-20' },
      ...stepItems('side-quest', 1, 'in_progress', '2026-04-04', 'S'),
    ]);
    const third = await run('2026-04-04', '--incremental', '--json');
    const r3 = JSON.parse(third.stdout);
    expect(r3.mode).toBe('incremental');
    expect(r3.completed).toEqual([]);
    const report3 = read(root, REPORT);
    expect(section(report3, 'Completed Since Last Update')).not.toContain('launch/phase-one');
    expect(section(report3, 'Completed Since Last Update')).toContain('(none)');
    const two3 = r3.recommended.find((e: { plan: string }) => e.plan === 'launch/phase-two');
    expect(two3.reasons.some((x: string) => x.startsWith('unblocked by'))).toBe(false);
    expect(section(report3, 'In Progress')).toContain('[side-quest](side-quest/) — 0/2 steps done, no blockers');
  });

  it('completes the first child through the ledger just the same, and never recommends completed, superseded or blocked plans', async () => {
    const root = roadmapRepo();
    write(root, 'spec/plans/old-way/README.md', planDoc('old-way', { status: 'superseded', supersededBy: 'side-quest', effort: 'S', impact: 'critical' }));
    const run = (date: string, ...flags: string[]) => cli(['--root', root, '--provider', 'none', ...flags], { SPECPLAN_TODAY: date });
    await run('2026-04-01', '--full');
    writeLedger(root, [...stepItems('launch/phase-one', 2, 'done', '2026-04-01', 'T')]);
    const r = JSON.parse((await run('2026-04-02', '--incremental', '--json')).stdout);
    const plans = r.recommended.map((e: { plan: string }) => e.plan);
    expect(plans).toContain('launch/phase-two');
    expect(plans).not.toContain('launch/phase-one'); // completed
    expect(plans).not.toContain('old-way'); // superseded, despite the best ROI
    expect(plans).not.toContain('launch/phase-three'); // still blocked by phase-two
    expect(plans).not.toContain('launch'); // a roadmap is represented by its children
    expect(r.completed).toEqual([{ plan: 'launch/phase-one', completedOn: '2026-04-01' }]);
    const polish = r.recommended.find((e: { plan: string; need: string }) => e.plan === 'polish');
    expect(polish.need).toBe('approval');
    expect(read(root, REPORT)).toMatch(/\*\*\[polish\]\(polish\/\)\*\* — Impact: medium, Effort: L\. Needs approval \(in review\)/);
  });
});
