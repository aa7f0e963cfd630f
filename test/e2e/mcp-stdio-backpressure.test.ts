/**
 * `specplan mcp` over stdio against a client that misbehaves: one that writes requests and
 * never reads the answers, one that sends garbage or an endless line, one that hangs up. The
 * built CLI runs as a child process on a real temp repository; its memory is read from /proc.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildAll, makeArena, write, type Arena, type Built } from '../support/hardening-helpers.js';
import { rssMb } from '../support/security-mcp-support.js';
import { cpuTicks, INITIALIZE, INITIALIZED, spawnStdio, type StdioPeer } from './stdio-client.js';

/** Spawned servers on a busy 2-CPU machine can take several times their usual time. */
const SLOW = 240_000;
const MARKER = 'BIG-FEATURE-MARKER';

let built: Built;
let arena: Arena;
let peer: StdioPeer | null = null;

beforeAll(() => {
  built = buildAll();
  arena = makeArena({ git: false, symlinks: false });
  // ~60 KB of prose: every read_feature withMarkdown answer carries it (twice: text and structure)
  const para = `${'The big feature does many things in many words. '.repeat(20)}\n\n`;
  write(
    arena.root,
    'spec/features/big/README.md',
    `# Feature: Big\n\n**Status:** Approved\n\n## Summary\n\n${MARKER}\n\n${para.repeat(60)}## Outstanding Questions\n\nNone at this time.\n`,
  );
}, 300_000);
afterAll(() => arena?.cleanup());
afterEach(async () => {
  await peer?.kill();
  peer = null;
});

const readBig = (id: number, pad = 0) => ({
  jsonrpc: '2.0',
  id,
  method: 'tools/call',
  params: { name: 'read_feature', arguments: { feature: 'big', withMarkdown: true }, ...(pad ? { _meta: { pad: 'p'.repeat(pad) } } : {}) },
});
const answered = (ms: Array<Record<string, unknown>>, ids: number[]) => {
  const seen = new Set(ms.filter((m) => 'result' in m || 'error' in m).map((m) => m.id));
  return ids.every((id) => seen.has(id));
};

/** True when some string inside `value` contains `text` (what a search of its JSON finds, without serializing it again). */
function holds(value: unknown, text: string): boolean {
  if (typeof value === 'string') return value.includes(text);
  if (value === null || typeof value !== 'object') return false;
  return Object.values(value).some((v) => holds(v, text));
}

async function initialized(p: StdioPeer): Promise<void> {
  await p.send(INITIALIZE);
  await p.send(INITIALIZED);
}

describe('a client that writes requests and never reads', () => {
  it(
    'keeps the server memory bounded, then delivers every answer once the client reads',
    async () => {
      peer = spawnStdio(built.specplan, arena.root);
      const pid = peer.child.pid!;
      // ~185 MB of answers in all (with the input gate's limits lifted, the server peaked at 448 MB), and
      // 6 MB of requests
      const N = 1500;
      const ids = Array.from({ length: N }, (_, i) => i + 1);
      let written = 0;
      const writer = (async () => {
        await initialized(peer!);
        for (const id of ids) {
          await peer!.send(readBig(id, 4000));
          written++;
        }
      })();
      // Phase 1: read nothing. Sample until the server is quiet: its CPU time stops advancing
      // (it has answered everything it read, or stopped reading).
      let peak = 0;
      let lastCpu = -1;
      let quietSince = Date.now();
      const deadline = Date.now() + 150_000;
      while (Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 100));
        const rss = rssMb(pid);
        const cpu = cpuTicks(pid);
        if (rss === null || cpu === null) throw new Error(`server exited early:\n${peer.stderr()}`);
        peak = Math.max(peak, rss);
        if (cpu !== lastCpu) {
          lastCpu = cpu;
          quietSince = Date.now();
        } else if (Date.now() - quietSince > 2_000) break;
      }
      process.stderr.write(`stdio backpressure: peak RSS ${peak.toFixed(0)} MB, ${written} of ${N} written while unread\n`);
      expect(peak, `peak RSS ${peak.toFixed(0)} MB with ${written} of ${N} requests written`).toBeLessThan(200);
      // the server stopped reading, so the client's writes blocked
      expect(written).toBeLessThan(N);
      // Phase 2: read everything; every request gets its answer, and the writer finishes. Of
      // each answer the client keeps its id and whether its result carries the feature.
      peer.startReading((m) => ({ id: m.id, ...('result' in m ? { result: holds(m.result, MARKER) } : {}), ...('error' in m ? { error: m.error } : {}) }));
      await peer.until((ms) => answered(ms, [0, ...ids]), 150_000);
      await writer;
      const answers = peer.messages().filter((m) => typeof m.id === 'number' && (m.id as number) > 0);
      expect(answers).toHaveLength(N);
      expect(new Set(answers.map((m) => m.id)).size).toBe(N);
      for (const a of answers) expect(a.result, `answer ${String(a.id)} carries the feature`).toBe(true);
    },
    SLOW,
  );
});

describe('transport errors are reported, not swallowed', () => {
  it(
    'logs a line that is not JSON-RPC to stderr and keeps serving',
    async () => {
      peer = spawnStdio(built.specplan, arena.root);
      peer.startReading();
      await initialized(peer);
      await peer.send('this is not json\n');
      await peer.send({ jsonrpc: '2.0', id: 7, method: 'ping' });
      await peer.until((ms) => answered(ms, [0, 7]), 60_000);
      await new Promise((r) => setTimeout(r, 100));
      expect(peer.stderr()).toMatch(/specplan-mcp \w+: .*(JSON|json)/);
      expect(peer.stderr()).not.toMatch(/\n\s+at .+:\d+:\d+/);
    },
    SLOW,
  );

  it(
    'stops with a clear message and exit 1 on a message over the size limit',
    async () => {
      peer = spawnStdio(built.specplan, arena.root);
      peer.startReading();
      await initialized(peer);
      await peer.until((ms) => answered(ms, [0]), 60_000);
      const chunk = 'x'.repeat(1024 * 1024);
      const sending = (async () => {
        for (let i = 0; i < 12; i++) await peer!.send(chunk);
      })();
      const code = await peer.exited();
      await sending;
      expect(peer.stderr()).toMatch(/over 10 MB/);
      expect(peer.stderr()).not.toMatch(/\n\s+at .+:\d+:\d+/);
      expect(code).toBe(1);
    },
    SLOW,
  );

  it(
    'answers every request a client sent before closing its input, then exits 0',
    async () => {
      peer = spawnStdio(built.specplan, arena.root);
      peer.startReading();
      await initialized(peer);
      const ids = Array.from({ length: 30 }, (_, i) => i + 1);
      for (const id of ids) await peer.send(readBig(id));
      peer.child.stdin.end();
      const code = await peer.exited();
      await new Promise((r) => setTimeout(r, 50));
      expect(answered(peer.messages(), [0, ...ids])).toBe(true);
      expect(code).toBe(0);
    },
    SLOW,
  );

  it(
    'exits cleanly when the client stops reading for good (closed pipe)',
    async () => {
      peer = spawnStdio(built.specplan, arena.root);
      await initialized(peer);
      peer.child.stdout.destroy();
      for (let i = 1; i <= 20; i++) await peer.send(readBig(i));
      const code = await peer.exited();
      expect(peer.stderr()).not.toMatch(/\n\s+at .+:\d+:\d+/);
      expect(peer.stderr()).not.toMatch(/unexpected error|Unhandled|EPIPE.*\n.*at /);
      expect([0, 1]).toContain(code);
    },
    SLOW,
  );
});
