import type { ExtraField } from '../model/common.js';
import type { Step } from '../model/plan.js';
import type { TaskFacts } from '../model/plan-format.js';
import type { Positions } from '../model/parsed.js';
import { isDash, matchField, scalar } from '../markdown/blocks.js';
import type { OutlineHeading } from '../markdown/outline.js';
import type { Find } from './plan-header.js';
import { indexedKey, joinKey } from './position-keys.js';
import { parseDependsOn } from './plan-steps.js';

/** `Task 1: Title`, `Task A1: Title`, `1. Title`. */
const TASK_HEADING = /^(?:Task\s+)?([A-Za-z]?\d+(?:\.\d+)*)\s*[.:)]?\s+(.*)$|^(?:Task\s+)([A-Za-z]?\d+(?:\.\d+)*)\s*:?\s*$/i;

/**
 * `**Depends-On:**` value → task labels: `Task 2, 3` → 2, 3; `Tasks 1–6.` → 1 … 6; `A1` stays;
 * `—`, `-`, `none` → []. Read as the seed's "Depends on" with "Task" in place of "Step".
 */
function parseTaskRefs(value: string): string[] {
  const v = scalar(value)
    .replace(/`/g, '')
    .replace(/\bTasks?\b/gi, 'Step')
    .replace(/[.\s]+$/, '');
  return parseDependsOn(v);
}

/** `**Verifies:**` value → `feature#ac:slug` references, as written. */
function parseVerifies(value: string): string[] {
  return value
    .split(',')
    .map((t) => scalar(t).trim())
    .filter((t) => t !== '' && !isDash(t));
}

/**
 * Read the `### Task N: Title` blocks of a `## Tasks` section (lines[from..to), 0-based) into
 * steps of the plan model (fields other than Depends-On kept as extra fields, in order) and the
 * task facts of the current format (status, Verifies, Depends-On, Sub-Plan with their lines).
 */
export function readTasks(
  lines: readonly string[],
  headings: readonly OutlineHeading[],
  from: number,
  to: number,
  positions: Positions,
  find: Find,
): { steps: Step[]; tasks: TaskFacts[]; preamble: string } {
  const inner = headings.filter((h) => h.line > from && h.line <= to && h.depth === 3);
  const steps: Step[] = [];
  const tasks: TaskFacts[] = [];
  const preambleEnd = inner[0] ? inner[0].line - 1 : to;
  const preamble = lines.slice(from, preambleEnd).join('\n').trim();
  inner.forEach((h, idx) => {
    const bodyTo = idx + 1 < inner.length ? inner[idx + 1]!.line - 1 : to;
    const m = TASK_HEADING.exec(h.text.trim());
    const number = m ? (m[1] ?? m[3]!) : '';
    const title = m ? (m[2] ?? '').trim() : h.text.trim();
    if (!m) find(h.line, h.column, 'error', 'specscore/task-heading', `task heading "${h.text}" has no number; expected "### Task N: Title"`);
    const key = indexedKey('steps.', steps.length);
    positions.set(key, h.line, h.column);
    const task: TaskFacts = {
      number,
      line: h.line,
      status: null,
      statusLine: null,
      verifies: [],
      verifiesLine: null,
      dependsOn: null,
      dependsOnLine: null,
      subPlan: null,
    };
    const extra: ExtraField[] = [];
    const body: string[] = [];
    let dependsOn: string[] | null = null;
    for (let i = h.line; i < bodyTo; i++) {
      const line = lines[i] ?? '';
      const field = matchField(line);
      if (!field) {
        body.push(line);
        continue;
      }
      const [name, value] = field;
      const lower = name.toLowerCase();
      if (lower === 'depends-on' || lower === 'depends on') {
        dependsOn = parseTaskRefs(value);
        task.dependsOn = dependsOn;
        task.dependsOnLine = i + 1;
        positions.set(joinKey(key, 'dependsOn'), i + 1, 1);
        continue;
      }
      if (lower === 'status') {
        task.status = scalar(value).toLowerCase();
        task.statusLine = i + 1;
      } else if (lower === 'verifies') {
        task.verifies = parseVerifies(value);
        task.verifiesLine = i + 1;
      } else if (lower === 'sub-plan') task.subPlan = scalar(value).trim();
      extra.push({ name, value });
    }
    steps.push({ number, title, body: body.join('\n').trim(), dependsOn, produces: [], acceptanceCriteria: [], extraFields: extra, subSteps: [] });
    tasks.push(task);
  });
  return { steps, tasks, preamble };
}
