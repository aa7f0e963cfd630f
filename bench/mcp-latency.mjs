#!/usr/bin/env node
/**
 * MCP latency benchmark: generate a synthetic repository (bench/generate-repo.mjs), spawn the
 * BUILT server (`node dist/src/cli/specplan.js mcp --root DIR`) over stdio with the SDK client,
 * and measure
 *   - start-up: spawn → initialize answered (first response), and spawn → first list_plans answer;
 *   - list_plans and read_plan latency after start-up (p50 / p95 / max over N calls each).
 * Targets: p95 under 50 ms for both tools, first response under 1 s.
 *
 *   npm run build && node bench/mcp-latency.mjs [--plans 1000] [--features 2000] [--calls 200] [--root DIR] [--json]
 *
 * Exit code 0 when every target holds, 1 otherwise.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { generateRepo } from './generate-repo.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const CLI = path.resolve(here, '../dist/src/cli/specplan.js');

function args(argv) {
  const o = { plans: 1000, features: 2000, calls: 200, root: null, json: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--json') o.json = true;
    else if (['--plans', '--features', '--calls'].includes(a)) o[a.slice(2)] = Number(argv[++i]);
    else if (a === '--root') o.root = argv[++i];
    else throw new Error(`unknown argument ${a}; expected --plans N --features N --calls N --root DIR --json`);
  }
  return o;
}

function stats(ms) {
  const s = [...ms].sort((a, b) => a - b);
  const at = (q) => s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)];
  return { n: s.length, p50: round(at(0.5)), p95: round(at(0.95)), max: round(s.at(-1)) };
}
const round = (x) => Math.round(x * 10) / 10;

async function timed(fn) {
  const t = performance.now();
  const r = await fn();
  return [performance.now() - t, r];
}

async function main() {
  const o = args(process.argv.slice(2));
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing; run npm run build first`);
  const temp = o.root ? null : mkdtempSync(path.join(os.tmpdir(), 'specplan-mcp-bench-'));
  const root = o.root ?? temp;
  try {
    if (temp) generateRepo({ root, plans: o.plans, features: o.features, seed: 1 });
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: [CLI, 'mcp', '--root', root],
      stderr: 'pipe',
      env: { PATH: process.env.PATH ?? '' },
    });
    let stderr = '';
    transport.stderr?.on('data', (d) => (stderr += String(d)));
    const client = new Client({ name: 'mcp-latency-bench', version: '1.0.0' });
    const t0 = performance.now();
    await client.connect(transport);
    const initialize = performance.now() - t0;
    const first = await client.callTool({ name: 'list_plans', arguments: { limit: 50 } });
    const firstListPlans = performance.now() - t0;
    if (first.isError) throw new Error(`list_plans failed: ${JSON.stringify(first.content)}`);
    const total = first.structuredContent.total;
    const features = (await client.callTool({ name: 'list_features', arguments: { limit: 1 } })).structuredContent.total;

    // Every plan path, paged, to pick read_plan targets.
    const paths = [];
    for (let cursor; ; ) {
      const page = await client.callTool({ name: 'list_plans', arguments: { limit: 200, ...(cursor ? { cursor } : {}) } });
      paths.push(...page.structuredContent.plans.map((p) => p.plan));
      cursor = page.structuredContent.nextCursor;
      if (!cursor) break;
    }
    const list = [];
    const filters = [{}, { status: 'draft' }, { status: 'approved' }, { text: 'schema' }, { limit: 20, cursor: '100' }, { limit: 200 }];
    for (let i = 0; i < o.calls; i++) {
      const [ms, r] = await timed(() => client.callTool({ name: 'list_plans', arguments: filters[i % filters.length] }));
      if (r.isError) throw new Error(`list_plans: ${JSON.stringify(r.content)}`);
      list.push(ms);
    }
    const read = [];
    for (let i = 0; i < o.calls; i++) {
      const plan = paths[(i * 7919) % paths.length];
      const [ms, r] = await timed(() => client.callTool({ name: 'read_plan', arguments: { plan } }));
      if (r.isError) throw new Error(`read_plan ${plan}: ${JSON.stringify(r.content)}`);
      read.push(ms);
    }
    await client.close();
    const result = {
      machine: { cpus: os.cpus().length, loadAverage: os.loadavg().map((x) => round(x)) },
      repo: { plans: total, features, generated: !!temp },
      startup: { initializeMs: round(initialize), firstListPlansMs: round(firstListPlans) },
      listPlans: stats(list),
      readPlan: stats(read),
      serverLog: stderr
        .trim()
        .split('\n')
        .filter((l) => /loaded|ready/.test(l)),
    };
    const ok = result.startup.initializeMs < 1000 && result.listPlans.p95 < 50 && result.readPlan.p95 < 50;
    if (o.json) console.log(JSON.stringify({ ...result, ok }, null, 2));
    else {
      console.log(`machine: ${result.machine.cpus} CPUs, load average ${result.machine.loadAverage.join(' ')} (figures stretch with load)`);
      console.log(`repository: ${total} plans, ${features} features${temp ? ' (generated)' : ''}`);
      console.log(
        `start-up: initialize answered after ${result.startup.initializeMs} ms (target < 1000); first list_plans after ${result.startup.firstListPlansMs} ms`,
      );
      console.log(
        `list_plans: p50 ${result.listPlans.p50} ms, p95 ${result.listPlans.p95} ms, max ${result.listPlans.max} ms over ${result.listPlans.n} calls (target p95 < 50)`,
      );
      console.log(
        `read_plan:  p50 ${result.readPlan.p50} ms, p95 ${result.readPlan.p95} ms, max ${result.readPlan.max} ms over ${result.readPlan.n} calls (target p95 < 50)`,
      );
      for (const l of result.serverLog) console.log(`server: ${l}`);
      console.log(ok ? 'all targets met' : 'TARGET MISSED');
    }
    process.exitCode = ok ? 0 : 1;
  } finally {
    if (temp) rmSync(temp, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(`mcp-latency: ${e.message}`);
  process.exitCode = 2;
});
