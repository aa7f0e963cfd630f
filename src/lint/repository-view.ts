import type { Diagnostic, Position } from '../model/common.js';
import type { Plan } from '../model/plan.js';
import type { ParsedPlan } from '../model/parsed.js';
import { Positions } from '../model/positions.js';
import type { PlanEntry, SpecRepo } from '../model/repository.js';
import { planFormatOf } from '../parse/repo-format.js';
import type { LintRule } from './rule.js';
import { RULES } from './rules/index.js';

/** A section body as the repository rules see it: whether there is one, not what it says. */
function presence(body: string | null): string | null {
  return body === null ? null : '';
}

/**
 * Which of a plan's positions the repository rules asked for: each key with what it gave (null
 * when absent), or `all` once something read the whole table.
 */
export interface PositionReads {
  keys: Map<string, Readonly<Position> | null>;
  all: boolean;
}

/** A plan's positions as the repository rules see them: the plan's own, noting every read. */
class ReadPositions extends Positions {
  readonly reads: PositionReads = { keys: new Map(), all: false };

  constructor(private readonly inner: Positions) {
    super();
  }

  override set(): void {
    throw new Error("a plan's outline is read, never written");
  }

  override seal(): void {}

  override get(key: string): Readonly<Position> | undefined {
    const at = this.inner.get(key);
    this.reads.keys.set(key, at ?? null);
    return at;
  }

  override entries(): Array<[string, Readonly<Position>]> {
    this.reads.all = true;
    return this.inner.entries();
  }

  override listing(): string {
    this.reads.all = true;
    return this.inner.listing();
  }

  override toJSON(): Record<string, Readonly<Position>> {
    this.reads.all = true;
    return this.inner.toJSON();
  }
}

/**
 * A plan as the rules that look across documents see it: everything its model says (header,
 * steps and their fields, child plans, acceptance criteria, the current format's facts) except its
 * prose: the document's text, the step bodies, the bodies of its sections and the line ranges of
 * those sections are left out, and of the findings made while parsing it only those a repository
 * rule reports itself (`adopts`; the others are the plan's own, see `lintDocument`). Its positions are the plan's own, and every one read is
 * noted (`positionReads`). Editing a plan's prose therefore cannot change what those rules
 * report, as long as no position they read moved (see `planOutlineText`).
 */
export function planOutline(entry: PlanEntry, rules: readonly LintRule[] = RULES): PlanEntry {
  const p = entry.parsed.plan;
  const plan: Plan = {
    ...p,
    preamble: '',
    context: presence(p.context),
    steps: p.steps?.map((s) => ({ ...s, body: '', subSteps: s.subSteps.map((x) => ({ ...x, body: '' })) })) ?? null,
    stepsPreamble: '',
    childPlansNotes: '',
    dependencyGraph: presence(p.dependencyGraph),
    risks: presence(p.risks),
    outstandingQuestions: presence(p.outstandingQuestions),
    extraSections: p.extraSections.map((x) => ({ ...x, body: '' })),
  };
  const adopted = adoptedAcross(rules);
  const parsed: ParsedPlan = {
    ...entry.parsed,
    plan,
    sections: {},
    positions: new ReadPositions(entry.parsed.positions),
    findings: entry.parsed.findings.filter((f) => adopted.has(f.rule)),
  };
  return { ...entry, text: '', parsed };
}

/** The positions the repository rules read of a plan's outline (from `planOutline`); null for any other entry. */
export function positionReads(outline: PlanEntry): PositionReads | null {
  const p = outline.parsed.positions;
  return p instanceof ReadPositions ? p.reads : null;
}

/** The repository as the rules that look across documents (among `rules`) see it: every plan as its outline. */
export function repositoryView(repo: SpecRepo, rules: readonly LintRule[] = RULES): SpecRepo {
  const plans = new Map<string, PlanEntry>();
  for (const [k, e] of repo.plans) plans.set(k, planOutline(e, rules));
  return { ...repo, plans };
}

const adoptedOf = new WeakMap<readonly LintRule[], ReadonlySet<string>>();

/** The ids of reading findings that the repository rules among `rules` report themselves. */
function adoptedAcross(rules: readonly LintRule[]): ReadonlySet<string> {
  let set = adoptedOf.get(rules);
  if (!set) adoptedOf.set(rules, (set = new Set(rules.filter((r) => r.scope !== 'document').flatMap((r) => r.adopts ?? []))));
  return set;
}

/**
 * What the outline hash of a plan is taken of: its format, its outline's model but the positions
 * (from `planOutline`), and the findings made while decoding its bytes (the repository rules see
 * all of them). Two versions of a plan with the same text here, whose positions agree wherever the
 * rules read one, look the same to every repository rule.
 */
export function planOutlineText(outline: PlanEntry, decoding: readonly Diagnostic[]): string {
  return JSON.stringify([planFormatOf(outline), { ...outline.parsed, positions: null }, decoding]);
}
