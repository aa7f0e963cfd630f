import { openSession } from '../src/app/session.js';
import { stderrLogger, type ToolContext } from './context.js';
import type { McpToolSet } from '../src/model/mcp-tool-sets.js';
import { createServer, type ToolSelection } from './server.js';
import type { GateEnd } from './stdio-gate.js';
import { BoundedStdioServerTransport } from './stdio-transport.js';

interface ServeOptions {
  root: string;
  /** Streamable HTTP port on 127.0.0.1; stdio when undefined. */
  http?: number | undefined;
  token?: string | undefined;
  /** Most HTTP sessions open at once (default 64). */
  maxSessions?: number | undefined;
  /** Tool sets from `--tools` (else `planning.mcp.tools`, else all). */
  tools?: McpToolSet[] | undefined;
  /** `--read-only` (or `planning.mcp.read_only`): only the tools that read. */
  readOnly?: boolean | undefined;
  /** No `--root` was given: serve the spec repository found in the client's roots (stdio). */
  followRoots?: boolean | undefined;
}

/** stdout belongs to the protocol: anything that would print there goes to stderr. */
function guardStdout(): void {
  const toErr = (...args: unknown[]) => console.error(...args);
  console.log = toErr;
  console.info = toErr;
  console.debug = toErr;
}

function uptimeMs(): string {
  return (process.uptime() * 1000).toFixed(0);
}

function cpuMs(): string {
  const c = process.cpuUsage();
  return ((c.user + c.system) / 1000).toFixed(0);
}

/**
 * After start-up: watch spec/ for changes, then load the repository and execution state into
 * the cache so the first tool call is fast. Returns the function that stops watching.
 */
function warmUp(ctx: ToolContext): () => void {
  const stopWatching = ctx.watch();
  const t0 = performance.now();
  try {
    const repo = ctx.repo();
    void ctx.execution().catch(() => {});
    ctx.log.info(`loaded ${repo.plans.size} plans and ${repo.features.size} features in ${(performance.now() - t0).toFixed(0)} ms (${cpuMs()} ms CPU so far)`);
  } catch (e) {
    ctx.log.warn(`could not load the repository: ${(e as Error).message}`);
  }
  return stopWatching;
}

/** Run `specplan mcp` until the client disconnects (stdio) or the process is stopped (HTTP). */
export async function serve(opts: ServeOptions): Promise<void> {
  if (opts.http === undefined) guardStdout();
  const log = stderrLogger();
  const t0 = performance.now();
  const { session: ctx, config } = openSession({ root: opts.root, logger: log });
  const mcp = config.mcp;
  const tools: ToolSelection = { sets: opts.tools ?? mcp.tools, readOnly: opts.readOnly === true || mcp.read_only };
  let stopWatching = () => {};
  const warm = () =>
    setImmediate(() => {
      stopWatching();
      stopWatching = warmUp(ctx);
    });
  if (opts.http !== undefined) {
    const { serveHttp } = await import('./http.js');
    const h = await serveHttp(ctx, { port: opts.http, token: opts.token, maxSessions: opts.maxSessions, tools });
    log.info(
      `serving ${ctx.root} on ${h.url}${opts.token ? ' (bearer token required)' : ''}, at most ${h.maxSessions} sessions; ready in ${(performance.now() - t0).toFixed(0)} ms (process up ${uptimeMs()} ms, ${cpuMs()} ms CPU)`,
    );
    warm();
    await new Promise<void>((resolve) => {
      const stop = () => {
        void h.close().finally(() => resolve());
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    stopWatching();
    return;
  }
  // Answer initialize and tools/list first, then load the repository.
  const handle = createServer(ctx, { onReady: warm, tools, ...(opts.followRoots ? { followRoots: () => warm() } : {}) });
  const transport = new BoundedStdioServerTransport();
  handle.server.server.onerror = (e) => log.warn(`stdio: ${e.message}`);
  const closed = new Promise<GateEnd>((resolve) => {
    transport.onclose = () => resolve({ kind: 'stopped' });
    void transport.done.then(resolve);
    process.once('SIGTERM', () => resolve({ kind: 'stopped' }));
  });
  await handle.server.connect(transport);
  log.info(`serving ${ctx.root} on stdio; ready in ${(performance.now() - t0).toFixed(0)} ms (process up ${uptimeMs()} ms, ${cpuMs()} ms CPU)`);
  const end = await closed;
  if (end.kind === 'output-closed') log.info(`the client closed the server's output (${end.error.message}); stopping`);
  if (end.kind === 'failed') log.error(`stopped: ${end.error.message}`);
  if (transport.pending() > 0 && end.kind !== 'input-ended') log.warn(`${transport.pending()} requests were still unanswered`);
  handle.dispose();
  stopWatching();
  await handle.server.close().catch(() => {});
  if (end.kind === 'failed') process.exitCode = 1;
}
