import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAll, type Built } from '../support/cli.js';
import { connectInMemory, makeRepo, PROJECT_ROOT, removeRepo } from '../support/mcp-helpers.js';
import { corpus } from '../support/corpus.js';

const SYNCHESTRA = corpus('synchestra-spec');

const VERSION = (JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as { version: string }).version;

/** Environment without npm's variables of the process running the tests. */
function cleanEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('npm_')));
}

let built: Built;
let elsewhere: string;

beforeAll(() => {
  built = buildAll();
  elsewhere = mkdtempSync(path.join(os.tmpdir(), 'specplan-version-'));
});
afterAll(() => rmSync(elsewhere, { recursive: true, force: true }));

SYNCHESTRA.describe('--version prints the version of this package', () => {
  it('from a folder outside the package', () => {
    for (const bin of [built.specplan, built.whatsNext]) {
      for (const flag of ['--version', '-V']) {
        expect(execFileSync(process.execPath, [bin, flag], { cwd: elsewhere, env: cleanEnv(), encoding: 'utf8' }), `${path.basename(bin)} ${flag}`).toBe(
          `${VERSION}\n`,
        );
      }
    }
  });

  it("from another project's npm script, whose own version npm exports", () => {
    const project = path.join(elsewhere, 'host');
    mkdirSync(project);
    const run = (bin: string) => `node ${JSON.stringify(bin)} --version`;
    writeFileSync(
      path.join(project, 'package.json'),
      JSON.stringify({ name: 'host-project', version: '9.8.7', private: true, scripts: { versions: `${run(built.specplan)} && ${run(built.whatsNext)}` } }),
    );
    const out = execFileSync('npm', ['run', '--silent', 'versions'], { cwd: project, env: cleanEnv(), encoding: 'utf8' });
    expect(out).toBe(`${VERSION}\n${VERSION}\n`);
  });

  it('and the MCP server reports the same version', async () => {
    const root = makeRepo({ git: false, small: true });
    const c = await connectInMemory(root);
    try {
      expect(c.client.getServerVersion()).toMatchObject({ name: 'specscore-plans', version: VERSION });
    } finally {
      await c.close();
      removeRepo(root);
    }
  });
});
