/**
 * `check-frozen` over files it cannot read: an unreadable plan README or approvals.json (EACCES,
 * as uid 65534), a named pipe, a link out of the repository. Each is one clear sentence and
 * exit 2, never a crash, a hang or a pass.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, lstatSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isCleanError } from '../support/hardening-helpers.js';
import { buildAll, type Built } from '../support/cli.js';
import { approveWithTool, commit, freezeRepo, specplan, type FreezeRepo } from '../support/security-freeze-repo.js';

let built: Built;
const repos: FreezeRepo[] = [];
beforeAll(() => {
  built = buildAll();
}, 120_000);
afterAll(() => repos.forEach((r) => r.cleanup()));

const BATCH = 'spec/plans/batch/README.md';
const APPROVALS = '.specscore/approvals.json';

/** A repository with `batch` approved with the tool (and committed when it is a git repository). */
async function approvedRepo(withGit: boolean): Promise<FreezeRepo> {
  const r = freezeRepo({ git: withGit });
  repos.push(r);
  await approveWithTool(r.root, 'batch');
  if (withGit) commit(r.root, 'approve batch');
  return r;
}

function chownTree(p: string, uid: number): void {
  chownSync(p, uid, uid);
  if (lstatSync(p).isDirectory()) for (const e of readdirSync(p)) chownTree(path.join(p, e), uid);
}

const reachable = () =>
  process.getuid?.() === 0 &&
  spawnSync(process.execPath, ['-e', `require('fs').accessSync(${JSON.stringify(buildAll().specplan)}, require('fs').constants.R_OK)`], {
    uid: 65534,
    gid: 65534,
    stdio: 'ignore',
  }).status === 0;

describe('EACCES (the CLI runs as uid 65534)', () => {
  for (const [what, file] of [
    ['an approved plan README', BATCH],
    ['approvals.json', APPROVALS],
  ] as const) {
    for (const withGit of [false, true]) {
      it(`${what} it may not read${withGit ? ' (git repository)' : ''}: exit 2 naming the file`, async (ctx) => {
        if (!reachable()) {
          process.stderr.write(`EACCES test skipped: uid 65534 cannot run ${built.specplan} (a parent folder is private, or this is not root)\n`);
          ctx.skip();
        }
        const r = await approvedRepo(withGit);
        chmodSync(r.base, 0o755);
        chownTree(r.root, 65534);
        chownSync(path.join(r.root, file), 0, 0);
        chmodSync(path.join(r.root, file), 0o600);
        const res = spawnSync(process.execPath, [built.specplan, 'check-frozen', '--root', r.root], {
          cwd: r.root,
          uid: 65534,
          gid: 65534,
          encoding: 'utf8',
          timeout: 15_000,
          env: { PATH: process.env.PATH, HOME: r.base, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' },
        });
        const result = { code: res.status ?? -1, stdout: res.stdout, stderr: res.stderr };
        expect(result.code, result.stdout + result.stderr).toBe(2);
        expect(isCleanError(result), result.stderr).toBe(true);
        expect(result.stderr).toContain(`cannot read ${file}`);
        expect(result.stderr).toContain('EACCES');
        expect(result.stdout).toBe('');
      });
    }
  }
});

describe('files that are not regular files inside the repository', () => {
  for (const [what, file] of [
    ['an approved plan README', BATCH],
    ['approvals.json', APPROVALS],
  ] as const) {
    it(`a named pipe in place of ${what}: exit 2 at once`, async () => {
      const r = await approvedRepo(true);
      rmSync(path.join(r.root, file));
      execFileSync('mkfifo', [path.join(r.root, file)]);
      const t0 = Date.now();
      const out = await specplan(built, r.root, 'check-frozen');
      expect(out.code, out.stdout + out.stderr).toBe(2);
      expect(Date.now() - t0).toBeLessThan(10_000);
      expect(isCleanError(out), out.stderr).toBe(true);
      expect(out.stderr).toMatch(new RegExp(`cannot read ${file.replace(/\./g, '\\.')}: it is a named pipe \\(FIFO\\); expected a regular file`));
    });

    it(`${what} as a link out of the repository: exit 2, the outside file not read`, async () => {
      const r = await approvedRepo(true);
      const outside = path.join(r.base, 'outside.md');
      writeFileSync(outside, 'not yours\n');
      rmSync(path.join(r.root, file));
      symlinkSync(outside, path.join(r.root, file));
      const out = await specplan(built, r.root, 'check-frozen');
      expect(out.code, out.stdout + out.stderr).toBe(2);
      expect(isCleanError(out), out.stderr).toBe(true);
      expect(out.stderr).toContain(`cannot read ${file}`);
      expect(out.stderr).toContain('outside the repository');
    });
  }
});
