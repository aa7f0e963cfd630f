import { ResourceTemplate, type McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { ErrorCode, ListResourcesRequestSchema, McpError, type ReadResourceResult, type Resource } from '@modelcontextprotocol/sdk/types.js';
import { findFeature, findPlan } from '../src/app/lookup.js';
import { WHATS_NEXT } from '../src/model/repository.js';
import type { ToolContext } from './context.js';
import { errorText } from './result.js';

const PLAN_URI = 'specscore://plans/';
const FEATURE_URI = 'specscore://features/';
const WHATS_NEXT_URI = 'specscore://whats-next';
const PORTFOLIO_URI = 'specscore://portfolio';

function one(v: string | string[] | undefined): string {
  const s = Array.isArray(v) ? v.join('/') : (v ?? '');
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** Resource errors are JSON-RPC errors (resources have no isError); the message says what to do. */
function notFound(e: unknown): never {
  const text = errorText(e);
  if (text !== null) throw new McpError(-32002, text);
  throw new McpError(ErrorCode.InternalError, (e as Error)?.message ?? String(e));
}

function markdown(uri: URL, text: string): ReadResourceResult {
  return { contents: [{ uri: uri.href, mimeType: 'text/markdown', text }] };
}

/** The resource URI of a plan (its path below spec/plans/). */
export function planUri(plan: string): string {
  return PLAN_URI + plan;
}

/** The resource URI of a feature (its path below spec/features/). */
export function featureUri(feature: string): string {
  return FEATURE_URI + feature;
}

/** The URI of a root-relative file, when it is a served resource. */
export function uriOfFile(file: string): string | null {
  let m = /^spec\/plans\/(.+)\/README\.md$/.exec(file);
  if (m) return PLAN_URI + m[1];
  if (file === WHATS_NEXT) return WHATS_NEXT_URI;
  m = /^spec\/features\/(.+)\/README\.md$/.exec(file);
  if (m && !m[1]!.includes('/proposals/')) return FEATURE_URI + m[1];
  return null;
}

/**
 * Resources: every plan (`specscore://plans/{plan}`), every feature
 * (`specscore://features/{feature}`), the What's Next report and the portfolio picture. Paths contain `/` (roadmap
 * children, nested features), so the templates use RFC 6570 reserved expansion `{+plan}`.
 */
export function registerResources(server: McpServer, ctx: ToolContext): void {
  server.registerResource(
    'plan',
    new ResourceTemplate(`${PLAN_URI}{+plan}`, {
      list: () => ({
        resources: [...ctx.repo().plans.values()].map((p) => ({
          uri: PLAN_URI + p.path,
          name: p.path,
          title: p.parsed.plan.title || p.path,
          mimeType: 'text/markdown',
        })),
      }),
      complete: { plan: (value) => [...ctx.repo().plans.keys()].filter((k) => k.startsWith(value)).slice(0, 100) },
    }),
    { title: 'Plan document', description: 'A development plan README (markdown)', mimeType: 'text/markdown' },
    (uri, vars) => {
      try {
        return markdown(uri, findPlan(ctx.repo(), one(vars.plan)).text);
      } catch (e) {
        return notFound(e);
      }
    },
  );
  server.registerResource(
    'feature',
    new ResourceTemplate(`${FEATURE_URI}{+feature}`, {
      list: () => ({
        resources: [...ctx.repo().features.values()].map((f) => ({
          uri: FEATURE_URI + f.path,
          name: f.path,
          title: f.parsed.feature.title || f.path,
          mimeType: 'text/markdown',
        })),
      }),
      complete: { feature: (value) => [...ctx.repo().features.keys()].filter((k) => k.startsWith(value)).slice(0, 100) },
    }),
    { title: 'Feature spec', description: 'A feature specification README (markdown)', mimeType: 'text/markdown' },
    (uri, vars) => {
      try {
        return markdown(uri, findFeature(ctx.repo(), one(vars.feature)).text);
      } catch (e) {
        return notFound(e);
      }
    },
  );
  server.registerResource(
    'whats-next',
    WHATS_NEXT_URI,
    { title: "What's Next", description: `The prioritization report ${WHATS_NEXT}`, mimeType: 'text/markdown' },
    (uri) => {
      const wn = ctx.repo().whatsNext;
      if (!wn) throw new McpError(-32002, `${WHATS_NEXT} does not exist yet; call the regenerate_whats_next tool to create it`);
      return markdown(uri, wn.text);
    },
  );
  server.registerResource(
    'portfolio',
    PORTFOLIO_URI,
    {
      title: 'Portfolio',
      description: 'The open plans, what blocks what and each roadmap’s progress, as a mermaid flowchart (markdown; links relative to spec/plans/)',
      mimeType: 'text/markdown',
    },
    async (uri) => {
      try {
        const [{ portfolioFor }, { renderPortfolioSection }] = await Promise.all([import('../src/app/portfolio.js'), import('../src/render/portfolio.js')]);
        const p = portfolioFor(ctx.repo(), (await ctx.execution()).items);
        return markdown(uri, `# Portfolio\n\n${renderPortfolioSection(p)}\n`);
      } catch (e) {
        return notFound(e);
      }
    },
  );
}

/** Resources per `resources/list` page. */
const RESOURCE_PAGE = 100;

/**
 * `resources/list` in pages of `RESOURCE_PAGE`: the What's Next report, the portfolio, then every plan and
 * every feature, in path order; `nextCursor` names the next page. A large repository's
 * thousands of features never arrive in one answer.
 */
export function pageResourceList(server: McpServer, ctx: ToolContext): void {
  server.server.setRequestHandler(ListResourcesRequestSchema, (req) => {
    const repo = ctx.repo();
    const all: Resource[] = [
      { uri: WHATS_NEXT_URI, name: 'whats-next', title: "What's Next", mimeType: 'text/markdown' },
      { uri: PORTFOLIO_URI, name: 'portfolio', title: 'Portfolio', mimeType: 'text/markdown' },
      ...[...repo.plans.values()].map((p) => ({ uri: PLAN_URI + p.path, name: p.path, title: p.parsed.plan.title || p.path, mimeType: 'text/markdown' })),
      ...[...repo.features.values()].map((f) => ({
        uri: FEATURE_URI + f.path,
        name: f.path,
        title: f.parsed.feature.title || f.path,
        mimeType: 'text/markdown',
      })),
    ];
    const cursor = req.params?.cursor;
    if (cursor !== undefined && !/^\d{1,9}$/.test(cursor))
      throw new McpError(ErrorCode.InvalidParams, `cursor "${cursor.slice(0, 40)}" is not one this server returned; pass the nextCursor of the previous page`);
    const offset = cursor === undefined ? 0 : Number(cursor);
    const next = offset + RESOURCE_PAGE < all.length ? String(offset + RESOURCE_PAGE) : undefined;
    return { resources: all.slice(offset, offset + RESOURCE_PAGE), ...(next ? { nextCursor: next } : {}) };
  });
}
