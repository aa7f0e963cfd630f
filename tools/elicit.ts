import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { ToolFailure } from './result.js';
import type { Extra } from './sampling.js';

/** What a person confirmed for a transition; null when the client cannot ask (no elicitation). */
type Confirmed = { approver?: string } | null;

/**
 * Ask the person at the client to decide a transition that cannot be undone: approving (who
 * approves, and a confirmation: approval freezes a seed-format plan), superseding (a
 * confirmation of the successor), rejecting, withdrawing and deprecating (a confirmation: these
 * are final). `check` runs first and throws when the transition would be refused, so a plan that
 * cannot make it never triggers a question. Returns null when the client does not offer
 * elicitation; throws a `ToolFailure` (nothing written) when the person declines.
 */
export async function confirmTransition(
  server: McpServer,
  extra: Extra,
  t: { plan: string; status: string; approver?: string | undefined; by?: string | undefined },
  check: () => Promise<void>,
): Promise<Confirmed> {
  if (!server.server.getClientCapabilities()?.elicitation) return null;
  if (!['approved', 'superseded', 'rejected', 'withdrawn', 'deprecated'].includes(t.status)) return null;
  await check();
  const approving = t.status === 'approved';
  const superseding = t.status === 'superseded';
  const res = await server.server.elicitInput(
    approving
      ? {
          message: `Approve plan ${t.plan}? In the seed format approval freezes it (afterwards it can only be superseded); in the current SpecScore format it records an approved snapshot.`,
          requestedSchema: {
            type: 'object',
            properties: {
              approver: { type: 'string', title: 'Approver', description: 'Who approves, e.g. @jordan', ...(t.approver ? { default: t.approver } : {}) },
              confirm: { type: 'boolean', title: `Approve ${t.plan}`, default: false },
            },
            required: ['approver', 'confirm'],
          },
        }
      : {
          message: superseding
            ? `Supersede plan ${t.plan} by ${t.by ?? '(no successor named)'}? This is final.`
            : `Mark plan ${t.plan} ${t.status}? This is final.`,
          requestedSchema: {
            type: 'object',
            properties: {
              confirm: { type: 'boolean', title: superseding ? `${t.by ?? 'The successor'} replaces ${t.plan}` : `${t.plan} is ${t.status}`, default: false },
            },
            required: ['confirm'],
          },
        },
    { relatedRequestId: extra.requestId, signal: extra.signal },
  );
  const content = (res.content ?? {}) as { approver?: unknown; confirm?: unknown };
  if (res.action !== 'accept' || content.confirm !== true)
    throw new ToolFailure(`the user did not confirm moving plan ${t.plan} to ${t.status}; nothing was written`, 'ask the user what to do instead');
  return approving && typeof content.approver === 'string' && content.approver.trim() ? { approver: content.approver.trim() } : {};
}
