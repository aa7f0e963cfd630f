#!/usr/bin/env node
/**
 * Memory of the MCP HTTP server under requests it must refuse: start the BUILT server
 * (`node dist/src/cli/specplan.js mcp --http 0 --root DIR`) on a small generated repository,
 * send N initialize requests a hostile page or client would send (a foreign Host, a
 * cross-origin text/plain POST, a POST without the required Accept), one at a time, and sample
 * the server's RSS (/proc/PID/status VmRSS) before and after.
 *
 *   npm run build && node bench/mcp-http-rejects.mjs [--requests 3000] [--growth-mb 48] [--cli PATH] [--json]
 *
 * Bound (checked at the end): RSS after the requests exceeds RSS before by at most --growth-mb
 * (default 48 MB; V8 grows its heap before it collects), and every request was refused (403/406). Exit 0 when both hold, 1 otherwise.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateRepo } from './generate-repo.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const o = { requests: 3000, 'growth-mb': 48, cli: path.resolve(here, '../dist/src/cli/specplan.js'), json: false };
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i++) {
  const a = argv[i];
  if (a === '--json') o.json = true;
  else if (a === '--cli') o.cli = argv[++i];
  else if (a === '--requests' || a === '--growth-mb') o[a.slice(2)] = Number(argv[++i]);
  else throw new Error(`unknown argument ${a}; expected --requests N --growth-mb MB --cli PATH --json`);
}

const rssMb = (pid) => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]) / 1024;
const post = (port, headers, body) =>
  new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: '/mcp', method: 'POST', headers, agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode));
    });
    req.on('error', reject);
    req.end(body);
  });

const root = mkdtempSync(path.join(os.tmpdir(), 'specplan-rejects-'));
generateRepo({ root, plans: 20, features: 20 });
const child = spawn(process.execPath, [o.cli, 'mcp', '--root', root, '--http', '0'], { stdio: ['ignore', 'ignore', 'pipe'] });
let stderr = '';
const port = await new Promise((resolve, reject) => {
  child.stderr.on('data', (d) => {
    stderr += d;
    const m = /on http:\/\/127\.0\.0\.1:(\d+)\/mcp/.exec(stderr);
    if (m) resolve(Number(m[1]));
  });
  child.once('exit', (code) => reject(new Error(`server exited ${code}: ${stderr}`)));
});
const body = JSON.stringify({
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'page', version: '1' } },
});
const kinds = [
  { host: `evil.example:${port}`, 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
  { host: `127.0.0.1:${port}`, origin: 'https://evil.example', 'content-type': 'text/plain;charset=UTF-8', accept: '*/*' },
  { host: `127.0.0.1:${port}`, 'content-type': 'application/json', accept: 'application/json' },
];
await new Promise((r) => setTimeout(r, 1500)); // let the warm-up finish
const before = rssMb(child.pid);
const statuses = new Map();
const t0 = performance.now();
for (let i = 0; i < o.requests; i++) {
  const s = await post(port, kinds[i % kinds.length], body);
  statuses.set(s, (statuses.get(s) ?? 0) + 1);
}
const seconds = (performance.now() - t0) / 1000;
await new Promise((r) => setTimeout(r, 500));
const after = rssMb(child.pid);
child.kill('SIGTERM');
rmSync(root, { recursive: true, force: true });
const refused = [...statuses].filter(([s]) => s === 403 || s === 406).reduce((n, [, c]) => n + c, 0);
const result = {
  requests: o.requests,
  seconds: Number(seconds.toFixed(1)),
  rssBeforeMb: Math.round(before),
  rssAfterMb: Math.round(after),
  statuses: Object.fromEntries(statuses),
  ok: after - before <= o['growth-mb'] && refused === o.requests,
};
if (o.json) console.log(JSON.stringify(result));
else
  console.log(
    `${o.requests} refused requests in ${result.seconds} s: RSS ${result.rssBeforeMb} -> ${result.rssAfterMb} MB (bound +${o['growth-mb']} MB); statuses ${JSON.stringify(result.statuses)}: ${result.ok ? 'ok' : 'FAILED'}`,
  );
process.exitCode = result.ok ? 0 : 1;
