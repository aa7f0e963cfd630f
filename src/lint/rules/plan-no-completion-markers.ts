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

const LATER_TASK_STATUS = /^\*\*Status:\*\*\s*(planning|queued|in_progress|blocked|complete|failed|aborted)\s*$/i;

/**
 * Whether a plan is written in the later SpecScore format, which records completion inside the
 * plan by design: front matter whose `format:` names SpecScore, or `### Task N:` sections with
 * that format's task `**Status:**` values.
 */
function isLaterFormat(entry: PlanEntry): boolean {
  const front = /^---\r?\n([\s\S]*?)\r?\n---\r?\n/.exec(entry.text);
  if (front && /^format:.*specscore/im.test(front[1]!)) return true;
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
  description:
    'A plan records no completion of its own ("(COMPLETE)", "✅ Done", a step "**Status:**", a checked box, "Phase 0 (done)"): completion comes from the work-item ledger and commit trailers.',
  defaultSeverity: 'warning',
  check({ repo, report, facts }) {
    for (const entry of repo.plans.values()) {
      if (isLaterFormat(entry)) continue;
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
