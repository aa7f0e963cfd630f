import type { Command } from 'commander';
import { MCP_TOOL_SETS, type McpToolSet } from '../../model/mcp-tool-sets.js';
import { UsageError } from '../../model/errors.js';
import { DEFAULT_IDLE_MS, DEFAULT_MAX_SESSIONS, MAX_SESSIONS_LIMIT } from '../../../tools/http-limits.js';
import { commonOptions, type CommonOpts } from '../options.js';

interface McpOpts extends CommonOpts {
  http?: string;
  token?: string;
  maxSessions?: string;
  tools?: string;
  readOnly?: boolean;
}

function parseToolSets(value: string): McpToolSet[] {
  const sets = value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const unknown = sets.filter((s) => !(MCP_TOOL_SETS as readonly string[]).includes(s));
  if (sets.length === 0 || unknown.length)
    throw new UsageError(
      `--tools "${value.slice(0, 80)}" names ${unknown.length ? `unknown tool sets: ${unknown.map((u) => u.slice(0, 40)).join(', ')}` : 'no tool set'}`,
      `pass a comma-separated list of ${MCP_TOOL_SETS.join(', ')}, e.g. --tools read,draft`,
    );
  return [...new Set(sets)] as McpToolSet[];
}

/** The repository found from the working directory, else the working directory itself (the client's roots may name one). */
function foundRoot(resolveRoot: (o: { root?: string }) => string): string {
  try {
    return resolveRoot({});
  } catch {
    return process.cwd();
  }
}

function parsePort(value: string): number {
  if (!/^\d{1,5}$/.test(value) || Number(value) > 65535)
    throw new UsageError(`--http "${value}" is not a port number`, 'pass a port from 1 to 65535 (0 picks a free one), e.g. --http 3333');
  return Number(value);
}

function parseMaxSessions(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < 1 || n > MAX_SESSIONS_LIMIT) {
    throw new UsageError(
      `--max-sessions "${value}" is not a number of sessions from 1 to ${MAX_SESSIONS_LIMIT}`,
      `pass a whole number, e.g. --max-sessions ${DEFAULT_MAX_SESSIONS}`,
    );
  }
  return n;
}

/** `specplan mcp [--http PORT] [--token T] [--max-sessions N] [--tools SETS] [--read-only]`: the MCP server (stdio by default). */
export function register(program: Command): void {
  commonOptions(program.command('mcp'))
    .description('run the MCP server: stdio by default, Streamable HTTP on 127.0.0.1:PORT with --http')
    .option('--http <port>', 'serve Streamable HTTP on 127.0.0.1:PORT (endpoint /mcp) instead of stdio')
    .option('--token <token>', 'require "Authorization: Bearer <token>" over HTTP (default: $SPECPLAN_MCP_TOKEN)')
    .option(
      '--max-sessions <n>',
      `most HTTP sessions open at once; a new client over the limit is refused (503) until one ends or idles out after ${DEFAULT_IDLE_MS / 60_000} minutes (default: ${DEFAULT_MAX_SESSIONS})`,
    )
    .option('--tools <sets>', `offer only these tool sets, comma-separated: ${MCP_TOOL_SETS.join(', ')} (default: planning.mcp.tools, else all)`)
    .option('--read-only', 'offer only the tools that read (also planning.mcp.read_only: true)')
    .action(async (opts: McpOpts) => {
      const { resolveRoot } = await import('../../app/root.js');
      // Without --root the client's roots decide (stdio); until they do, the repository found from here.
      const followRoots = opts.root === undefined && opts.http === undefined;
      const root = followRoots ? foundRoot(resolveRoot) : resolveRoot({ root: opts.root });
      const http = opts.http === undefined ? undefined : parsePort(opts.http);
      if (opts.token !== undefined && http === undefined) throw new UsageError('--token applies to --http only', 'add --http PORT, or drop --token for stdio');
      if (opts.maxSessions !== undefined && http === undefined)
        throw new UsageError('--max-sessions applies to --http only', 'add --http PORT, or drop --max-sessions for stdio (one client per process)');
      const maxSessions = opts.maxSessions === undefined ? undefined : parseMaxSessions(opts.maxSessions);
      const token = opts.token ?? process.env.SPECPLAN_MCP_TOKEN;
      const { serve } = await import('../../../tools/serve.js');
      const tools = opts.tools === undefined ? undefined : parseToolSets(opts.tools);
      await serve({ root, http, token: token || undefined, maxSessions, tools, readOnly: opts.readOnly === true, followRoots });
    });
}
