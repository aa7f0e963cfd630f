/** A plan as prose may name it: by path, by its last path segment, or by its title. */
export interface NameablePlan {
  path: string;
  title: string;
}

/** One place where a piece of text names a plan. */
export interface Mention {
  plan: string;
  start: number;
  end: number;
}

/** How one repository's plans are recognised in text. */
export interface PlanNames {
  /** Every name (lower-cased) that points at exactly one plan, with that plan. */
  byName: ReadonlyMap<string, string>;
  /** Names that are ordinary words (one-word slugs and titles): they count only when marked up or followed by "plan". */
  wordy: ReadonlySet<string>;
  /** Names, longest first, as one search pattern. */
  pattern: RegExp | null;
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The name a plan's title is known by: without a `Plan:` prefix, without markup, lower-cased. */
function titleName(title: string): string {
  return title
    .replace(/^plan:\s*/i, '')
    .replace(/[`*_]/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

/**
 * Index the names of the plans: every path, every last path segment that belongs to one plan
 * only, and every title of two characters or more that belongs to one plan only. Names shared by
 * two plans are left out (they name neither for sure).
 */
export function planNames(plans: Iterable<NameablePlan>): PlanNames {
  const owners = new Map<string, Set<string>>();
  const add = (name: string, plan: string) => {
    if (name.length < 2) return;
    (owners.get(name) ?? owners.set(name, new Set()).get(name)!).add(plan);
  };
  const paths = new Set<string>();
  for (const p of plans) {
    paths.add(p.path.toLowerCase());
    add(p.path.toLowerCase(), p.path);
    add(p.path.slice(p.path.lastIndexOf('/') + 1).toLowerCase(), p.path);
    add(titleName(p.title), p.path);
  }
  const byName = new Map<string, string>();
  const wordy = new Set<string>();
  for (const [name, ps] of owners) {
    if (ps.size !== 1 && !paths.has(name)) continue;
    const plan = ps.size === 1 ? [...ps][0]! : [...ps].find((p) => p.toLowerCase() === name)!;
    byName.set(name, plan);
    if (!/[-/\s]/.test(name)) wordy.add(name);
  }
  const names = [...byName.keys()].sort((a, b) => b.length - a.length);
  const pattern = names.length ? new RegExp(`(?<![\\w/-])(?:${names.map(escapeRe).join('|')})(?![\\w-]|/[\\w])`, 'gi') : null;
  return { byName, wordy, pattern };
}

function markedUp(text: string, start: number, end: number): boolean {
  const before = text.slice(Math.max(0, start - 3), start);
  const after = text.slice(end, end + 3);
  return /[`*[]$/.test(before) || /^[`*\]]/.test(after) || /^\s+plans?\b/i.test(text.slice(end, end + 7));
}

/**
 * Where a text names plans, in order: paths, unique slugs and titles (case-insensitive, the
 * longest name first). A name that is also an ordinary word (`billing`, a one-word title) counts
 * only when marked up (code, bold, link text) or followed by "plan".
 */
export function findMentions(text: string, names: PlanNames): Mention[] {
  if (!names.pattern) return [];
  const out: Mention[] = [];
  for (const m of text.matchAll(names.pattern)) {
    const name = m[0].toLowerCase();
    const plan = names.byName.get(name);
    if (!plan) continue;
    const start = m.index;
    const end = start + m[0].length;
    if (names.wordy.has(name) && !markedUp(text, start, end)) continue;
    out.push({ plan, start, end });
  }
  return out;
}

/** The plan a name given as an identifier (path, slug or title) points at, or null. */
export function resolvePlan(name: string, names: PlanNames): string | null {
  const key = titleName(name.replace(/^\.?\//, '').replace(/\/+(README\.md)?$/i, ''));
  return names.byName.get(key) ?? null;
}
