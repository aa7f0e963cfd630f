import type { Portfolio, PortfolioGroup, PortfolioNode, PortfolioState } from '../model/portfolio.js';
import { dotString, inlineText, mermaidText, planDocHref, planLink } from '../markdown/escape.js';

/** Longest title shown in a node before it is cut with "…". */
const TITLE_CAP = 60;

/** Fill and stroke per state, shared by mermaid and DOT. */
const COLORS: Record<PortfolioState, { fill: string; stroke: string }> = {
  recommended: { fill: '#d3f9d8', stroke: '#2b8a3e' },
  in_progress: { fill: '#d0ebff', stroke: '#1c7ed6' },
  blocked: { fill: '#ffe3e3', stroke: '#c92a2a' },
  review: { fill: '#fff3bf', stroke: '#e67700' },
  ready: { fill: '#f1f3f5', stroke: '#868e96' },
};

function cut(title: string): string {
  const chars = [...title.trim()];
  return chars.length > TITLE_CAP ? `${chars.slice(0, TITLE_CAP - 1).join('')}…` : chars.join('');
}

/** What a node says: the title and, in words, how the plan stands (colour is never the only cue). */
function nodeText(n: PortfolioNode): string {
  const title = cut(n.title || n.plan);
  switch (n.state) {
    case 'recommended':
      return `(${n.rank}) ${title}`;
    case 'in_progress':
      return `${title} · ${n.progress.done}/${n.progress.total} steps`;
    case 'blocked':
      return `${title} · blocked`;
    case 'review':
      return `${title} · needs review`;
    case 'ready':
      return `${title} · ready`;
  }
}

function groupText(g: PortfolioGroup): string {
  return `${cut(g.title || g.plan)} · ${g.done}/${g.total} done`;
}

/** A text progress bar that reads as plain text too: `███░░░░░░░ 3/10`. */
export function progressBar(done: number, total: number, width = 10): string {
  const filled = total > 0 ? Math.round((Math.min(done, total) / total) * width) : 0;
  return `${'█'.repeat(filled)}${'░'.repeat(width - filled)} ${done}/${total}`;
}

/** Children of each group (null: the top level), nodes and groups alike, in path order. */
function layout(p: Portfolio): { nodes: Map<string | null, PortfolioNode[]>; groups: Map<string | null, PortfolioGroup[]> } {
  const nodes = new Map<string | null, PortfolioNode[]>();
  const groups = new Map<string | null, PortfolioGroup[]>();
  for (const n of p.nodes) (nodes.get(n.group) ?? nodes.set(n.group, []).get(n.group)!).push(n);
  for (const g of p.groups) (groups.get(g.group) ?? groups.set(g.group, []).get(g.group)!).push(g);
  return { nodes, groups };
}

/**
 * The portfolio as a mermaid flowchart: one node per open plan, labelled with its title and state
 * and styled by state; roadmaps as subgraphs with their progress; an arrow from each plan to the
 * plans waiting for it; each node linking to its plan folder (relative to `linkFrom`, e.g. the
 * folder of WHATS-NEXT.md). Every label is escaped; ids come from plan paths. Pure and stable.
 */
export function renderPortfolioMermaid(p: Portfolio, linkFrom = ''): string {
  const out = ['flowchart LR'];
  const { nodes, groups } = layout(p);
  const ids = new Map<string, string>([...p.nodes.map((n) => [n.plan, n.id] as const), ...p.groups.map((g) => [g.plan, g.id] as const)]);
  const emit = (parent: string | null, indent: string) => {
    for (const n of nodes.get(parent) ?? []) out.push(`${indent}${n.id}["${mermaidText(nodeText(n))}"]`);
    for (const g of groups.get(parent) ?? []) {
      out.push(`${indent}subgraph ${g.id}["${mermaidText(groupText(g))}"]`);
      emit(g.plan, `${indent}  `);
      out.push(`${indent}end`);
    }
  };
  emit(null, '  ');
  for (const e of p.edges) out.push(`  ${ids.get(e.from)} --> ${ids.get(e.to)}`);
  for (const s of Object.keys(COLORS) as PortfolioState[]) {
    const members = p.nodes.filter((n) => n.state === s).map((n) => n.id);
    if (!members.length) continue;
    out.push(`  classDef ${s} fill:${COLORS[s].fill},stroke:${COLORS[s].stroke},color:#212529`);
    out.push(`  class ${members.join(',')} ${s}`);
  }
  for (const n of p.nodes) out.push(`  click ${n.id} "${planDocHref(n.plan, n.singleFile, linkFrom)}" "${mermaidText(n.plan)}"`);
  return `${out.join('\n')}\n`;
}

/**
 * The portfolio as a DOT digraph (Graphviz): the same nodes, groups (clusters), edges and colours
 * as the mermaid picture, every string quoted and escaped. An edge from a roadmap starts at one of
 * its plans and is drawn from the cluster's border.
 */
export function renderPortfolioDot(p: Portfolio, linkFrom = ''): string {
  const out = ['digraph portfolio {', '  rankdir=LR;', '  compound=true;', '  node [shape=box, style="rounded,filled", fontname="Helvetica"];'];
  const { nodes, groups } = layout(p);
  const anchor = (plan: string): PortfolioNode | undefined => {
    const direct = nodes.get(plan)?.[0];
    if (direct) return direct;
    for (const g of groups.get(plan) ?? []) {
      const a = anchor(g.plan);
      if (a) return a;
    }
    return undefined;
  };
  const emit = (parent: string | null, indent: string) => {
    for (const n of nodes.get(parent) ?? []) {
      const c = COLORS[n.state];
      out.push(
        `${indent}${dotString(n.id)} [label=${dotString(nodeText(n))}, fillcolor=${dotString(c.fill)}, color=${dotString(c.stroke)}, URL=${dotString(planDocHref(n.plan, n.singleFile, linkFrom))}];`,
      );
    }
    for (const g of groups.get(parent) ?? []) {
      out.push(`${indent}subgraph ${dotString(`cluster_${g.id}`)} {`, `${indent}  label=${dotString(groupText(g))};`);
      emit(g.plan, `${indent}  `);
      out.push(`${indent}}`);
    }
  };
  emit(null, '  ');
  const groupIds = new Map(p.groups.map((g) => [g.plan, g.id]));
  const nodeIds = new Map(p.nodes.map((n) => [n.plan, n.id]));
  for (const e of p.edges) {
    const to = nodeIds.get(e.to)!;
    const from = nodeIds.get(e.from);
    if (from !== undefined) out.push(`  ${dotString(from)} -> ${dotString(to)};`);
    else {
      const a = anchor(e.from);
      if (a) out.push(`  ${dotString(a.id)} -> ${dotString(to)} [ltail=${dotString(`cluster_${groupIds.get(e.from)}`)}];`);
    }
  }
  out.push('}');
  return `${out.join('\n')}\n`;
}

/** What was left out of the picture to keep it readable, in one or two sentences, else null. */
export function omittedNote(p: Portfolio): string | null {
  const notes: string[] = [];
  if (p.omitted) {
    notes.push(`Showing ${p.nodes.length} of ${p.open} open plans: the recommended and in-progress ones with the plans they wait for (${p.omitted} left out).`);
  }
  if (p.impliedEdges) notes.push(`${p.impliedEdges} blocking arrows implied by others are not drawn.`);
  return notes.length ? notes.join(' ') : null;
}

/**
 * The `## Portfolio` section body of WHATS-NEXT.md: the mermaid picture in a fenced block, a note
 * when plans were left out, and a progress bar per open roadmap that reads well as plain text.
 * Links are relative to spec/plans/, where the report lives.
 */
export function renderPortfolioSection(p: Portfolio): string {
  if (!p.nodes.length && !p.roadmaps.length) return 'No open plans.';
  const parts: string[] = [];
  if (p.nodes.length) parts.push(`\`\`\`mermaid\n${renderPortfolioMermaid(p)}\`\`\``);
  const note = omittedNote(p);
  if (note) parts.push(note);
  if (p.roadmaps.length) {
    parts.push(p.roadmaps.map((g) => `- ${planLink(g.plan)} \`${progressBar(g.done, g.total)}\` child plans done — ${inlineText(cut(g.title))}`).join('\n'));
  }
  return parts.join('\n\n');
}
