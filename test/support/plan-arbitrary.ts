import fc from 'fast-check';
import type { ExtraField, ExtraSection, Link } from '../../src/model/common.js';
import type { ChildPlanRow, Plan, PlanHeader, Step, SubStep } from '../../src/model/plan.js';

/**
 * fast-check arbitraries for plan models that the canonical renderer can write and the parser
 * reads back unchanged. Each restriction below is something the markdown layout itself cannot
 * carry, not a gap in the parser:
 *
 * - Text is built from plain words, inline code, emphasis and links: a line of free text that
 *   starts with `#`, `**Name:**`, `- `, `|` or a fence would be read as a heading, a field, a
 *   list item, a table or code, because that is what it is in markdown.
 * - Scalar values (header fields, titles, cells) are single trimmed lines without `|`, and
 *   without surrounding backticks (`` `approved` `` and `approved` are the same status).
 * - Blocks (Context, bodies, notes, questions) have no leading or trailing blank lines and no
 *   runs of blank lines: blank lines only separate blocks.
 * - A list item (criterion, artifact) is non-empty; its continuation lines are non-blank and do
 *   not start with white space.
 * - `Depends on` entries are step numbers or plain words other than `none`; `and`, `,`, `;` and
 *   `&` separate entries, so they cannot occur inside one.
 * - Extra header fields, step fields and sections use names the format does not define (a
 *   section called "Steps" is the Steps section).
 * - Child Plans rows either all have a `Depends on` column or none do (it is a table column).
 */

const WORDS = ['alpha', 'beta', 'gamma', 'plan', 'step', 'schema', 'parser', 'cache', 'Lint', 'Index', 'v2', '42', 'a-b', 'x_y', 'déjà', '日本'];
const INLINE = ['`code`', '**bold**', '_it_', '[link](../x/)', '`a|b`', 'e.g.', '—', '@alex', '2026-03-14', '(none)', '#7'];

const word = fc.constantFrom(...WORDS);
const token = fc.oneof({ weight: 4, arbitrary: word }, { weight: 1, arbitrary: fc.constantFrom(...INLINE) });

/** One line of inline text starting with a plain word. */
const line: fc.Arbitrary<string> = fc.tuple(word, fc.array(token, { maxLength: 6 })).map(([first, rest]) => [first, ...rest].join(' '));

/** A single-line scalar without pipes. */
const scalarText = line.map((l) => l.replace(/\|/g, '/'));

const paragraph = fc.array(line, { minLength: 1, maxLength: 3 }).map((ls) => ls.join('\n'));
/** Markdown that looks like plan structure but is not: inside code, tables and lists. */
const tricky = fc.constantFrom(
  '```\n### 9. Not a step\n**Depends on:** Step 7\n## Not a section\n```',
  '~~~yaml\nkey: value\n# comment\n~~~',
  '| Key | Value |\n|---|---|\n| a | `b` |',
  '- first\n- second\n  continued',
  '1. one\n2. two',
  '> quoted **Status:** text',
  '<!-- a comment -->',
);

/** A block of one to three paragraphs (or lists, tables, code) separated by blank lines. */
const block: fc.Arbitrary<string> = fc
  .array(fc.oneof({ weight: 4, arbitrary: paragraph }, { weight: 1, arbitrary: tricky }), { minLength: 1, maxLength: 3 })
  .map((ps) => ps.join('\n\n'));

/** A list item: one line, sometimes with continuation lines or a second paragraph. */
const item: fc.Arbitrary<string> = fc
  .tuple(fc.array(line, { minLength: 1, maxLength: 3 }), fc.option(paragraph, { freq: 4 }))
  .map(([ls, more]) => (more ? `${ls.join('\n')}\n\n${more}` : ls.join('\n')));

const slug = fc.constantFrom('chat', 'chat/workflow', 'cli', 'user-auth', 'a1', 'x-y-z');
const link: fc.Arbitrary<Link> = fc
  .tuple(fc.constantFrom('chat', 'CLI spec', 'x', 'feature/a', ''), slug, fc.constantFrom('../../features/', '../', './', 'https://example.com/'))
  .map(([text, s, prefix]) => ({ text, href: `${prefix}${s}/` }));

const KNOWN_HEADER = new Set(['status', 'features', 'source type', 'source', 'author', 'approver', 'created', 'approved', 'effort', 'impact', 'superseded by']);
// Names that are also Object.prototype members must not confuse the field tables.
const fieldName = fc.constantFrom('Owner', 'Reviewers', 'Ticket', 'Target release', 'Spec', 'Risk level', 'constructor', '__proto__');
const extraField = (known: Set<string>): fc.Arbitrary<ExtraField> =>
  fc
    .tuple(
      fieldName,
      fc.oneof(
        scalarText,
        fc.constant(''),
        paragraph,
        fc.array(line, { minLength: 1, maxLength: 2 }).map((ls) => ls.map((l) => `- ${l}`).join('\n')),
      ),
    )
    .filter(([n]) => !known.has(n.toLowerCase()))
    .map(([name, value]) => ({ name, value }));

const optional = <T>(a: fc.Arbitrary<T>): fc.Arbitrary<T | null> => fc.option(a, { nil: null });

const header: fc.Arbitrary<PlanHeader> = fc.record({
  status: optional(fc.oneof(fc.constantFrom('draft', 'in_review', 'approved', 'superseded'), scalarText)),
  features: fc.array(link, { maxLength: 3 }),
  sourceType: optional(fc.constantFrom('feature', 'change-request', 'strategy')),
  source: optional(
    fc.oneof(
      scalarText,
      link.map((l) => `[${l.text}](${l.href})`),
    ),
  ),
  author: optional(fc.constantFrom('@alex', '@jordan', 'Sam Smith', '')),
  approver: optional(fc.constantFrom('@jordan', '@sam')),
  created: optional(fc.constantFrom('2026-03-14', '2026-02-30', 'yesterday')),
  approved: optional(fc.constantFrom('2026-03-15', '2026-13-01')),
  effort: optional(fc.constantFrom('S', 'M', 'L', 'XL', 'huge', '')),
  impact: optional(fc.constantFrom('low', 'medium', 'high', 'critical', 'meh')),
  supersededBy: optional(link),
  extra: fc.uniqueArray(extraField(KNOWN_HEADER), { maxLength: 2, selector: (f) => f.name }),
});

const stepNumber = fc.oneof(
  fc.integer({ min: 1, max: 12 }).map(String),
  fc.tuple(fc.integer({ min: 1, max: 9 }), fc.integer({ min: 1, max: 9 })).map(([a, b]) => `${a}.${b}`),
);
const dependsOn = optional(
  fc.array(fc.oneof({ weight: 4, arbitrary: stepNumber }, { weight: 1, arbitrary: fc.constantFrom('setup', 'phase-two', 'Other') }), { maxLength: 3 }),
);
const STEP_KNOWN = new Set(['depends on', 'produces', 'acceptance criteria']);
const stepExtra: fc.Arbitrary<ExtraField> = fc
  .tuple(
    fc.constantFrom('Owner', 'Notes', 'Estimate', 'toString', '__proto__'),
    fc.oneof(
      scalarText,
      fc.constant(''),
      fc.array(line, { minLength: 2, maxLength: 2 }).map((ls) => ls.join('\n')),
    ),
  )
  .filter(([n]) => !STEP_KNOWN.has(n.toLowerCase()))
  .map(([name, value]) => ({ name, value }));

const subStep: fc.Arbitrary<SubStep> = fc.record({
  number: stepNumber,
  title: scalarText,
  body: fc.oneof(fc.constant(''), block),
  dependsOn,
  produces: fc.array(item, { maxLength: 2 }),
  acceptanceCriteria: fc.array(item, { maxLength: 3 }),
  extraFields: fc.array(stepExtra, { maxLength: 1 }),
});
const step: fc.Arbitrary<Step> = fc.tuple(subStep, fc.array(subStep, { maxLength: 2 })).map(([s, subSteps]) => ({ ...s, subSteps }));

const childRow = (withDeps: boolean): fc.Arbitrary<ChildPlanRow> =>
  fc.record({
    order: fc.constantFrom('1', '2', '2', '3', ''),
    plan: fc.constantFrom('infra', 'engine', 'ui-shell').map((s) => ({ text: s, href: `${s}/` })),
    status: fc.constantFrom('draft', 'approved', 'in_review', '—'),
    effort: fc.constantFrom('S', 'M', '—', '-'),
    impact: fc.constantFrom('high', 'low', '—'),
    dependsOn: withDeps ? fc.array(fc.constantFrom('infra', 'engine'), { maxLength: 2 }) : fc.constant(null),
  });
const childPlans = optional(fc.boolean().chain((withDeps) => fc.array(childRow(withDeps), { maxLength: 3 })));

const KNOWN_SECTIONS = new Set([
  'context',
  'acceptance criteria',
  'steps',
  'child plans',
  'dependency graph',
  'risks and open decisions',
  'risks',
  'outstanding questions',
]);
const extraSection: fc.Arbitrary<ExtraSection> = fc
  .tuple(fc.constantFrom('Strategic Goal', 'File Structure', 'Rollout', 'Notes', 'Glossary', 'Constructor', 'hasOwnProperty'), fc.oneof(fc.constant(''), block))
  .filter(([t]) => !KNOWN_SECTIONS.has(t.toLowerCase()))
  .map(([title, body]) => ({ title, depth: 2, body }));

const body = optional(fc.oneof(fc.constant(''), block));

/** A plan model the canonical renderer and the parser agree on (see the restrictions above). */
export const planModel: fc.Arbitrary<Plan> = fc
  .record({
    title: scalarText,
    preamble: fc.oneof({ weight: 4, arbitrary: fc.constant('') }, { weight: 1, arbitrary: block }),
    header,
    context: body,
    acceptanceCriteria: optional(fc.array(item, { maxLength: 4 })),
    steps: optional(fc.array(step, { maxLength: 4 })),
    stepsPreamble: fc.oneof({ weight: 4, arbitrary: fc.constant('') }, { weight: 1, arbitrary: block }),
    childPlans,
    childPlansNotes: fc.oneof({ weight: 3, arbitrary: fc.constant('') }, { weight: 1, arbitrary: block }),
    dependencyGraph: optional(fc.oneof(block, fc.constant('```mermaid\ngraph LR\n  S1 --> S2\n```'))),
    risks: body,
    outstandingQuestions: optional(
      fc.oneof(
        fc.constant('None at this time.'),
        fc.array(line, { minLength: 1, maxLength: 3 }).map((ls) => ls.map((l) => `- ${l}?`).join('\n')),
      ),
    ),
    extraSections: fc.array(extraSection, { maxLength: 2 }),
  })
  .map((p) => ({
    ...p,
    // The steps preamble and Child Plans notes live inside their sections.
    stepsPreamble: p.steps === null ? '' : p.stepsPreamble,
    childPlansNotes: p.childPlans === null ? '' : p.childPlansNotes,
  }));
