import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildAll } from '../support/cli.js';
import { fencedBlocks, freshCopy, matchesShown, runShown, shownCommands } from './readme-blocks.js';

const PROJECT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const README = readFileSync(path.join(PROJECT, 'README.md'), 'utf8');
const SLOW = 180_000;

let parent: string;
let clone: string;
let env: NodeJS.ProcessEnv;

beforeAll(() => {
  parent = mkdtempSync(path.join(tmpdir(), 'readme-'));
  const copy = freshCopy(PROJECT, parent, buildAll().root);
  clone = copy.clone;
  // offline, like a newcomer without keys; mktemp -d in the README lands inside the temp folder
  env = { ...process.env, PATH: `${copy.bin}${path.delimiter}${process.env.PATH ?? ''}`, TMPDIR: parent };
  for (const key of ['ANTHROPIC_API_KEY', 'OPENAI_API_KEY', 'SPECPLAN_TODAY']) delete env[key];
}, SLOW);
afterAll(() => {
  if (parent) rmSync(parent, { recursive: true, force: true });
});

describe('the README', () => {
  test('is under 12 KB and links every docs/ page, and every local link resolves', () => {
    expect(Buffer.byteLength(README)).toBeLessThan(12 * 1024);
    for (const page of readdirSync(path.join(PROJECT, 'docs')).filter((f) => f.endsWith('.md'))) expect(README, page).toContain(`(docs/${page})`);
    const prose = README.replace(/^```[\s\S]*?^```$/gm, '');
    for (const m of prose.matchAll(/\]\(([^)#:]+)(#[^)]*)?\)/g)) expect(existsSync(path.join(PROJECT, m[1]!)), m[1]).toBe(true);
  });

  test('the docs name no file outside the repository and no development history', () => {
    const pages = ['README.md', 'CONTRIBUTING.md', ...readdirSync(path.join(PROJECT, 'docs')).map((f) => `docs/${f}`)];
    for (const page of pages) {
      const text = readFileSync(path.join(PROJECT, page), 'utf8');
      expect(text, page).not.toMatch(/CONTRACTS|\/work\/|seeds\/|the brief|issue #?\d|load average|no API key was available/i);
      if (page !== 'CONTRIBUTING.md') expect(text, page).not.toContain('../shared');
    }
  });

  test('says the package is not on the registry and never installs it from there', () => {
    expect(README).toMatch(/not on the npm registry yet/);
    for (const file of ['README.md', 'docs/mcp.md', 'docs/whats-next.md', 'examples/ci/post-merge', 'examples/ci/whats-next.yml']) {
      const text = readFileSync(path.join(PROJECT, file), 'utf8');
      expect(text, file).not.toMatch(/npm i(nstall)? -g specscore-plans|npx (-y |--yes |--no-install )*(-p|--package) specscore-plans/);
    }
  });

  test(
    "the newcomer command runs What's Next offline on the example",
    () => {
      expect(README).toContain('npm ci && npm run example');
      expect(README).toContain('npm ci && npm test');
      const res = spawnSync('npm', ['run', 'example'], { cwd: clone, env, encoding: 'utf8' });
      expect(res.status, res.stderr).toBe(0);
      expect(res.stdout).toContain("# What's Next");
      expect(res.stdout).toContain('## Recommended Next');
    },
    SLOW,
  );

  test(
    'every console block prints what the README shows, from a fresh copy',
    () => {
      const commands = shownCommands(README);
      expect(commands.map((c) => c.command.split(' ')[0])).toEqual(expect.arrayContaining(['specplan', 'whats-next']));
      const results = runShown(commands, clone, env);
      expect(results).toHaveLength(commands.length);
      commands.forEach((c, i) => {
        const { lines, code } = results[i]!;
        const shown = `$ ${c.command}\n${lines.join('\n')}`;
        expect(code, shown).toBe(0);
        expect(matchesShown(c.expected, lines), `README shows:\n${c.expected.join('\n')}\nbut the command printed:\n${shown}`).toBe(true);
      });
    },
    SLOW,
  );

  test(
    'the MCP client snippet starts the server from the clone',
    async () => {
      const json = fencedBlocks(README, 'json').find((b) => b.includes('mcpServers'));
      const server = (JSON.parse(json!) as { mcpServers: Record<string, { command: string; args: string[] }> }).mcpServers['specscore-plans']!;
      const repo = path.join(parent, 'mcp-repo');
      cpSync(path.join(clone, 'examples/acme-spec'), repo, { recursive: true });
      const args = server.args.map((a) => a.replace('/abs/path/to/specscore-plans', clone).replace('/abs/path/to/spec-repo', repo));
      expect(server.command).toBe('node');
      const transport = new StdioClientTransport({ command: process.execPath, args, stderr: 'pipe', env: { PATH: env.PATH ?? '' } });
      const client = new Client({ name: 'readme-test', version: '1.0.0' });
      await client.connect(transport);
      try {
        expect(client.getServerVersion()?.name).toBe('specscore-plans');
        const res = (await client.callTool({ name: 'list_plans', arguments: {} })) as { structuredContent?: unknown };
        expect(JSON.stringify(res.structuredContent)).toContain('billing-roadmap/invoice-pdf');
      } finally {
        await client.close();
      }
    },
    SLOW,
  );

  test(
    'the post-merge hook example updates and commits WHATS-NEXT.md with the linked command',
    () => {
      const repo = path.join(parent, 'hook-repo');
      cpSync(path.join(clone, 'examples/acme-spec'), repo, { recursive: true });
      const git = (...args: string[]) => execFileSync('git', args, { cwd: repo, env, encoding: 'utf8' });
      git('init', '-q');
      git('-c', 'user.name=t', '-c', 'user.email=t@example.com', 'add', '-A');
      git('-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-qm', 'specs');
      const hook = spawnSync('sh', [path.join(clone, 'examples/ci/post-merge')], {
        cwd: repo,
        env: { ...env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com' },
        encoding: 'utf8',
      });
      expect(hook.status, hook.stderr).toBe(0);
      expect(git('log', '-1', '--format=%s')).toBe('chore: update WHATS-NEXT.md (incremental)\n');
      expect(git('show', '--name-only', '--format=', 'HEAD')).toBe('spec/plans/WHATS-NEXT.md\n');
    },
    SLOW,
  );
});
