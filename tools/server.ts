import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { SubscribeRequestSchema, UnsubscribeRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import { interceptToolRequests } from './compact.js';
import type { ToolContext } from './context.js';
import { registerDraftPlanTool } from './draft-plan.js';
import { registerLintPlansTool } from './lint-plans.js';
import { registerListFeaturesTool } from './list-features.js';
import { registerListPlansTool } from './list-plans.js';
import { registerListProposalsTool } from './list-proposals.js';
import { registerPlanGraphTool } from './plan-graph.js';
import { registerPlanStatusTool } from './plan-status.js';
import { registerPrompts } from './prompts.js';
import { registerReadFeatureTool } from './read-feature.js';
import { registerReadPlanTool } from './read-plan.js';
import { registerReadProposalTool } from './read-proposal.js';
import { registerReadWhatsNextTool } from './read-whats-next.js';
import { registerRegenerateWhatsNextTool } from './regenerate-whats-next.js';
import { registerResources, uriOfFile } from './resources.js';
import { registerScaffoldPlanTool } from './scaffold-plan.js';
import { registerSetPlanStatusTool } from './set-plan-status.js';
import { registerSuggestEffortImpactTool } from './suggest-effort-impact.js';
import { registerUpdateIndexTool } from './update-index.js';
import { registerWritePlanTool } from './write-plan.js';

type Registrar = (server: McpServer, ctx: ToolContext) => void;

/** Every tool of CONTRACTS.md "MCP tools", reads first. One file per tool. */
export const TOOLS: ReadonlyArray<Registrar> = [
  registerListFeaturesTool,
  registerReadFeatureTool,
  registerListProposalsTool,
  registerReadProposalTool,
  registerListPlansTool,
  registerReadPlanTool,
  registerLintPlansTool,
  registerPlanGraphTool,
  registerPlanStatusTool,
  registerReadWhatsNextTool,
  registerScaffoldPlanTool,
  registerDraftPlanTool,
  registerWritePlanTool,
  registerSuggestEffortImpactTool,
  registerSetPlanStatusTool,
  registerUpdateIndexTool,
  registerRegenerateWhatsNextTool,
];

/**
 * Tools owned by other areas (interop: plan import/export), each module exporting one
 * `register…Tool(server, ctx)`. They are imported after `initialize` is answered (they pull in
 * remark and the importers), and tools/list and tools/call wait for them.
 */
export const LATER_TOOLS: ReadonlyArray<{ name: string; load: () => Promise<Registrar> }> = [
  { name: 'import_plan', load: () => import('./import-plan.js').then((m) => m.registerImportPlanTool) },
  { name: 'export_plan', load: () => import('./export-plan.js').then((m) => m.registerExportPlanTool) },
];

async function laterRegistrars(log: ToolContext['log']): Promise<Registrar[]> {
  const out: Registrar[] = [];
  for (const t of LATER_TOOLS) {
    try {
      out.push(await t.load());
    } catch (e) {
      log.error(`tool ${t.name} failed to load and is not served: ${(e as Error).message}`);
    }
  }
  return out;
}

/** The package version, read from package.json beside tools/ (or two levels up from dist/tools/). */
export function packageVersion(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  for (const up of ['..', '../..']) {
    try {
      const pkg = JSON.parse(readFileSync(path.resolve(here, up, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'specscore-plans' && pkg.version) return pkg.version;
    } catch {
      // try the next level
    }
  }
  return '0.0.0';
}

const INSTRUCTIONS =
  'SpecScore development plans in spec/plans/. Read with list_plans/read_plan (paths like user-auth or roadmap/child), ' +
  'features with list_features/read_feature. To write a plan: use the draft_plan prompt (or tool), then write_plan; it validates ' +
  'and returns lint errors to fix. Approved plans are frozen: supersede them instead of editing.';

export interface ServerHandle {
  server: McpServer;
  /** Stop listening to change events (call when the session ends). */
  dispose(): void;
}

/**
 * One MCP server (one per stdio process or per HTTP session) over a shared context: tools,
 * resources with subscriptions, prompts, and change notifications when files change.
 */
export async function createServer(ctx: ToolContext, opts: { onInitialized?: () => void } = {}): Promise<ServerHandle> {
  const server = new McpServer(
    { name: 'specscore-plans', title: 'SpecScore plans', version: packageVersion() },
    { capabilities: { resources: { subscribe: true, listChanged: true } }, instructions: INSTRUCTIONS },
  );
  // LATER_TOOLS load once initialize is answered (or on the first tools request); tools/list and
  // tools/call wait for them.
  let later: Promise<void> | null = null;
  const ready = () =>
    (later ??= laterRegistrars(ctx.log)
      .then((extra) => {
        // No tools/list was answered without them (it waits for this), so no list_changed.
        const notify = server.sendToolListChanged;
        server.sendToolListChanged = () => {};
        try {
          for (const register of extra) register(server, ctx);
        } finally {
          server.sendToolListChanged = notify;
        }
      })
      .catch((e) => ctx.log.warn(`tools failed to register: ${(e as Error).message}`)));
  interceptToolRequests(server, ready);
  for (const register of TOOLS) register(server, ctx);
  server.server.oninitialized = () => {
    void ready();
    opts.onInitialized?.();
  };
  registerResources(server, ctx);
  registerPrompts(server, ctx);

  const subscribed = new Set<string>();
  server.server.setRequestHandler(SubscribeRequestSchema, (req) => {
    subscribed.add(req.params.uri);
    return {};
  });
  server.server.setRequestHandler(UnsubscribeRequestSchema, (req) => {
    subscribed.delete(req.params.uri);
    return {};
  });
  const off = ctx.onChange((event) => {
    if (!server.isConnected()) return;
    if (event.listChanged) server.sendResourceListChanged();
    const uris = new Set(event.files.map(uriOfFile).filter((u): u is string => u !== null));
    for (const uri of [...uris].sort()) {
      if (subscribed.has(uri)) void server.server.sendResourceUpdated({ uri }).catch(() => {});
    }
  });
  return { server, dispose: off };
}
