import {
  PORTFOLIO_EDGE_CAP,
  PORTFOLIO_NODE_CAP,
  type Portfolio,
  type PortfolioEdge,
  type PortfolioGroup,
  type PortfolioNode,
  type PortfolioState,
} from '../model/portfolio.js';
import type { SpecRepo } from '../model/repository.js';
import type { Ranking } from '../rank/score.js';
import type { PlanFacts, Recommendation } from '../rank/types.js';

interface PortfolioOptions {
  /** How many recommendations the report lists: those are drawn as recommended. */
  top: number;
  /** Limit the picture to this roadmap's descendants; null for the whole repository. */
  scope?: string | null;
  /** Plan nodes drawn before the picture is reduced to what matters now. */
  cap?: number;
  /** Plans written as one file (`spec/plans/<slug>.md`): their links name the file. */
  singleFile?: ReadonlySet<string>;
}

function byString(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Diagram ids from paths: letters and digits kept, everything else `_`; a clash gets a counter. */
function idMaker(): (prefix: string, path: string) => string {
  const used = new Set<string>();
  return (prefix, path) => {
    const base = `${prefix}_${path.replace(/[^A-Za-z0-9]/g, '_')}`;
    let id = base;
    for (let n = 2; used.has(id); n++) id = `${base}_${n}`;
    used.add(id);
    return id;
  };
}

/** The state an open plan is drawn in, or null when it is not open (completed, superseded, ...). */
function stateOf(f: PlanFacts, rank: number | null, ranked: ReadonlyMap<string, Recommendation>, why: ReadonlyMap<string, string>): PortfolioState | null {
  if (rank !== null) return 'recommended';
  const w = why.get(f.path);
  if (w === 'in_progress') return 'in_progress';
  if (w === 'blocked') return 'blocked';
  if (w === 'needs_rework') return 'review';
  if (w !== undefined) return null;
  const r = ranked.get(f.path);
  return r && (r.need === 'review' || r.need === 'approval') ? 'review' : 'ready';
}

/** Whether `path` is `scope` or below it, following parents. */
function within(path: string, scope: string, byPath: ReadonlyMap<string, PlanFacts>): boolean {
  for (let p: string | null = path; p !== null; p = byPath.get(p)?.parent ?? null) if (p === scope) return true;
  return false;
}

/** Keep what matters now: the recommended plans, those in progress, and their direct blockers. */
function reduce(nodes: PortfolioNode[], byPath: ReadonlyMap<string, PlanFacts>, cap: number): PortfolioNode[] {
  const drawn = new Map(nodes.map((n) => [n.plan, n]));
  const keep: PortfolioNode[] = [];
  const seen = new Set<string>();
  const add = (n: PortfolioNode | undefined) => {
    if (n && !seen.has(n.plan) && keep.length < cap) {
      seen.add(n.plan);
      keep.push(n);
    }
  };
  for (const n of [...nodes].filter((x) => x.rank !== null).sort((a, b) => a.rank! - b.rank!)) add(n);
  const active = nodes.filter((n) => n.state === 'in_progress');
  for (const n of active) add(n);
  for (const n of active) for (const b of byPath.get(n.plan)?.blockedBy ?? []) add(drawn.get(b));
  return keep.sort((a, b) => byString(a.plan, b.plan));
}

/** The edges no other path implies (the transitive reduction of an acyclic graph), in the same order. */
function withoutImplied(edges: readonly PortfolioEdge[]): PortfolioEdge[] {
  const next = new Map<string, string[]>();
  for (const e of edges) (next.get(e.from) ?? next.set(e.from, []).get(e.from)!).push(e.to);
  const reachesWithoutEdge = (from: string, to: string): boolean => {
    const stack = (next.get(from) ?? []).filter((n) => n !== to);
    const seen = new Set(stack);
    while (stack.length) {
      const n = stack.pop()!;
      if (n === to) return true;
      for (const m of next.get(n) ?? []) if (!seen.has(m)) seen.add(m), stack.push(m);
    }
    return false;
  };
  return edges.filter((e) => !reachesWithoutEdge(e.from, e.to));
}

/**
 * The portfolio picture from the computed facts and ranking: every open plan (recommended, in
 * progress, blocked, needing review, ready) as a node, the plans each blocked plan waits for as
 * edges, and roadmaps with child plans as groups with their progress. Past `cap` plan nodes only
 * the recommended and in-progress plans and their direct blockers are kept, and the picture says
 * how many were left out. Pure and deterministic: sorted by path, ids derived from paths.
 */
export function buildPortfolio(facts: readonly PlanFacts[], ranking: Ranking, o: PortfolioOptions): Portfolio {
  const scope = o.scope ?? null;
  const byPath = new Map(facts.map((f) => [f.path, f]));
  const ranks = new Map(ranking.ranked.slice(0, o.top).map((r) => [r.plan, r.rank]));
  const why = new Map(ranking.excluded.map((x) => [x.plan, x.why as string]));
  // Each plan's first recommendation (a plan is ranked once).
  const ranked = new Map<string, Recommendation>();
  for (const r of ranking.ranked) if (!ranked.has(r.plan)) ranked.set(r.plan, r);
  const isGroup = (f: PlanFacts | undefined) => !!f && f.roadmap && f.children.length > 0;
  const inScope = (f: PlanFacts) => scope === null || within(f.path, scope, byPath);
  // The facts usually come sorted (`gatherFacts`): then they are taken as they are.
  let inOrder = true;
  for (let i = 1; i < facts.length && inOrder; i++) inOrder = byString(facts[i - 1]!.path, facts[i]!.path) <= 0;
  const sorted = inOrder ? facts : [...facts].sort((a, b) => byString(a.path, b.path));

  const open: PortfolioNode[] = [];
  for (let i = 0; i < sorted.length; i++) {
    const f = sorted[i]!;
    if (isGroup(f) || !inScope(f) || (scope !== null && f.path === scope)) continue;
    const rank = ranks.get(f.path) ?? null;
    const state = stateOf(f, rank, ranked, why);
    if (state === null) continue;
    open.push({
      id: '',
      plan: f.path,
      title: f.title,
      state,
      rank,
      progress: { done: f.progress.done, total: f.progress.total },
      group: null,
      singleFile: o.singleFile?.has(f.path) ?? false,
    });
  }
  // A blocker whose status the ranking cannot read (neither open nor closed) still blocks: draw it
  // as needing review, so that every blocked plan shows what it waits for.
  const listed = new Set(open.map((n) => n.plan));
  for (const n of [...open]) {
    for (const b of byPath.get(n.plan)!.blockedBy) {
      const f = byPath.get(b);
      if (!f || listed.has(b) || isGroup(f) || !inScope(f)) continue;
      listed.add(b);
      open.push({
        id: '',
        plan: b,
        title: f.title,
        state: 'review',
        rank: null,
        progress: { done: f.progress.done, total: f.progress.total },
        group: null,
        singleFile: o.singleFile?.has(f.path) ?? false,
      });
    }
  }
  open.sort((a, b) => byString(a.plan, b.plan));
  const cap = o.cap ?? PORTFOLIO_NODE_CAP;
  const nodes = open.length > cap ? reduce(open, byPath, cap) : open;

  // Groups: every roadmap around a drawn node, with its own enclosing roadmap.
  const nearestGroup = (path: string): string | null => {
    for (let p = byPath.get(path)?.parent ?? null; p !== null; p = byPath.get(p)?.parent ?? null) if (isGroup(byPath.get(p))) return p;
    return null;
  };
  const groupPaths = new Set<string>();
  for (const n of nodes) for (let g = nearestGroup(n.plan); g !== null && !groupPaths.has(g); g = nearestGroup(g)) groupPaths.add(g);
  const makeId = idMaker();
  for (const n of nodes) {
    n.id = makeId('p', n.plan);
    n.group = nearestGroup(n.plan);
  }
  const groupOf = (g: string): PortfolioGroup => {
    const f = byPath.get(g)!;
    const kids = f.children.map((c) => byPath.get(c)).filter((c): c is PlanFacts => !!c && c.status !== 'superseded');
    return { id: makeId('r', g), plan: g, title: f.title, group: nearestGroup(g), done: kids.filter((k) => k.progress.completed).length, total: kids.length };
  };
  const openRoadmaps = sorted.filter((f) => isGroup(f) && inScope(f) && !f.progress.completed && f.status !== 'superseded').map((f) => f.path);
  const roadmaps = [...new Set([...openRoadmaps, ...groupPaths])].sort(byString).map(groupOf);
  const groups = roadmaps.filter((g) => groupPaths.has(g.plan));
  const drawn = new Set([...nodes.map((n) => n.plan), ...groupPaths]);
  const edges: PortfolioEdge[] = [];
  for (const n of nodes) for (const b of byPath.get(n.plan)?.blockedBy ?? []) if (drawn.has(b)) edges.push({ from: b, to: n.plan });
  edges.sort((a, b) => byString(a.from, b.from) || byString(a.to, b.to));
  const shown = edges.length > PORTFOLIO_EDGE_CAP ? withoutImplied(edges) : edges;
  return { scope, nodes, groups, edges: shown, roadmaps, open: open.length, omitted: open.length - nodes.length, impliedEdges: edges.length - shown.length };
}

/** The plans written as one file (`spec/plans/<slug>.md`) rather than a folder README. */
export function singleFilePlans(repo: SpecRepo): Set<string> {
  return new Set([...repo.plans.values()].filter((e) => !e.file.endsWith('/README.md')).map((e) => e.path));
}
