import type { PlanEntry } from '../../model/repository.js';
import { defineRule } from '../rule.js';

const DONE_WORDS = 'done|complete|completed|finished|implemented|shipped';

/** Each kind of completion marker, tested on one line outside code; the first match names it. */
const MARKERS: ReadonlyArray<[RegExp, (m: RegExpExecArray) => string]> = [
  [/^\s*(?:>\s*)*(?:[-*+]|\d+[.)])\s+\[[xX]\]\s/, () => 'a checked box "[x]"'],
  [/\*\*Status:?\*\*:?|\*\*Status:[^*]*\*\*/, () => 'a "**Status:**" field'],
  [/[✅✔☑]/u, (m) => `the check mark "${m[0]}"`],
  [new RegExp(`\\((?:${DONE_WORDS})\\)`, 'i'), (m) => `"${m[0]}"`],
  [new RegExp(`^#{1,6}\\s.*[—–:-]\\s*(?:${DONE_WORDS})\\s*#*\\s*$`, 'i'), () => 'a heading marked done'],
  [new RegExp(`^\\s*\\|(?:.*\\|)?\\s*(?:${DONE_WORDS}|created)\\s*\\|`, 'i'), (m) => `the table cell "${m[0].split('|').at(-2)!.trim()}"`],
];

/**
 * What a text with any of the markers above contains (each marker's line matches it, the
 * expression being looser than each marker).
 */
const MAY_HAVE_MARKER = new RegExp(
  `\\[[xX]\\]|\\*\\*Status|[✅✔☑]|\\((?:${DONE_WORDS})\\)|^\uFEFF?#{1,6}\\s.*[—–:-]\\s*(?:${DONE_WORDS})|\\|\\s*(?:${DONE_WORDS}|created)\\s*\\|`,
  'im',
);
/** A line that may be, or underline, a level-2 heading: one holding `##`, or ending in `-` or `=`. */
const MAY_BE_SECTION = /^.*(?:##|[-=][ \t]*$)/m;

/**
 * Whether a plan may hold a marker below its header: the header (the lines before the first
 * level-2 heading) is not checked, so the text is searched from the line before the first line
 * that may make such a heading. A plan without any needs no line-by-line reading.
 */
function mayHaveMarker(text: string): boolean {
  const section = MAY_BE_SECTION.exec(text);
  if (!section) return false;
  const from = text.lastIndexOf('\n', section.index - 2) + 1;
  return MAY_HAVE_MARKER.test(from === 0 ? text : text.slice(from));
}

/** A `### Task N:` heading anywhere in a text (a line starting with it contains it). */
const TASK_HEADING = /###\s+Task\s+\d+:/;
const LATER_TASK_STATUS = /^\*\*Status:\*\*\s*(planning|queued|in_progress|blocked|complete|failed|aborted)\s*$/i;

/**
 * Whether a plan is written in the later SpecScore format, which records completion inside the
 * plan by design: front matter whose `format:` names SpecScore, or `### Task N:` sections with
 * that format's task `**Status:**` values.
 */
function isLaterFormat(entry: PlanEntry): boolean {
  const front = /^---\r?\n([\s\S]*?)\r?\n---\r?\n/.exec(entry.text);
  if (front && /^format:.*specscore/im.test(front[1]!)) return true;
  // Most plans have no task heading at all: then the lines need not be split.
  if (!TASK_HEADING.test(entry.text)) return false;
  const lines = entry.text.split(/\r?\n/);
  return lines.some((l) => /^###\s+Task\s+\d+:/.test(l)) && lines.some((l) => LATER_TASK_STATUS.test(l.trim()));
}

/**
 * The seed: "The plan does not track completion". Completion comes from the ledger and commit
 * trailers; a marker written into the plan ("(COMPLETE)", "✅ Done", a step "**Status:**", a
 * checked box) goes stale and contradicts what `status` shows. Plans of the later format, which
 * records completion in the plan, are not checked.
 */
export default defineRule({
  id: 'plan/no-completion-markers',
  scope: 'document',
  description:
    'A plan records no completion of its own ("(COMPLETE)", "✅ Done", a step "**Status:**", a checked box, "Phase 0 (done)"): completion comes from the work-item ledger and commit trailers.',
  defaultSeverity: 'warning',
  check({ repo, report, facts }) {
    for (const entry of repo.plans.values()) {
      if (!mayHaveMarker(entry.text) || isLaterFormat(entry)) continue;
      for (const { line, text, inHeader } of facts.proseLines(entry)) {
        if (inHeader) continue;
        for (const [re, name] of MARKERS) {
          const m = re.exec(text);
          if (!m) continue;
          report(
            entry.file,
            { line, column: m.index + 1 },
            `${name(m)} records completion in the plan; expected completion recorded only in .specscore/work-items.yaml or a "Plan-Step:" commit trailer (the plan does not track completion)`,
          );
          break;
        }
      }
    }
  },
});
