/**
 * A hostile commit puts special files and links where the tool reads: the configuration, the
 * ledger, approvals, documents, the previous report, conventions, an import source. The victim
 * runs the documented commands (built CLI, real processes, real temp repositories): every one
 * finishes, reads nothing outside the root and nothing unbounded, and says which file is wrong.
 */
import { existsSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAll, makeArena, write, type Arena, type Built } from '../support/hardening-helpers.js';
import { expectOneSentence, fifo, finish, mcpSession, toolText, victimEnv } from '../support/security-support.js';

let built: Built;
const arenas: Arena[] = [];
beforeAll(() => {
  built = buildAll();
}, 180_000);
afterAll(() => arenas.forEach((a) => a.cleanup()));

function arena(opts: { git?: boolean } = {}): Arena {
  const a = makeArena({ git: opts.git ?? false, symlinks: false });
  arenas.push(a);
  return a;
}

const specplan = (a: Arena, args: string[], timeoutMs?: number, env?: NodeJS.ProcessEnv) =>
  finish(built.specplan, [...args, '--root', a.root], { cwd: a.root, timeoutMs, env });
const whatsNext = (a: Arena, args: string[], timeoutMs?: number) =>
  finish(built.whatsNext, [...args, '--provider', 'none', '--root', a.root], { cwd: a.root, timeoutMs });

interface Diag {
  file: string;
  rule: string;
  severity: string;
  message: string;
}
const diagnostics = (stdout: string): Diag[] => (JSON.parse(stdout) as { diagnostics: Diag[] }).diagnostics;

describe('the configuration file', () => {
  it('a link to /dev/zero is refused at once, naming the file (exit 2)', async () => {
    const a = arena();
    rmSync(path.join(a.root, 'specscore.yaml'));
    symlinkSync('/dev/zero', path.join(a.root, 'specscore.yaml'));
    const r = await specplan(a, ['lint'], 10_000);
    expectOneSentence(r, 2, /specscore\.yaml/);
    expect(r.stderr).toMatch(/outside/);
  }, 30_000);

  it('a link to a file outside the root is not trusted: enforce_freeze: off from outside does not apply', async () => {
    const a = arena();
    writeFileSync(path.join(a.outside, 'specscore.yaml'), 'planning:\n  enforce_freeze: off\n');
    rmSync(path.join(a.root, 'specscore.yaml'));
    symlinkSync(path.join(a.outside, 'specscore.yaml'), path.join(a.root, 'specscore.yaml'));
    const frozen = await specplan(a, ['check-frozen', '--json']);
    expectOneSentence(frozen, 2, /specscore\.yaml.*outside/);
    expect(frozen.stdout).toBe('');
    const lint = await specplan(a, ['lint']);
    expectOneSentence(lint, 2, /specscore\.yaml/);
  }, 60_000);

  it('a FIFO or a dangling link is refused rather than waited on or replaced by the defaults', async () => {
    const a = arena();
    rmSync(path.join(a.root, 'specscore.yaml'));
    fifo(a.root, 'specscore.yaml');
    expectOneSentence(await specplan(a, ['status']), 2, /specscore\.yaml.*named pipe/);
    expectOneSentence(await whatsNext(a, ['--full', '--dry-run']), 2, /specscore\.yaml.*named pipe/);
    rmSync(path.join(a.root, 'specscore.yaml'));
    symlinkSync('nowhere.yaml', path.join(a.root, 'specscore.yaml'));
    expectOneSentence(await specplan(a, ['status']), 2, /specscore\.yaml/);
  }, 60_000);
});

describe('documents that are named pipes', () => {
  const PIPES = [
    'spec/plans/pipe-plan/README.md',
    'spec/features/pipe-feature/README.md',
    'spec/features/cli/proposals/pipe-proposal/README.md',
    'spec/plans/README.md',
  ];

  it('lint, status and whats-next finish and name each pipe (repo/not-regular)', async () => {
    const a = arena();
    for (const f of PIPES) fifo(a.root, f);
    const lint = await specplan(a, ['lint', '--json']);
    expect(lint.code, lint.stderr).toBe(1);
    const d = diagnostics(lint.stdout);
    for (const f of PIPES)
      expect(
        d.find((x) => x.file === f && x.rule === 'repo/not-regular'),
        f,
      ).toMatchObject({ severity: 'error' });
    expect(d.find((x) => x.file === PIPES[0] && x.rule === 'repo/not-regular')!.message).toMatch(/named pipe/);
    const status = await specplan(a, ['status']);
    expect(status.code, status.stderr).toBe(0);
    expect(status.stdout).toMatch(/user-auth/);
    const wn = await whatsNext(a, ['--full', '--dry-run']);
    expect(wn.code, wn.stderr).toBe(0);
    expect(wn.stdout).toMatch(/# What's Next/);
    const created = await specplan(a, ['new', 'fresh', '--title', 'Fresh', '--author', '@a', '--feature', 'cli', '--date', '2026-04-01']);
    expect(created.stderr).not.toMatch(/unexpected error/);
  }, 90_000);

  it('the prefetching loader (helper thread) never blocks on a pipe either', async () => {
    const a = arena();
    for (const f of PIPES) fifo(a.root, f);
    write(a.root, 'spec/plans/huge/README.md', `# Plan: Huge\n\n${'x'.repeat(9 * 1024 * 1024)}\n`);
    const lint = await specplan(a, ['lint', '--json'], undefined, { ...victimEnv(), SPECPLAN_PREFETCH: '1' });
    expect(lint.code, lint.stderr).toBe(1);
    const d = diagnostics(lint.stdout);
    for (const f of PIPES)
      expect(
        d.find((x) => x.file === f && x.rule === 'repo/not-regular'),
        f,
      ).toBeDefined();
    expect(d.find((x) => x.file === 'spec/plans/huge/README.md' && x.rule === 'repo/too-large')).toBeDefined();
  }, 60_000);

  it('the fast up-to-date check of whats-next never blocks on a pipe', async () => {
    const a = arena({ git: true });
    const first = await whatsNext(a, ['--full']);
    expect(first.code, first.stderr).toBe(0);
    rmSync(path.join(a.root, 'spec/plans/user-auth/README.md'));
    fifo(a.root, 'spec/plans/user-auth/README.md');
    rmSync(path.join(a.root, 'spec/features/api/README.md'));
    fifo(a.root, 'spec/features/api/README.md');
    const check = await whatsNext(a, ['--check']);
    expect(check.code, check.stderr).toBe(1);
    expect(check.stderr).toMatch(/out of date/);
  }, 90_000);

  it('a previous WHATS-NEXT.md that is a pipe stops whats-next with exit 2, naming it', async () => {
    const a = arena();
    fifo(a.root, 'spec/plans/WHATS-NEXT.md');
    expectOneSentence(await whatsNext(a, ['--full']), 2, /spec\/plans\/WHATS-NEXT\.md.*named pipe/);
  }, 30_000);
});

describe('the ledger', () => {
  it('a FIFO ledger: status goes on without it, whats-next stops with exit 2, both naming it', async () => {
    const a = arena();
    rmSync(path.join(a.root, '.specscore/work-items.yaml'));
    fifo(a.root, '.specscore/work-items.yaml');
    const status = await specplan(a, ['status']);
    expect(status.code, status.stderr).toBe(0);
    expect(status.stderr).toMatch(/\.specscore\/work-items\.yaml.*named pipe/);
    expectOneSentence(await whatsNext(a, ['--full', '--dry-run']), 2, /\.specscore\/work-items\.yaml.*named pipe/);
  }, 60_000);

  it('a ledger over the size limit is not parsed', async () => {
    const a = arena();
    const row = '  - { id: T-1, plan: user-auth, step: "1", status: in_progress, updated: 2026-03-20 }\n';
    write(a.root, '.specscore/work-items.yaml', `items:\n${row.repeat(Math.ceil((5 * 1024 * 1024) / row.length))}`);
    const started = Date.now();
    const wn = await whatsNext(a, ['--full', '--dry-run']);
    expectOneSentence(wn, 2, /\.specscore\/work-items\.yaml.*MB/);
    expect(Date.now() - started).toBeLessThan(15_000);
  }, 60_000);

  it('a ledger linked from outside the root is not read', async () => {
    const a = arena();
    writeFileSync(path.join(a.outside, 'ledger.yaml'), 'items:\n  - { id: X-1, plan: user-auth, step: "1", status: done, updated: 2026-03-20 }\n');
    rmSync(path.join(a.root, '.specscore/work-items.yaml'));
    symlinkSync(path.join(a.outside, 'ledger.yaml'), path.join(a.root, '.specscore/work-items.yaml'));
    expectOneSentence(await whatsNext(a, ['--full', '--dry-run']), 2, /\.specscore\/work-items\.yaml.*outside/);
    const status = await specplan(a, ['status', '--json']);
    expect(status.code).toBe(0);
    expect(status.stderr).toMatch(/\.specscore\/work-items\.yaml.*outside/);
    expect(status.stdout).not.toMatch(/"done": 1/);
  }, 60_000);
});

describe('other files the commands read', () => {
  it('approvals.json as a pipe: check-frozen stops with exit 2, naming it', async () => {
    const a = arena();
    fifo(a.root, '.specscore/approvals.json');
    expectOneSentence(await specplan(a, ['check-frozen']), 2, /\.specscore\/approvals\.json.*named pipe/);
  }, 30_000);

  it('a convention document that is a pipe is skipped by draft', async () => {
    const a = arena();
    fifo(a.root, 'spec/README.md');
    const r = await specplan(a, ['draft', '--feature', 'api', '--provider', 'none', '--dry-run', '--date', '2026-04-01']);
    expect(r.stderr).not.toMatch(/unexpected error/);
    expect([0, 1]).toContain(r.code);
  }, 30_000);

  it('an import source that is a pipe is refused (exit 2), naming it', async () => {
    const a = arena();
    fifo(a.root, 'pipe.md');
    const r = await specplan(a, ['import', 'pipe.md', '--from', 'execplan', '--feature', 'cli', '--slug', 'imported', '--date', '2026-04-01']);
    expectOneSentence(r, 2, /pipe\.md.*named pipe/);
  }, 30_000);

  it('an import source inside the root that links out of it is refused: nothing from outside lands in a plan', async () => {
    const a = arena();
    writeFileSync(
      path.join(a.outside, 'private.md'),
      '# Private notes\n\n## Objective\n\nSecret objective.\n\n## Execution Steps\n\n1. Do not read me\n2. Nor me\n',
    );
    symlinkSync(path.join(a.outside, 'private.md'), path.join(a.root, 'notes.md'));
    const r = await specplan(a, ['import', 'notes.md', '--from', 'execplan', '--feature', 'cli', '--slug', 'imported', '--date', '2026-04-01']);
    expectOneSentence(r, 2, /notes\.md.*outside/);
    expect(r.stdout + r.stderr).not.toMatch(/Secret objective|Do not read me/);
    expect(existsSync(path.join(a.root, 'spec/plans/imported'))).toBe(false);
  }, 30_000);
});

describe('the MCP server', () => {
  it('answers with a pipe as a plan README and as the ledger', async () => {
    const a = arena();
    fifo(a.root, 'spec/plans/pipe-plan/README.md');
    rmSync(path.join(a.root, '.specscore/work-items.yaml'));
    fifo(a.root, '.specscore/work-items.yaml');
    const s = await mcpSession(built, a.root);
    try {
      const list = await s.call('list_plans');
      expect(list.isError, toolText(list)).toBeFalsy();
      expect(toolText(list)).toMatch(/user-auth/);
      const lint = await s.call('lint_plans');
      expect(toolText(lint)).toMatch(/spec\/plans\/pipe-plan\/README\.md/);
      const status = await s.call('plan_status', { plan: 'user-auth' });
      expect(toolText(status)).toBeTruthy();
    } finally {
      await s.close();
    }
  }, 90_000);
});
