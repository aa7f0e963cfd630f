#!/usr/bin/env node
/**
 * MCP start-up benchmark: spawn the BUILT server (`node dist/src/cli/specplan.js mcp`) over stdio
 * on a temp copy of the synchestra corpus, and measure the time from spawn to the first
 * `tools/list` answer (initialize, initialized, tools/list), as a cold start: a new process each
 * time. Prints the median of 10 starts, the ratio to a bare `node` start measured in the same
 * run, the CPU time the server used up to that answer (read from /proc where there is one: on a
 * loaded machine it is steadier than the wall time), and the size of the `tools/list` answer (JSON characters) for every tool and for the
 * read-only set.
 *
 *   npm run build && node bench/mcp-startup.mjs [DIR | --root DIR] [--runs 10] [--json]
 *
 * DIR (or `--root`, or $BENCH_CORPUS) is a spec repository to serve as it is; without one, the
 * synchestra corpus is copied to a temporary folder.
 *
 * Targets: median start-up under 500 ms; tools/list under 24,000 characters (every tool) and
 * under 8,000 (read-only). Exit code 0 when every target holds, 1 otherwise.
 */
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const CLI = path.resolve(here, '../dist/src/cli/specplan.js');
const CORPUS = path.resolve(here, '../../shared/corpora/synchestra-spec');

function options(argv) {
  const o = { runs: 10, root: process.env.BENCH_CORPUS || null, json: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--json') o.json = true;
    else if (a === '--runs') o.runs = Number(argv[++i]);
    else if (a === '--root') o.root = argv[++i];
    else if (!a.startsWith('-')) o.root = a;
    else throw new Error(`unknown argument ${a}; expected DIR, --runs N, --root DIR or --json`);
  }
  return o;
}

/** CPU time (user + system, ms) a running process has used so far; null where /proc is not there. */
function cpuOf(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10; // clock ticks of 10 ms
  } catch {
    return null;
  }
}

/** Spawn `node args`, speak JSON-RPC over its stdio until the tools/list answer; resolve with ms and that answer. */
function startOnce(args) {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, args, { stdio: ['pipe', 'pipe', 'ignore'] });
    let buf = '';
    const send = (m) => child.stdin.write(`${JSON.stringify(m)}\n`);
    child.on('error', reject);
    child.on('exit', (code) => reject(new Error(`server exited with ${code} before answering tools/list`)));
    child.stdout.on('data', (d) => {
      buf += d;
      let nl;
      while ((nl = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, nl);
        buf = buf.slice(nl + 1);
        const msg = JSON.parse(line);
        if (msg.id === 1) {
          send({ jsonrpc: '2.0', method: 'notifications/initialized' });
          send({ jsonrpc: '2.0', id: 2, method: 'tools/list' });
        } else if (msg.id === 2) {
          const ms = performance.now() - t0;
          const cpu = cpuOf(child.pid);
          child.removeAllListeners('exit');
          child.kill();
          resolve({ ms, cpu, size: JSON.stringify(msg.result).length, tools: msg.result.tools.length });
        }
      }
    });
    send({
      jsonrpc: '2.0',
      id: 1,
      method: 'initialize',
      params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'bench', version: '1' } },
    });
  });
}

/** A bare node start to exit, as the reference: wall ms, and the CPU ms it used (it reports its own). */
function bareNode() {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, ['-e', 'const c = process.cpuUsage(); process.stdout.write(String((c.user + c.system) / 1000))'], {
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.on('error', reject);
    child.on('exit', () => resolve({ ms: performance.now() - t0, cpu: Number(out) }));
  });
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];

async function main() {
  const o = options(process.argv.slice(2));
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run npm run build first`);
  const root = o.root ?? mkdtempSync(path.join(os.tmpdir(), 'specplan-startup-'));
  if (!o.root) cpSync(path.join(CORPUS, 'spec'), path.join(root, 'spec'), { recursive: true });
  try {
    const serve = [CLI, 'mcp', '--root', root];
    await startOnce(serve); // warm the file cache once; every measured start is a new process
    const server = [];
    const serverCpu = [];
    const node = [];
    const nodeCpu = [];
    let full;
    for (let i = 0; i < o.runs; i++) {
      const bare = await bareNode();
      node.push(bare.ms);
      nodeCpu.push(bare.cpu);
      full = await startOnce(serve);
      server.push(full.ms);
      if (full.cpu !== null) serverCpu.push(full.cpu);
    }
    const readOnly = await startOnce([...serve, '--read-only']);
    const r = {
      runs: o.runs,
      startupMedianMs: Math.round(median(server)),
      startupMinMs: Math.round(Math.min(...server)),
      startupMaxMs: Math.round(Math.max(...server)),
      bareNodeMedianMs: Math.round(median(node)),
      ratioToBareNode: Number((median(server) / median(node)).toFixed(2)),
      startupCpuMedianMs: serverCpu.length ? Math.round(median(serverCpu)) : null,
      bareNodeCpuMedianMs: Math.round(median(nodeCpu)),
      toolsListChars: full.size,
      tools: full.tools,
      readOnlyToolsListChars: readOnly.size,
      readOnlyTools: readOnly.tools,
    };
    const ok = r.startupMedianMs < 500 && r.toolsListChars < 24_000 && r.readOnlyToolsListChars < 8_000;
    if (o.json) console.log(JSON.stringify({ ...r, ok }));
    else {
      console.log(`start-up to the first tools/list answer, median of ${r.runs}: ${r.startupMedianMs} ms (min ${r.startupMinMs}, max ${r.startupMaxMs})`);
      console.log(`bare node start, median: ${r.bareNodeMedianMs} ms; ratio ${r.ratioToBareNode}x`);
      if (r.startupCpuMedianMs !== null)
        console.log(
          `CPU used by the server up to that answer, median: ${r.startupCpuMedianMs} ms; bare node ${r.bareNodeCpuMedianMs} ms (${(r.startupCpuMedianMs / r.bareNodeCpuMedianMs).toFixed(2)}x)`,
        );
      console.log(`tools/list: ${r.toolsListChars} characters for ${r.tools} tools (budget 24,000)`);
      console.log(`tools/list --read-only: ${r.readOnlyToolsListChars} characters for ${r.readOnlyTools} tools (budget 8,000)`);
      console.log(ok ? 'every target holds' : 'a target is missed');
    }
    process.exitCode = ok ? 0 : 1;
  } finally {
    if (!o.root) rmSync(root, { recursive: true, force: true });
  }
}

await main();
