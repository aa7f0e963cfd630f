import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { LATEST_PROTOCOL_VERSION, SUPPORTED_PROTOCOL_VERSIONS } from '@modelcontextprotocol/sdk/types.js';
import { MCP_TOOL_SETS } from '../src/model/mcp-tool-sets.js';
import type { ToolContext } from './context.js';
import type { StartAnswers } from './early-answers.js';
import { createServer } from './server.js';
import type { ToolSelection } from './tool-selection.js';

type Json = Record<string, unknown>;

/** Speak to a new server with this selection as a client does; its answers to `initialize` and `tools/list`, as sent. */
async function ask(ctx: ToolContext, tools: ToolSelection): Promise<{ initialize: Json; tools: Json[] }> {
  const handle = createServer(ctx, { tools });
  const [client, serverSide] = InMemoryTransport.createLinkedPair();
  const answers = new Map<unknown, (result: Json) => void>();
  client.onmessage = (message) => {
    if ('id' in message && 'result' in message) answers.get(message.id)?.(message.result as Json);
  };
  await handle.server.connect(serverSide);
  await client.start();
  const request = (id: number, method: string, params?: Json) =>
    new Promise<Json>((resolve) => {
      answers.set(id, resolve);
      void client.send({ jsonrpc: '2.0', id, method, ...(params ? { params } : {}) });
    });
  const initialize = await request(1, 'initialize', {
    protocolVersion: LATEST_PROTOCOL_VERSION,
    capabilities: {},
    clientInfo: { name: 'specplan-build', version: '1' },
  });
  await client.send({ jsonrpc: '2.0', method: 'notifications/initialized' });
  const listed = await request(2, 'tools/list');
  await client.close();
  handle.dispose();
  return { initialize, tools: listed.tools as Json[] };
}

/**
 * The answers the server gives before reading any repository, asked of the live server through
 * a real client (the build writes them to `dist/tools/mcp-start.json`; a test checks that they
 * equal what the server lists): its `initialize` result, and each tool's entry with its set
 * (from the list of each set alone) and use (from the read-only list).
 */
export async function startAnswers(ctx: ToolContext, version: string): Promise<StartAnswers> {
  const all = await ask(ctx, {});
  const readOnly = new Set((await ask(ctx, { readOnly: true })).tools.map((t) => t.name));
  const setOf = new Map<unknown, (typeof MCP_TOOL_SETS)[number]>();
  for (const set of MCP_TOOL_SETS) for (const t of (await ask(ctx, { sets: [set] })).tools) setOf.set(t.name, set);
  const { protocolVersion: _negotiated, ...initialize } = all.initialize;
  return {
    version,
    protocolVersions: [LATEST_PROTOCOL_VERSION, ...SUPPORTED_PROTOCOL_VERSIONS.filter((v) => v !== LATEST_PROTOCOL_VERSION)],
    initialize,
    tools: all.tools.map((tool) => ({ set: setOf.get(tool.name)!, use: readOnly.has(tool.name) ? 'reads' : 'writes', tool })),
  };
}
