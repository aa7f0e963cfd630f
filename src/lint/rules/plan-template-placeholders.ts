import { PLACEHOLDER_STEP } from '../../model/placeholder-step.js';
import { defineRule } from '../rule.js';

/** A line (after any list or quote marker and checkbox) that starts with the scaffold's `TODO`. */
const TODO_LINE = /^\s*(?:>\s*)*(?:(?:[-*+]|\d+[.)])\s+)?(?:\[[ xX]\]\s+)?(?:\*\*|__)?TODO(?:\*\*|__)?(?::|\s|$)/;
/** A step heading with the scaffold's placeholder title: `### 1. First step`. */
const PLACEHOLDER_HEADING = new RegExp(`^#{3,6}\\s+\\d+(?:\\.\\d+)*\\.?\\s+${PLACEHOLDER_STEP.title}\\s*#*\\s*$`, 'i');

/** What every placeholder line contains: a plan without it has none, and its lines need not be read. */
const MAY_HAVE_PLACEHOLDER = new RegExp(`TODO|${PLACEHOLDER_STEP.title}`, 'i');

const clip = (s: string): string => (s.length > 60 ? `${s.slice(0, 57)}…` : s);

/**
 * A plan is written out before review: no `TODO` line and no `First step` heading left from the
 * scaffold. A warning while the plan is a draft; an error once it is submitted (the review gate
 * of submit and approve refuses it).
 */
export default defineRule({
  id: 'plan/template-placeholders',
  scope: 'document',
  description:
    'A plan keeps no placeholder of the scaffold ("TODO: …" lines, a "### 1. First step" heading): a warning in a draft, an error from review on (submit and approve refuse it).',
  defaultSeverity: 'warning',
  reviewGate: true,
  check({ repo, report, facts }) {
    for (const entry of repo.plans.values()) {
      if (!MAY_HAVE_PLACEHOLDER.test(entry.text)) continue;
      for (const { line, text, inHeader } of facts.proseLines(entry)) {
        if (inHeader) continue;
        const at = { line, column: 1 };
        if (PLACEHOLDER_HEADING.test(text.trim())) {
          report(entry.file, at, `step heading "${clip(text.trim())}" is the scaffold's placeholder; expected a step title saying what the step delivers`);
        } else if (TODO_LINE.test(text)) {
          report(entry.file, at, `placeholder "${clip(text.trim())}" left from the scaffold; expected the plan's own text in its place`);
        }
      }
    }
  },
});
