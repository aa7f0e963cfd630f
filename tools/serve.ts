import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { ToolContext, stderrLogger } from './context.js';
import { serveHttp } from './http.js';
import { createServer } from './server.js';
import { watchSpec } from './watch.js';

export interface ServeOptions {
  root: string;
  /** Streamable HTTP port on 127.0.0.1; stdio when undefined. */
  http?: number | undefined;
  token?: string | undefined;
}

/** stdout belongs to the protocol: anything that would print there goes to stderr. */
function guardStdout(): void {
  const toErr = (...args: unknown[]) => console.error(...args);
  console.log = toErr;
  console.info = toErr;
  console.debug = toErr;
}

/** Run `specplan mcp` until the client disconnects (stdio) or the process is stopped (HTTP). */
export async function serve(opts: ServeOptions): Promise<void> {
  const log = stderrLogger();
  const ctx = new ToolContext({ root: opts.root, logger: log });
  const t0 = performance.now();
  ctx.repo(); // load once up front; errors in specscore.yaml surface here
  const stopWatching = watchSpec(ctx);
  if (opts.http !== undefined) {
    const h = await serveHttp(ctx, { port: opts.http, token: opts.token });
    log.info(`serving ${ctx.root} on ${h.url}${opts.token ? ' (bearer token required)' : ''}; ready in ${(performance.now() - t0).toFixed(0)} ms`);
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
  guardStdout();
  const handle = await createServer(ctx);
  const transport = new StdioServerTransport();
  const closed = new Promise<void>((resolve) => {
    transport.onclose = () => resolve();
    process.stdin.once('end', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
  await handle.server.connect(transport);
  log.info(`serving ${ctx.root} on stdio; ready in ${(performance.now() - t0).toFixed(0)} ms`);
  await closed;
  handle.dispose();
  stopWatching();
  await handle.server.close().catch(() => {});
}
