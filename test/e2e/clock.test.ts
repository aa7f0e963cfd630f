/**
 * One clock for every dated write. Without SPECPLAN_TODAY, `specplan new` (a spawned process) and
 * the MCP `scaffold_plan` (the in-process server) date a plan with the calendar day where they run,
 * whatever the time zone and the time of day; with SPECPLAN_TODAY every dated write uses it: new,
 * approve, report, draft, import, whats-next, scaffold_plan and set_plan_status.
 */
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Session } from '../../src/app/session.js';
import { createServer } from '../../tools/server.js';
import { buildAll, runCli, runWhatsNextCli, type Built } from '../support/cli.js';
import { makeRepo, read, removeRepo, type RunResult } from '../support/lifecycle-helpers.js';

const ZONES = ['Pacific/Kiritimati', 'America/Los_Angeles', 'UTC', 'Asia/Tokyo'];
const SPAWNED_ZONES = ['Pacific/Kiritimati', 'America/Los_Angeles'];
const PINNED = '2031-07-04';

let built: Built;
const roots: string[] = [];
const saved = { TZ: process.env.TZ, SPECPLAN_TODAY: process.env.SPECPLAN_TODAY };
beforeAll(() => {
  built = buildAll();
}, 120_000);
afterEach(() => {
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
});
afterAll(() => roots.forEach(removeRepo));

function repo(): string {
  const root = makeRepo({ git: false });
  roots.push(root);
  return root;
}

/** The calendar date YYYY-MM-DD of `at` in the time zone `tz`. */
function dateIn(tz: string, at: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

/** A field of a plan header: `**Created:** 2026-03-14` → `2026-03-14`. */
function field(text: string, name: string): string | undefined {
  return new RegExp(`^\\*\\*${name}:\\*\\* (.*)$`, 'm').exec(text)?.[1];
}

/** Run a built script in `root` with `env` on top of this process's environment, SPECPLAN_TODAY removed. */
function spawnIn(script: string, root: string, args: string[], env: NodeJS.ProcessEnv): Promise<RunResult> {
  const base = { ...process.env };
  delete base.SPECPLAN_TODAY;
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [script, ...args, '--root', root], { cwd: root, env: { ...base, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

/** The MCP server in this process over the in-memory transport, its clock reading `now`. */
async function mcp(
  root: string,
  now?: () => Date,
): Promise<{ call: (name: string, args: Record<string, unknown>) => Promise<Record<string, unknown>>; close: () => Promise<void> }> {
  const logger = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };
  const ctx = new Session({ root, logger, ...(now ? { now } : {}) });
  const handle = await createServer(ctx);
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  const client = new Client({ name: 'clock-test', version: '1.0.0' });
  await handle.server.connect(serverSide);
  await client.connect(clientSide);
  return {
    call: async (name, args) => {
      const res = (await client.callTool({ name, arguments: args })) as CallToolResult;
      if (res.isError) throw new Error(`${name} failed: ${res.content.map((c) => (c.type === 'text' ? c.text : '')).join('\n')}`);
      return res.structuredContent as Record<string, unknown>;
    },
    close: async () => {
      handle.dispose();
      await client.close();
      await handle.server.close();
    },
  };
}

const scaffold = (slug: string) => ({ slug, title: `Plan ${slug}`, author: '@a', features: ['cli'] });

describe('without SPECPLAN_TODAY: the calendar day where the command runs', () => {
  for (const tz of ZONES) {
    it(`${tz}: specplan new and scaffold_plan write the same Created date, at any time of day`, async () => {
      const root = repo();
      delete process.env.SPECPLAN_TODAY;
      process.env.TZ = tz;
      // The server's clock at several times of day (UTC instants that fall on different days in different zones).
      for (const [i, instant] of ['2026-03-14T00:30:00Z', '2026-03-14T10:15:00Z', '2026-03-14T13:45:00Z', '2026-03-14T23:30:00Z'].entries()) {
        const at = new Date(instant);
        const server = await mcp(root, () => at);
        await server.call('scaffold_plan', scaffold(`mcp-${i}`));
        await server.close();
        expect(field(read(root, `spec/plans/mcp-${i}/README.md`), 'Created'), `${tz} at ${instant}`).toBe(dateIn(tz, at));
      }
      // The real clock: a spawned CLI and the in-process server, side by side.
      const before = dateIn(tz, new Date());
      const cli = await spawnIn(built.specplan, root, ['new', 'by-cli', '--title', 'By CLI', '--author', '@a', '--feature', 'cli'], { TZ: tz });
      expect(cli.code, cli.stderr).toBe(0);
      const server = await mcp(root);
      await server.call('scaffold_plan', scaffold('by-mcp'));
      await server.close();
      const after = dateIn(tz, new Date());
      const byCli = field(read(root, 'spec/plans/by-cli/README.md'), 'Created');
      const byMcp = field(read(root, 'spec/plans/by-mcp/README.md'), 'Created');
      expect([before, after]).toContain(byCli);
      if (before === after) expect(byMcp).toBe(byCli);
      else expect([before, after]).toContain(byMcp);
    }, 60_000);
  }
});

describe('SPECPLAN_TODAY pins every dated write', () => {
  /** The dated writes of each command in `tz`, every command run by `run` (a spawned process or this process's dispatch). */
  async function datedWrites(tz: string, run: (bin: 'specplan' | 'whats-next', root: string, args: string[]) => Promise<RunResult>) {
    const root = repo();
    const source = path.join(root, 'batch-execplan.md');
    writeFileSync(source, '# Batch ExecPlan\n\n## Objective\nRun many items at once.\n\n## Execution Steps\n1. [ ] Parse the file\n2. [ ] Run the items\n');
    const steps: Array<['specplan' | 'whats-next', ...string[]]> = [
      ['specplan', 'new', 'p', '--title', 'P', '--author', '@a', '--feature', 'cli'],
      ['specplan', 'submit', 'p'],
      ['specplan', 'approve', 'p', '--approver', '@j'],
      ['specplan', 'report', 'p'],
      ['specplan', 'draft', '--feature', 'api', '--slug', 'drafted', '--provider', 'none'],
      ['specplan', 'import', source, '--from', 'execplan', '--feature', 'chat', '--slug', 'imported', '--provider', 'none'],
      ['whats-next', '--full', '--provider', 'none'],
    ];
    for (const [bin, ...args] of steps) {
      const r = await run(bin, root, args);
      expect(r.code, `${tz}: ${args.join(' ')}: ${r.stderr}`).toBe(0);
    }
    const plan = read(root, 'spec/plans/p/README.md');
    const dates = {
      created: field(plan, 'Created'),
      approved: field(plan, 'Approved'),
      recorded: (JSON.parse(read(root, '.specscore/approvals.json')) as { plans: Record<string, { approved: string }> }).plans.p!.approved,
      report: field(read(root, 'spec/plans/p/reports/README.md'), 'Generated'),
      draft: field(read(root, 'spec/plans/drafted/README.md'), 'Created'),
      imported: field(read(root, 'spec/plans/imported/README.md'), 'Created'),
      whatsNext: field(read(root, 'spec/plans/WHATS-NEXT.md'), 'Generated'),
    };
    expect(dates, tz).toEqual({ created: PINNED, approved: PINNED, recorded: PINNED, report: PINNED, draft: PINNED, imported: PINNED, whatsNext: PINNED });
  }

  // Real processes in the two zones furthest apart (a day ahead of UTC and most of a day behind);
  // every zone through the binaries' own dispatch in this process, whose TZ is set per run.
  it('spawned a day ahead of UTC and behind it: new, approve, report, draft, import and whats-next', async () => {
    await Promise.all(
      SPAWNED_ZONES.map((tz) =>
        datedWrites(tz, (bin, root, args) => spawnIn(bin === 'specplan' ? built.specplan : built.whatsNext, root, args, { TZ: tz, SPECPLAN_TODAY: PINNED })),
      ),
    );
  }, 120_000);

  for (const tz of ZONES) {
    it(`${tz}: new, approve, report, draft, import and whats-next in this process`, async () => {
      await datedWrites(tz, (bin, root, args) => {
        const env = { TZ: tz, SPECPLAN_TODAY: PINNED };
        return bin === 'specplan' ? runCli([...args, '--root', root], env, root) : runWhatsNextCli([...args, '--root', root], env);
      });
    }, 60_000);
  }

  for (const tz of ZONES) {
    it(`${tz}: the in-process MCP server's scaffold_plan and set_plan_status`, async () => {
      const root = repo();
      process.env.TZ = tz;
      process.env.SPECPLAN_TODAY = PINNED;
      // A machine clock that says another day in every zone.
      const server = await mcp(root, () => new Date('2026-03-14T23:30:00Z'));
      await server.call('scaffold_plan', scaffold('m'));
      await server.call('set_plan_status', { plan: 'm', status: 'in_review' });
      await server.call('set_plan_status', { plan: 'm', status: 'approved', approver: '@j' });
      await server.close();
      const plan = read(root, 'spec/plans/m/README.md');
      expect([field(plan, 'Created'), field(plan, 'Approved')]).toEqual([PINNED, PINNED]);
    });
  }
});
