import { builtStartAnswers, mcpSettings } from '../src/app/mcp-start.js';
import { packageVersion } from '../src/app/package-version.js';
import type { PlanningConfig } from '../src/model/config.js';
import type { McpToolSet } from '../src/model/mcp-tool-sets.js';
import { stderrLogger, type SharedLogger, type ToolContext } from './context.js';
import { answerEarly, isStartAnswers, type Handover } from './early-answers.js';
import type { GateEnd } from './stdio-gate.js';
import type { ToolSelection } from './tool-selection.js';

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

/** The tools offered: `--tools` and `--read-only`, else the `planning.mcp` settings. */
function toolSelection(opts: ServeOptions, mcp: PlanningConfig['mcp']): ToolSelection {
  return { sets: opts.tools ?? mcp.tools, readOnly: opts.readOnly === true || mcp.read_only };
}

/**
 * Answer the client's `initialize` and first `tools/list` from the answers the build recorded,
 * before the server and the repository are loaded; null when there are none for this version
 * (running from the sources) or the configuration cannot be read (the server then reports it).
 */
async function answerBeforeLoading(opts: ServeOptions): Promise<Handover | null> {
  const answers = builtStartAnswers();
  if (!isStartAnswers(answers, packageVersion())) return null;
  let mcp: PlanningConfig['mcp'];
  try {
    mcp = await mcpSettings(opts.root);
  } catch {
    return null;
  }
  return answerEarly(process.stdin, process.stdout, answers, toolSelection(opts, mcp));
}

/** Run `specplan mcp` until the client disconnects (stdio) or the process is stopped (HTTP). */
export async function serve(opts: ServeOptions): Promise<void> {
  if (opts.http === undefined) guardStdout();
  const log = stderrLogger();
  const t0 = performance.now();
  const early = opts.http === undefined ? await answerBeforeLoading(opts) : null;
  const closedEarly = early?.outputError();
  if (closedEarly) {
    early!.close();
    log.info(`the client closed the server's output (${closedEarly.message}); stopping`);
    return;
  }
  const { openSession } = await import('../src/app/session.js');
  const { session: ctx, config } = openSession({ root: opts.root, logger: log });
  const tools = toolSelection(opts, config.mcp);
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
  await serveStdio(ctx, { log, t0, tools, warm, early, followRoots: opts.followRoots === true });
  stopWatching();
}

/** Serve one client over stdio until it disconnects; the repository loads once it has its tool list. */
async function serveStdio(
  ctx: ToolContext,
  s: { log: SharedLogger; t0: number; tools: ToolSelection; warm: () => void; early: Handover | null; followRoots: boolean },
): Promise<void> {
  const [{ createServer }, { BoundedStdioServerTransport }] = await Promise.all([import('./server.js'), import('./stdio-transport.js')]);
  const { log, t0, early } = s;
  const handle = createServer(ctx, { onReady: s.warm, tools: s.tools, ...(s.followRoots ? { followRoots: () => s.warm() } : {}) });
  const transport = new BoundedStdioServerTransport(early?.input ?? process.stdin);
  if (early) transport.silence(early.replayed);
  handle.server.server.onerror = (e) => log.warn(`stdio: ${e.message}`);
  const closed = new Promise<GateEnd>((resolve) => {
    transport.onclose = () => resolve({ kind: 'stopped' });
    void transport.done.then(resolve);
    process.once('SIGTERM', () => resolve({ kind: 'stopped' }));
  });
  await handle.server.connect(transport);
  // The client may have closed the output before the transport listened to it.
  early?.release();
  const closedBefore = early?.outputError();
  if (closedBefore) transport.stopReading({ kind: 'output-closed', error: closedBefore });
  log.info(`serving ${ctx.root} on stdio; ready in ${(performance.now() - t0).toFixed(0)} ms (process up ${uptimeMs()} ms, ${cpuMs()} ms CPU)`);
  const end = await closed;
  if (end.kind === 'output-closed') log.info(`the client closed the server's output (${end.error.message}); stopping`);
  if (end.kind === 'failed') log.error(`stopped: ${end.error.message}`);
  if (transport.pending() > 0 && end.kind !== 'input-ended') log.warn(`${transport.pending()} requests were still unanswered`);
  handle.dispose();
  await handle.server.close().catch(() => {});
  if (end.kind === 'failed') process.exitCode = 1;
}
