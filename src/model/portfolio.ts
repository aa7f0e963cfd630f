/*
 * The portfolio picture: the open plans of a repository, what blocks what, and how far each
 * roadmap has come. Built from the computed What's Next facts by `src/whats-next/portfolio.ts`
 * and drawn by `src/render/portfolio.ts` as mermaid, DOT or JSON. Never written by a model.
 */

/** How an open plan stands. */
export type PortfolioState = 'recommended' | 'in_progress' | 'blocked' | 'review' | 'ready';

/** Every state, in the order the legend lists them. */
export const PORTFOLIO_STATES: readonly PortfolioState[] = ['recommended', 'in_progress', 'blocked', 'review', 'ready'];

/** Above this many plan nodes a diagram stops being readable: only the plans that matter now are drawn. */
export const PORTFOLIO_NODE_CAP = 40;

/** Most edges drawn: past it, edges implied by others are left out (GitHub's mermaid refuses 500). */
export const PORTFOLIO_EDGE_CAP = 200;

/** One open plan drawn as a node. */
export interface PortfolioNode {
  /** Stable diagram id derived from the plan path (`p_billing_roadmap__invoice_pdf`). */
  id: string;
  /** Plan path below spec/plans/. */
  plan: string;
  title: string;
  state: PortfolioState;
  /** 1-based position among the recommendations; null when not recommended. */
  rank: number | null;
  /** Level-1 steps done and planned. */
  progress: { done: number; total: number };
  /** The roadmap group the node is drawn in (its plan path), or null. */
  group: string | null;
  /** The plan is written as one file (`spec/plans/<slug>.md`), so links name the file. */
  singleFile: boolean;
}

/** A roadmap with open child plans, drawn as a group around them. */
export interface PortfolioGroup {
  /** Stable diagram id derived from the roadmap's path (`r_billing_roadmap`). */
  id: string;
  /** Roadmap path below spec/plans/. */
  plan: string;
  title: string;
  /** The enclosing roadmap group, or null. */
  group: string | null;
  /** Active (not superseded) child plans completed, and in total. */
  done: number;
  total: number;
}

/** `from` must be completed before `to` can start (plan paths). */
export interface PortfolioEdge {
  from: string;
  to: string;
}

/** The open plans and what blocks them, ready to draw. Sorted by plan path throughout. */
export interface Portfolio {
  /** The roadmap the picture is limited to, or null for the whole repository. */
  scope: string | null;
  nodes: PortfolioNode[];
  groups: PortfolioGroup[];
  edges: PortfolioEdge[];
  /** Every open roadmap with child plans in scope, drawn or not, with its progress. */
  roadmaps: PortfolioGroup[];
  /** Open plans in scope, drawn or not. */
  open: number;
  /** Open plans left out to keep the picture readable (0 when every open plan is drawn). */
  omitted: number;
  /** Blocking edges left out because a path through other drawn plans implies them. */
  impliedEdges: number;
}
