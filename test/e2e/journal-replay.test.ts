/**
 * A `.specscore/journal.json` that did not come from an interrupted write on this machine is
 * never replayed: not when it came with a commit (git tracks it), not when it names a file
 * outside spec/ and .specscore/, not when it would change an approved plan. The victim runs the
 * documented commands with the built CLI on a real clone.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildAll, git, isCleanError, planText, run, type Built } from '../support/hardening-helpers.js';
import { makeScene, type Scene } from '../support/victim.js';

const JOURNAL = '.specscore/journal.json';
let built: Built;
let scene: Scene | null = null;
beforeAll(() => {
  built = buildAll();
});
afterEach(() => {
  scene?.cleanup();
  scene = null;
});

const journalOf = (changes: Array<{ file: string; before: string | null; content: string }>) => `${JSON.stringify({ version: 1, changes })}\n`;
const frozenEdit = (text: string) => text.replace('Frozen exists so the hardening tests', 'Frozen was quietly rewritten so the attacker');

function newPlan(root: string) {
  return run(built.specplan, ['new', 'fresh', '--title', 'Fresh', '--author', '@victim', '--feature', 'cli'], { cwd: root });
}

describe('a journal that came with a commit', () => {
  it('is not replayed: .git/config keeps no core.fsmonitor, the approved plan is unchanged, git status runs nothing', async () => {
    scene = makeScene();
    const { victim } = scene;
    const marker = path.join(scene.arena.base, 'PWNED');
    const config = readFileSync(path.join(victim, '.git/config'), 'utf8');
    const frozen = readFileSync(path.join(victim, 'spec/plans/frozen/README.md'), 'utf8');
    scene.attack('chore: tidy', (up) => {
      mkdirSync(path.join(up, '.specscore'), { recursive: true });
      writeFileSync(
        path.join(up, JOURNAL),
        journalOf([
          { file: '.git/config', before: config, content: `${config}[core]\n\tfsmonitor = "echo pwned > ${marker}"\n` },
          { file: 'spec/plans/frozen/README.md', before: frozen, content: frozenEdit(frozen) },
        ]),
      );
    });

    const r = await newPlan(victim);
    git(victim, 'status', '--porcelain'); // what `whats-next --commit` runs next
    expect(existsSync(marker)).toBe(false);
    expect(readFileSync(path.join(victim, '.git/config'), 'utf8')).toBe(config);
    expect(readFileSync(path.join(victim, 'spec/plans/frozen/README.md'), 'utf8')).toBe(frozen);
    expect(r.code).toBe(2);
    expect(isCleanError(r)).toBe(true);
    expect(r.stderr).toMatch(/\.specscore\/journal\.json: it is tracked by git/);
    expect(r.stderr).toMatch(/git rm/);
    // Left in place for the user to look at; the command wrote nothing.
    expect(existsSync(path.join(victim, JOURNAL))).toBe(true);
    expect(existsSync(path.join(victim, 'spec/plans/fresh'))).toBe(false);
  });
});

describe('a journal git does not track', () => {
  it('naming a file outside spec/ and .specscore/ is refused as a whole: nothing of it is applied', async () => {
    scene = makeScene();
    const { victim } = scene;
    const config = readFileSync(path.join(victim, '.git/config'), 'utf8');
    const draft = readFileSync(path.join(victim, 'spec/plans/user-auth/README.md'), 'utf8');
    writeFileSync(
      path.join(victim, JOURNAL),
      journalOf([
        { file: 'spec/plans/user-auth/README.md', before: draft, content: draft.replace('User auth exists', 'User auth was edited') },
        { file: '.git/config', before: config, content: `${config}[core]\n\tfsmonitor = "echo pwned"\n` },
      ]),
    );
    const r = await newPlan(victim);
    expect(readFileSync(path.join(victim, '.git/config'), 'utf8')).toBe(config);
    expect(readFileSync(path.join(victim, 'spec/plans/user-auth/README.md'), 'utf8')).toBe(draft);
    expect(r.code).toBe(2);
    expect(isCleanError(r)).toBe(true);
    expect(r.stderr).toMatch(/journal\.json.*\.git\/config.*outside spec\/ and \.specscore\//);
    expect(existsSync(path.join(victim, JOURNAL))).toBe(true);
  });

  it('changing an approved plan beyond its lifecycle fields is refused by the freeze guard', async () => {
    scene = makeScene();
    const { victim } = scene;
    const frozen = readFileSync(path.join(victim, 'spec/plans/frozen/README.md'), 'utf8');
    writeFileSync(path.join(victim, JOURNAL), journalOf([{ file: 'spec/plans/frozen/README.md', before: frozen, content: frozenEdit(frozen) }]));
    const r = await newPlan(victim);
    expect(readFileSync(path.join(victim, 'spec/plans/frozen/README.md'), 'utf8')).toBe(frozen);
    expect(r.code).toBe(2);
    expect(isCleanError(r)).toBe(true);
    expect(r.stderr).toMatch(/journal\.json.*approved plan frozen/);
    expect(existsSync(path.join(victim, JOURNAL))).toBe(true);
    expect(existsSync(path.join(victim, 'spec/plans/fresh'))).toBe(false);
  });

  it('left by a real interrupted write is still finished, and the command says so', async () => {
    scene = makeScene();
    const { victim } = scene;
    const before = readFileSync(path.join(victim, 'spec/plans/user-auth/README.md'), 'utf8');
    const after = before.replace('**Status:** draft', '**Status:** in_review');
    const other = planText({ title: 'Other' });
    writeFileSync(
      path.join(victim, JOURNAL),
      journalOf([
        { file: 'spec/plans/user-auth/README.md', before, content: after },
        { file: 'spec/plans/other/README.md', before: null, content: other },
      ]),
    );
    const r = await newPlan(victim);
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(r.stdout).toMatch(/finished an interrupted earlier write: spec\/plans\/user-auth\/README\.md/);
    expect(readFileSync(path.join(victim, 'spec/plans/user-auth/README.md'), 'utf8')).toBe(after);
    expect(readFileSync(path.join(victim, 'spec/plans/other/README.md'), 'utf8')).toBe(other);
    expect(existsSync(path.join(victim, JOURNAL))).toBe(false);
  });
});
