import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { SetLevelRequestSchema, SubscribeRequestSchema, UnsubscribeRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import { packageVersion } from '../src/app/package-version.js';
import type { McpToolSet } from '../src/model/mcp-tool-sets.js';
import { CompactMcpServer } from './compact.js';
import type { SharedLogger, ToolContext } from './context.js';
import { registerCheckIndexTool } from './check-index.js';
import { registerDraftPlanTool } from './draft-plan.js';
import { registerExportPlanTool } from './export-plan.js';
import { registerImportPlanTool } from './import-plan.js';
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
import { followClientRoots } from './roots.js';
import { pageResourceList, registerResources, uriOfFile } from './resources.js';
import { registerScaffoldPlanTool } from './scaffold-plan.js';
import { registerSetPlanStatusTool } from './set-plan-status.js';
import { registerSuggestEffortImpactTool } from './suggest-effort-impact.js';
import { registerUpdateIndexTool } from './update-index.js';
import { listsOutputSchemas, offers, type ToolSelection } from './tool-selection.js';
import { registerWritePlanTool } from './write-plan.js';

type Registrar = (server: McpServer, ctx: ToolContext) => void;

/** A tool: its registrar, the set it belongs to, and whether it only reads. */
type Entry = readonly [Registrar, McpToolSet, 'reads' | 'writes'];

/**
 * Every tool, reads first; one file per tool, each in one tool set. A tool's module holds its
 * schemas and imports the use-case it runs on its first call, so the server answers
 * `initialize` and `tools/list` without loading them.
 */
const TOOLS: ReadonlyArray<Entry> = [
  [registerListFeaturesTool, 'read', 'reads'],
  [registerReadFeatureTool, 'read', 'reads'],
  [registerListProposalsTool, 'read', 'reads'],
  [registerReadProposalTool, 'read', 'reads'],
  [registerListPlansTool, 'read', 'reads'],
  [registerReadPlanTool, 'read', 'reads'],
  [registerLintPlansTool, 'read', 'reads'],
  [registerPlanGraphTool, 'read', 'reads'],
  [registerPlanStatusTool, 'read', 'reads'],
  [registerReadWhatsNextTool, 'read', 'reads'],
  [registerCheckIndexTool, 'read', 'reads'],
  [registerScaffoldPlanTool, 'draft', 'writes'],
  [registerDraftPlanTool, 'draft', 'writes'],
  [registerWritePlanTool, 'draft', 'writes'],
  [registerSuggestEffortImpactTool, 'draft', 'writes'],
  [registerSetPlanStatusTool, 'lifecycle', 'writes'],
  [registerUpdateIndexTool, 'lifecycle', 'writes'],
  [registerRegenerateWhatsNextTool, 'whats-next', 'writes'],
  [registerImportPlanTool, 'interop', 'writes'],
  [registerExportPlanTool, 'interop', 'reads'],
];

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
export function createServer(
  ctx: ToolContext,
  opts: {
    /** Once the client has its tool list (or a second after `initialized`): the time to load the repository. */
    onReady?: () => void;
    tools?: ToolSelection;
    followRoots?: (root: string) => void;
  } = {},
): ServerHandle {
  const server = new CompactMcpServer(
    { name: 'specscore-plans', title: 'SpecScore plans', version: packageVersion() },
    { capabilities: { resources: { subscribe: true, listChanged: true }, logging: {} }, instructions: INSTRUCTIONS },
  );
  server.listOutputSchemas = listsOutputSchemas(opts.tools);
  for (const [register, set, use] of TOOLS) if (offers(opts.tools, set, use)) register(server, ctx);
  const adoptRoots = opts.followRoots ? followClientRoots(server, ctx, opts.followRoots) : null;
  let readied = false;
  const ready = () => {
    if (readied) return;
    readied = true;
    opts.onReady?.();
  };
  // The first tools/list is answered before the repository is loaded: loading blocks for a while.
  server.onToolsListed = () => setImmediate(ready);
  server.server.oninitialized = () => {
    setTimeout(ready, 1000).unref();
    void adoptRoots?.();
  };
  registerResources(server, ctx);
  pageResourceList(server, ctx);
  registerPrompts(server, ctx);

  const stopLogging = forwardLogs(server, ctx.log);
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
  return {
    server,
    dispose: () => {
      off();
      stopLogging();
    },
  };
}

const SEVERITY: Record<string, number> = { debug: 0, info: 1, notice: 2, warning: 3, error: 4, critical: 5, alert: 6, emergency: 7 };

/**
 * The logging capability: the server's log lines go to the client as `notifications/message`
 * too, at or above the level it sets with `logging/setLevel` (info until it does).
 */
function forwardLogs(server: McpServer, log: ToolContext['log']): () => void {
  if (!('listen' in log)) return () => {};
  let min = SEVERITY.info!;
  server.server.setRequestHandler(SetLevelRequestSchema, (req) => {
    min = SEVERITY[req.params.level] ?? min;
    return {};
  });
  return (log as SharedLogger).listen((level, message) => {
    const l = level === 'warn' ? 'warning' : level;
    if (!server.isConnected() || SEVERITY[l]! < min) return;
    void server.server.sendLoggingMessage({ level: l, logger: 'specscore-plans', data: message }).catch(() => {});
  });
}
