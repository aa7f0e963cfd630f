/**
 * Writers never write through a symbolic link, even one that stays inside the root, and set the
 * file mode themselves. The attacker commits the link; the victim clones and runs the documented
 * command (the built CLI, or the MCP server in process); the link's target stays as it was.
 */
import { chmodSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { call, connectInMemory } from '../support/mcp-helpers.js';
import { buildAll, git, isCleanError, planText, run, type Built } from '../support/hardening-helpers.js';
import { makeScene, modeOf, type Scene } from '../support/victim.js';

let built: Built;
let scene: Scene | null = null;
beforeAll(() => {
  built = buildAll();
});
afterEach(() => {
  scene?.cleanup();
  scene = null;
});

const read = (root: string, rel: string) => readFileSync(path.join(root, rel), 'utf8');
const link = (root: string, rel: string, target: string) => {
  mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
  rmSync(path.join(root, rel), { force: true });
  symlinkSync(target, path.join(root, rel));
};
const specplan = (root: string, args: string[]) => run(built.specplan, args, { cwd: root });
const whatsNext = (root: string) => run(built.whatsNext, ['--incremental', '--provider', 'none'], { cwd: root });

function expectRefused(r: { code: number; stderr: string; stdout: string }, file: string): void {
  expect(r.code).toBe(2);
  expect(isCleanError(r)).toBe(true);
  expect(r.stderr).toContain(file);
  expect(r.stderr).toMatch(/symbolic link/);
}

describe('a committed symlink inside the root', () => {
  it('WHATS-NEXT.md -> .git/hooks/pre-commit: whats-next does not write the report into the hook', async () => {
    scene = makeScene();
    const { victim } = scene;
    scene.attack('docs: link the report', (up) => link(up, 'spec/plans/WHATS-NEXT.md', '../../.git/hooks/pre-commit'));
    expect((await specplan(victim, ['hooks', 'install'])).code).toBe(0);
    const hook = read(victim, '.git/hooks/pre-commit');
    const r = await whatsNext(victim);
    expect(read(victim, '.git/hooks/pre-commit')).toBe(hook);
    expect(modeOf(path.join(victim, '.git/hooks/pre-commit'))).toBe(0o755);
    expectRefused(r, 'spec/plans/WHATS-NEXT.md');
  });

  it('WHATS-NEXT.md -> .git/config: whats-next does not overwrite the git configuration', async () => {
    scene = makeScene();
    const { victim } = scene;
    scene.attack('docs: link the report', (up) => link(up, 'spec/plans/WHATS-NEXT.md', '../../.git/config'));
    const config = read(victim, '.git/config');
    const r = await whatsNext(victim);
    expect(read(victim, '.git/config')).toBe(config);
    expectRefused(r, 'spec/plans/WHATS-NEXT.md');
  });

  it('the plans index -> an approved plan: specplan index does not append to the approved plan', async () => {
    scene = makeScene();
    const { victim } = scene;
    scene.attack('docs: index', (up) => link(up, 'spec/plans/README.md', 'frozen/README.md'));
    const frozen = read(victim, 'spec/plans/frozen/README.md');
    const r = await specplan(victim, ['index']);
    expect(read(victim, 'spec/plans/frozen/README.md')).toBe(frozen);
    expectRefused(r, 'spec/plans/README.md');
    expect(git(victim, 'status', '--porcelain')).toBe(''); // nothing else was written either
  });

  it('a plan README -> an approved plan: supersede does not supersede the approved plan behind it', async () => {
    scene = makeScene();
    const { victim } = scene;
    scene.attack('plans: dup', (up) => link(up, 'spec/plans/dup/README.md', '../frozen/README.md'));
    const frozen = read(victim, 'spec/plans/frozen/README.md');
    const r = await specplan(victim, ['supersede', 'dup', '--by', 'user-auth']);
    expect(read(victim, 'spec/plans/frozen/README.md')).toBe(frozen);
    expect((await specplan(victim, ['check-frozen'])).code).toBe(0);
    expectRefused(r, 'spec/plans/dup/README.md');
  });

  it('a plan README -> .git/config: the MCP tool write_plan does not overwrite the git configuration', async () => {
    scene = makeScene();
    const { victim } = scene;
    scene.attack('plans: cfg', (up) => link(up, 'spec/plans/cfg/README.md', '../../../.git/config'));
    const config = read(victim, '.git/config');
    const c = await connectInMemory(victim);
    try {
      const res = await call(c.client, 'write_plan', { plan: 'cfg', markdown: planText({ title: 'Cfg' }) });
      expect(read(victim, '.git/config')).toBe(config);
      expect(res.isError).toBe(true);
      expect(res.text).toMatch(/spec\/plans\/cfg\/README\.md.*symbolic link/);
    } finally {
      await c.close();
    }
  });

  it('the export file -> .git/config: export --out does not overwrite the git configuration', async () => {
    scene = makeScene();
    const { victim } = scene;
    scene.attack('chore: export target', (up) => link(up, 'work-items.json', '.git/config'));
    const config = read(victim, '.git/config');
    const r = await specplan(victim, ['export', 'user-auth', '--to', 'work-items', '--out', 'work-items.json']);
    expect(read(victim, '.git/config')).toBe(config);
    expectRefused(r, 'work-items.json');
  });

  it('a hook in a committed hooks folder -> a script: hooks install does not append to the script', async () => {
    scene = makeScene();
    const { victim } = scene;
    scene.attack('chore: hooks', (up) => {
      writeFileSync(path.join(up, 'build.sh'), '#!/bin/sh\necho building\n');
      link(up, '.githooks/pre-commit', '../build.sh');
    });
    git(victim, 'config', 'core.hooksPath', '.githooks');
    const script = read(victim, 'build.sh');
    const r = await specplan(victim, ['hooks', 'install']);
    expect(read(victim, 'build.sh')).toBe(script);
    expectRefused(r, 'pre-commit');
  });
});

describe('paths a writer never writes', () => {
  it('export --out into .git/ is refused', async () => {
    scene = makeScene();
    const { victim } = scene;
    const config = read(victim, '.git/config');
    const r = await specplan(victim, ['export', 'user-auth', '--to', 'work-items', '--out', '.git/config']);
    expect(read(victim, '.git/config')).toBe(config);
    expect(r.code).toBe(2);
    expect(isCleanError(r)).toBe(true);
    expect(r.stderr).toMatch(/\.git\//);
  });
});

describe('file modes', () => {
  it('a committed executable plans index is rewritten as 0644', async () => {
    scene = makeScene();
    const { victim } = scene;
    scene.attack('docs: index', (up) => {
      writeFileSync(path.join(up, 'spec/plans/README.md'), '# Plans\n');
      chmodSync(path.join(up, 'spec/plans/README.md'), 0o755);
    });
    expect(modeOf(path.join(victim, 'spec/plans/README.md'))).toBe(0o755);
    const r = await specplan(victim, ['index']);
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(read(victim, 'spec/plans/README.md')).toMatch(/user-auth/);
    expect(modeOf(path.join(victim, 'spec/plans/README.md'))).toBe(0o644);
  });

  it('hooks install makes the hook 0755 whatever mode it had', async () => {
    scene = makeScene();
    const { victim } = scene;
    writeFileSync(path.join(victim, '.git/hooks/pre-commit'), '#!/bin/sh\necho mine\n');
    chmodSync(path.join(victim, '.git/hooks/pre-commit'), 0o777);
    const r = await specplan(victim, ['hooks', 'install']);
    expect(r.code).toBe(0);
    expect(read(victim, '.git/hooks/pre-commit')).toMatch(/echo mine/);
    expect(modeOf(path.join(victim, '.git/hooks/pre-commit'))).toBe(0o755);
  });
});
