/**
 * Places in a plan named the way the plan document shows them ("Step 3 (Add the index)",
 * "section `## Risks`", "the Approver field"), for messages to people and to models alike: a
 * JSON path such as `steps[2].dependsOn[0]` names something neither of them ever saw.
 */

type Key = PropertyKey;

const HEADER_FIELDS: Record<string, string> = {
  status: 'Status',
  features: 'Features',
  sourceType: 'Source type',
  source: 'Source',
  author: 'Author',
  approver: 'Approver',
  created: 'Created',
  approved: 'Approved',
  effort: 'Effort',
  impact: 'Impact',
  supersededBy: 'Superseded by',
};

const SECTIONS: Record<string, [section: string, item: string]> = {
  context: ['Context', 'paragraph'],
  acceptanceCriteria: ['Acceptance criteria', 'acceptance criterion'],
  risks: ['Risks', 'risk'],
  outstandingQuestions: ['Outstanding Questions', 'outstanding question'],
  steps: ['Steps', 'step'],
  childPlans: ['Child Plans', 'row'],
  children: ['Child Plans', 'child plan'],
  dependencyGraph: ['Dependency Graph', 'line'],
};

const STEP_FIELDS: Record<string, [field: string, item: string]> = {
  title: ['the title', ''],
  description: ['the description', ''],
  body: ['the description', ''],
  dependsOn: ['the Depends on field', 'Depends on entry'],
  produces: ['the Produces field', 'Produces item'],
  acceptanceCriteria: ['the acceptance criteria', 'acceptance criterion'],
  subSteps: ['the sub-steps', 'sub-step'],
  extraFields: ['the other fields', 'field'],
};

function text(v: unknown): string | null {
  return typeof v === 'string' && v.trim() !== '' ? v.trim().replace(/\s+/g, ' ') : null;
}

function short(s: string): string {
  return s.length > 60 ? `${s.slice(0, 57)}…` : s;
}

function at(v: unknown, k: Key): unknown {
  return v !== null && typeof v === 'object' ? (v as Record<Key, unknown>)[k] : undefined;
}

/** "Step 3 (Add the index)": a step by its number, with its title when it has one. */
export function stepLabel(number: string, title?: unknown): string {
  const t = text(title);
  return `Step ${number}${t ? ` (${short(t)})` : ''}`;
}

/** A step or sub-step at `path` (`[i]` or `[i, 'subSteps', j]` below `steps`). */
function stepPlace(value: unknown, fallback: string, rest: readonly Key[]): string {
  const number = text(at(value, 'number')) ?? fallback;
  const label = stepLabel(number, at(value, 'title'));
  const [field, index, ...more] = rest;
  if (field === undefined) return label;
  if (field === 'number') return `the number of ${label}`;
  if (field === 'subSteps' && typeof index === 'number') return stepPlace(at(at(value, 'subSteps'), index), `${number}.${index + 1}`, more);
  const known = STEP_FIELDS[String(field)];
  if (!known) return `the "${String(field)}" field of ${label}`;
  return typeof index === 'number' && known[1] ? `${known[1]} ${index + 1} of ${label}` : `${known[0]} of ${label}`;
}

/**
 * The place `path` points at in a plan value (a plan_draft, a roadmap draft or a whole plan
 * document), named as the rendered plan shows it. `root` is the value the path is read in, used
 * for step numbers and titles, section headings and child plan slugs.
 */
export function planPlace(path: readonly Key[], root: unknown): string {
  const [first, second, ...rest] = path;
  if (first === undefined) return 'the plan';
  const key = String(first);
  if (key === 'title') return 'the title';
  if (key === 'effort' || key === 'impact') return `the ${HEADER_FIELDS[key]} field`;
  if (key === 'header') return second === undefined ? 'the header' : `the ${HEADER_FIELDS[String(second)] ?? `"${String(second)}"`} field`;
  if (key === 'steps' && typeof second === 'number') return stepPlace(at(at(root, 'steps'), second), String(second + 1), rest);
  if (key === 'children' && typeof second === 'number') {
    const child = at(at(root, 'children'), second);
    const slug = text(at(child, 'slug'));
    const name = `child plan ${second + 1}${slug ? ` (${short(slug)})` : ''}`;
    if (!rest.length) return name;
    if (rest[0] === 'slug' || rest[0] === 'order') return `the ${String(rest[0])} of ${name}`;
    return `${planPlace(rest, child)} of ${name}`;
  }
  if (key === 'extraSections') {
    const heading = typeof second === 'number' ? text(at(at(at(root, 'extraSections'), second), 'title')) : null;
    const name = heading ? `section \`## ${short(heading)}\`` : typeof second === 'number' ? `extra section ${second + 1}` : 'the extra sections';
    const part = { title: 'the heading of ', depth: 'the heading level of ', body: 'the text of ' }[String(rest[0])] ?? '';
    return `${part}${name}`;
  }
  const section = SECTIONS[key];
  if (section) return typeof second === 'number' ? `${section[1]} ${second + 1} of section \`## ${section[0]}\`` : `section \`## ${section[0]}\``;
  return `the "${key}" field`;
}

/** The sentence with its first letter in upper case. */
export function sentence(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
