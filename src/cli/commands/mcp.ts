import type { Command } from 'commander';
import { UsageError } from '../../repo/errors.js';
import { findRoot } from '../../repo/root.js';
import { commonOptions, type CommonOpts } from '../options.js';

interface McpOpts extends CommonOpts {
  http?: string;
  token?: string;
}

function parsePort(value: string): number {
  if (!/^\d{1,5}$/.test(value) || Number(value) > 65535) throw new UsageError(`--http "${value}" is not a port number`, 'pass a port from 1 to 65535 (0 picks a free one), e.g. --http 3333');
  return Number(value);
}

/** `specplan mcp [--http PORT] [--token T]`: the MCP server (stdio by default). */
export function register(program: Command): void {
  commonOptions(program.command('mcp'))
    .description('run the MCP server: stdio by default, Streamable HTTP on 127.0.0.1:PORT with --http')
    .option('--http <port>', 'serve Streamable HTTP on 127.0.0.1:PORT (endpoint /mcp) instead of stdio')
    .option('--token <token>', 'require "Authorization: Bearer <token>" over HTTP (default: $SPECPLAN_MCP_TOKEN)')
    .action(async (opts: McpOpts) => {
      const root = findRoot(opts.root);
      const http = opts.http === undefined ? undefined : parsePort(opts.http);
      if (opts.token !== undefined && http === undefined) throw new UsageError('--token applies to --http only', 'add --http PORT, or drop --token for stdio');
      const token = opts.token ?? process.env.SPECPLAN_MCP_TOKEN;
      const { serve } = await import('../../../tools/serve.js');
      await serve({ root, http, token: token || undefined });
    });
}
