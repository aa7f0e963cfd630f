#!/usr/bin/env node
/**
 * Load test of the MCP server over Streamable HTTP on loopback: start the BUILT server
 * (`node dist/src/cli/specplan.js mcp --http 0 --root DIR`) on a synthetic repository
 * (bench/generate-repo.mjs, 1,000 plans by default), connect N SDK clients
 * (StreamableHTTPClientTransport, one session each) and let every client call read tools in a
 * loop until the deadline: list_plans (paged), read_plan, plan_status, plan_graph, list_features,
 * read_feature, lint_plans (one plan), list_proposals. Counts calls, transport errors and
 * `isError` results; samples the server's RSS (/proc/PID/status VmRSS) every second.
 *
 *   npm run build && node bench/load-mcp-http.mjs [--duration 60] [--clients 50] [--plans 1000]
 *        [--features 2000] [--root DIR] [--warmup 10] [--growth-mb 64] [--peak-mb 768] [--json]
 *
 * Memory bound (stated up front, checked at the end): the mean RSS of the last 10 s may exceed
 * the mean RSS of the 10 s right after the warm-up by at most --growth-mb (default 64 MB), and
 * the peak RSS stays under --peak-mb (default 768 MB). Exit 0 when there were no errors and both
 * bounds hold, 1 otherwise. Loopback only: the server binds 127.0.0.1 and the clients connect there.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { generateRepo } from './generate-repo.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const CLI = path.resolve(here, '../dist/src/cli/specplan.js');

function parseArgs(argv) {
  const o = { duration: 60, clients: 50, plans: 1000, features: 2000, root: null, warmup: 10, 'growth-mb': 64, 'peak-mb': 768, json: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--json') o.json = true;
    else if (a === '--root') o.root = argv[++i];
    else if (['--duration', '--clients', '--plans', '--features', '--warmup', '--growth-mb', '--peak-mb'].includes(a)) {
      const v = Number(argv[++i]);
      if (!Number.isFinite(v) || v < 0) throw new Error(`${a} needs a number`);
      o[a.slice(2)] = v;
    } else
      throw new Error(
        `unknown argument ${a}; expected --duration S --clients N --plans N --features N --root DIR --warmup S --growth-mb MB --peak-mb MB --json`,
      );
  }
  if (o.clients < 1 || o.clients > 500) throw new Error('--clients must be 1..500');
  if (o.duration > 3600) throw new Error('--duration is at most 3600 s');
  return o;
}

function rssMb(pid) {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : null;
  } catch {
    return null;
  }
}

const mean = (xs) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : NaN);
const round = (x) => Math.round(x * 10) / 10;
function pct(ms, q) {
  const s = [...ms].sort((a, b) => a - b);
  return s.length ? round(s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)]) : NaN;
}

/** Start the server; resolves with the child and its URL once it logs "serving … on http://…". */
function startServer(root) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, 'mcp', '--http', '0', '--root', root], {
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { PATH: process.env.PATH ?? '', HOME: os.tmpdir() },
    });
    let err = '';
    const timer = setTimeout(() => reject(new Error(`server did not start in 60 s:\n${err}`)), 60_000);
    child.stderr.on('data', (d) => {
      err += String(d);
      const m = /on (http:\/\/127\.0\.0\.1:\d+\/mcp)/.exec(err);
      if (m && timer) {
        clearTimeout(timer);
        resolve({ child, url: new URL(m[1]), stderr: () => err });
      }
    });
    child.on('exit', (code) => reject(new Error(`server exited with ${code}:\n${err}`)));
  });
}

async function main() {
  const o = parseArgs(process.argv.slice(2));
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing; run npm run build first`);
  const temp = o.root ? null : mkdtempSync(path.join(os.tmpdir(), 'specplan-load-'));
  const root = o.root ?? temp;
  if (temp) generateRepo({ root, plans: o.plans, features: o.features, seed: 1 });
  const server = await startServer(root);
  if (server.url.hostname !== '127.0.0.1') throw new Error(`refusing a non-loopback server URL ${server.url}`);
  const pid = server.child.pid;
  const samples = [];
  const t0 = Date.now();
  const sampler = setInterval(() => {
    const r = rssMb(pid);
    if (r !== null) samples.push({ t: (Date.now() - t0) / 1000, rss: r });
  }, 1000);

  // Names to call with, read once through the server itself.
  const probe = new Client({ name: 'load-probe', version: '1.0.0' });
  await probe.connect(new StreamableHTTPClientTransport(server.url));
  const plans = [];
  for (let cursor; ; ) {
    const r = await probe.callTool({ name: 'list_plans', arguments: { limit: 200, ...(cursor ? { cursor } : {}) } });
    plans.push(...r.structuredContent.plans.map((p) => p.plan));
    cursor = r.structuredContent.nextCursor;
    if (!cursor) break;
  }
  const features = (await probe.callTool({ name: 'list_features', arguments: { limit: 200 } })).structuredContent.features.map((f) => f.feature);
  await probe.close();
  const pick = (xs, i) => xs[i % xs.length];
  const CALLS = [
    (i) => ['list_plans', { limit: 50, ...(i % 3 ? { cursor: String((i * 50) % Math.max(50, plans.length - 50)) } : {}) }],
    (i) => ['read_plan', { plan: pick(plans, i * 7) }],
    (i) => ['plan_status', { plan: pick(plans, i * 11) }],
    (i) => ['plan_graph', { plan: pick(plans, i * 13) }],
    (i) => ['list_features', { limit: 50 }],
    (i) => ['read_feature', { feature: pick(features, i * 17) }],
    (i) => ['lint_plans', { paths: [`spec/plans/${pick(plans, i * 19)}/README.md`], severity: 'warning' }],
    () => ['list_proposals', { limit: 20 }],
  ];

  const deadline = Date.now() + o.duration * 1000;
  const latencies = [];
  const perTool = {};
  let calls = 0;
  let transportErrors = 0;
  let toolErrors = 0;
  const errorSamples = [];
  async function worker(w) {
    const client = new Client({ name: `load-${w}`, version: '1.0.0' });
    await client.connect(new StreamableHTTPClientTransport(server.url));
    let i = w;
    // Bounded loop: stops at the deadline (and at a hard cap per client).
    while (Date.now() < deadline && i < w + 1_000_000) {
      const [name, args] = CALLS[i % CALLS.length](i);
      const t = performance.now();
      try {
        const r = await client.callTool({ name, arguments: args });
        if (r.isError) {
          toolErrors++;
          if (errorSamples.length < 5) errorSamples.push(`${name} ${JSON.stringify(args)}: ${r.content?.[0]?.text?.slice(0, 200)}`);
        }
      } catch (e) {
        transportErrors++;
        if (errorSamples.length < 5) errorSamples.push(`${name}: ${e.message}`);
      }
      const ms = performance.now() - t;
      latencies.push(ms);
      (perTool[name] ??= []).push(ms);
      calls++;
      i += o.clients;
    }
    await client.close();
  }
  await Promise.all(Array.from({ length: o.clients }, (_, w) => worker(w)));
  const elapsed = (Date.now() - t0) / 1000;
  clearInterval(sampler);
  const finalRss = rssMb(pid);
  server.child.kill('SIGTERM');
  if (temp) rmSync(temp, { recursive: true, force: true });

  const afterWarmup = samples.filter((s) => s.t >= o.warmup && s.t < o.warmup + 10).map((s) => s.rss);
  const last = samples.filter((s) => s.t >= elapsed - 10).map((s) => s.rss);
  const peak = Math.max(...samples.map((s) => s.rss));
  const growth = mean(last) - mean(afterWarmup);
  const result = {
    clients: o.clients,
    durationS: round(elapsed),
    plans: plans.length,
    features: features.length,
    calls,
    callsPerSecond: round(calls / elapsed),
    transportErrors,
    toolErrors,
    latencyMs: { p50: pct(latencies, 0.5), p95: pct(latencies, 0.95), p99: pct(latencies, 0.99), max: round(Math.max(...latencies)) },
    perToolP95Ms: Object.fromEntries(Object.entries(perTool).map(([k, v]) => [k, pct(v, 0.95)])),
    rssMb: {
      start: round(samples[0]?.rss ?? NaN),
      afterWarmup: round(mean(afterWarmup)),
      last10s: round(mean(last)),
      peak: round(peak),
      final: round(finalRss ?? NaN),
      growth: round(growth),
    },
    bound: { growthMb: o['growth-mb'], peakMb: o['peak-mb'] },
    rssTimeline: samples.filter((_, i) => i % 5 === 0).map((s) => `${Math.round(s.t)}s:${Math.round(s.rss)}`),
    errorSamples,
  };
  const ok = transportErrors === 0 && toolErrors === 0 && growth <= o['growth-mb'] && peak <= o['peak-mb'];
  if (o.json) process.stdout.write(`${JSON.stringify({ ...result, ok }, null, 2)}\n`);
  else {
    process.stdout.write(
      [
        `MCP Streamable HTTP load: ${o.clients} clients × ${round(elapsed)} s on 127.0.0.1, ${plans.length} plans, ${features.length} features`,
        `calls ${calls} (${result.callsPerSecond}/s), transport errors ${transportErrors}, tool errors ${toolErrors}`,
        `latency ms p50 ${result.latencyMs.p50} p95 ${result.latencyMs.p95} p99 ${result.latencyMs.p99} max ${result.latencyMs.max}`,
        `per tool p95 ms ${Object.entries(result.perToolP95Ms)
          .map(([k, v]) => `${k} ${v}`)
          .join(', ')}`,
        `RSS MB start ${result.rssMb.start}, after warm-up ${result.rssMb.afterWarmup}, last 10 s ${result.rssMb.last10s}, peak ${result.rssMb.peak}; growth ${result.rssMb.growth} (bound ${o['growth-mb']}), peak bound ${o['peak-mb']}`,
        `RSS timeline ${result.rssTimeline.join(' ')}`,
        ...errorSamples.map((e) => `error: ${e}`),
        ok ? 'OK' : 'FAILED',
      ].join('\n') + '\n',
    );
  }
  process.exitCode = ok ? 0 : 1;
}

main().catch((e) => {
  process.stderr.write(`load-mcp-http: ${e.message}\n`);
  process.exitCode = 2;
});
