import { parseMarkdownTree } from '../markdown/outline-remark.js';
import { blocks, bulletList, table } from '../markdown/writer.js';
import { ProblemError } from '../model/errors.js';
import { slugify } from './draft-helpers.js';
import type { ExportInput, ExportNode } from './export-input.js';
import { type MdNode } from '../markdown/mdast.js';
import { artifactName, workStreams } from './work-streams.js';

/** A plan section carried over when it holds a list (prose such as "None at this time." is left out). */
function listSection(title: string, body: string | null): string[] {
  return body && /^\s*[-*+]\s/m.test(body) ? [`## ${title}\n\n${body.trim()}`] : [];
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

const one = (text: string) => text.replace(/\s*\n\s*/g, ' ').trim();

/** Names chunks are referred to by in Depends On cells: the title's slug, or the step id when slugs clash. */
function chunkRefs(nodes: readonly ExportNode[]): Map<string, string> {
  const counts = new Map<string, number>();
  for (const n of nodes) {
    const s = slugify(n.step.title, 200);
    counts.set(s, (counts.get(s) ?? 0) + 1);
  }
  return new Map(
    nodes.map((n) => {
      const s = slugify(n.step.title, 200);
      return [n.number, s && counts.get(s) === 1 ? s : n.id];
    }),
  );
}

/** A step description as chunk sub-tasks: list items stay items, every other block becomes one item. */
function subTasks(body: string): string[] {
  if (!body.trim()) return [];
  const tree = parseMarkdownTree(body) as MdNode;
  const out: string[] = [];
  const src = (n: MdNode) => body.slice(n.position?.start.offset ?? 0, n.position?.end.offset ?? 0);
  for (const n of tree.children ?? []) {
    if (n.type === 'list') {
      for (const it of n.children ?? []) {
        const text = src(it).replace(/^([-*+]|\d+[.)])\s+(\[[ xX]\]\s+)?/, '');
        const lines = text.split('\n');
        const indent = Math.min(
          ...lines
            .slice(1)
            .filter((l) => l.trim())
            .map((l) => l.length - l.trimStart().length),
          99,
        );
        out.push(
          [lines[0]!, ...lines.slice(1).map((l) => l.slice(Math.min(indent === 99 ? 0 : indent, l.length - l.trimStart().length)))].join('\n').trimEnd(),
        );
      }
    } else if (n.type === 'paragraph') out.push(one(src(n)));
    else if (n.type !== 'thematicBreak' && n.type !== 'html') out.push(src(n));
  }
  return out.filter((x) => x.trim() !== '');
}

function chunkBlock(n: ExportNode, stream: string): string {
  const lines = [`- [${n.status.state === 'done' ? 'x' : ' '}] **${one(n.step.title)}** (${n.id})`, ''];
  const fields: string[] = [];
  const criteria = n.step.acceptanceCriteria.length ? n.step.acceptanceCriteria : ['—'];
  for (const c of criteria) fields.push(`Outcome: ${one(c)}`);
  fields.push(`Stream: ${stream}`, 'Skills: —');
  for (const p of n.step.produces) fields.push(`Produces: ${one(p)}`);
  lines.push(...fields.map((f) => `  ${f}`));
  const tasks = subTasks(n.step.body);
  if (tasks.length) lines.push('', bulletList(tasks, '  '));
  return lines.join('\n');
}

/**
 * The plan in the execution-plan guide's format (pure): phases are the parallel layers of the
 * step DAG, one chunk per step and sub-step (its title carries the step id, like a tracker id),
 * Outcome lines are the step's acceptance criteria, work streams group steps by their declared
 * artifacts, and Communication rows hand artifacts across streams. `specplan import --from
 * execution-plan` reads it back with the same steps, dependencies and criteria.
 */
export function exportExecutionPlan(input: ExportInput): string {
  const { plan, graph, nodes } = input;
  if (graph.cycles.length) {
    throw new ProblemError(`plan ${input.planPath} has a dependency cycle (${graph.cycles.map((c) => c.join(' → ')).join('; ')}), so it has no phases`, [
      'fix the Depends on fields (see ',
      { do: 'lint', path: input.file },
      ') and export again',
    ]);
  }
  const { streams, streamOf } = workStreams(nodes);
  const refs = chunkRefs(nodes);
  const byNumber = new Map(nodes.map((n) => [n.number, n]));
  const phases = graph.layers.map((layer) => layer.map((num) => byNumber.get(num)!).filter(Boolean));

  const streamTable = table(
    ['Stream', 'Responsibility', 'Owns', 'Skills'],
    streams.map((s) => [s.name, s.steps.map((num) => `${num}. ${one(byNumber.get(num)!.step.title)}`).join('; '), s.owns.join(', ') || '—', '—']),
  );
  const phaseBlocks = phases.map((chunks, k) => {
    const label = `Step${chunks.length > 1 ? 's' : ''} ${chunks.map((c) => c.number).join(', ')}`;
    const notes = [...(chunks.length > 1 ? ['parallel'] : []), ...(k > 0 ? [`blocked by Phase ${k}`] : [])];
    const head = `### Phase ${k + 1}: ${label}${notes.length ? ` (${notes.join(', ')})` : ''}`;
    const rows = chunks.map((c) => [
      one(c.step.title),
      streamOf.get(c.number)!,
      c.step.acceptanceCriteria[0] ? one(c.step.acceptanceCriteria[0]) : '—',
      c.declared.length ? c.declared.map((d) => refs.get(d) ?? d).join(' + ') : k === 0 ? '—' : '(none)',
    ]);
    return blocks([head, table(['Chunk', 'Stream', 'Outcome', 'Depends On'], rows), ...chunks.map((c) => chunkBlock(c, streamOf.get(c.number)!))]).trimEnd();
  });

  const handoffs = new Map<string, { from: string; to: string; phase: number; what: string[] }>();
  for (const n of nodes) {
    for (const dep of n.declared) {
      const d = byNumber.get(dep);
      const from = streamOf.get(dep)!;
      const to = streamOf.get(n.number)!;
      if (!d || from === to || !d.step.produces.length) continue;
      const key = `${d.layer}\u0000${from}\u0000${to}`;
      const h = handoffs.get(key) ?? handoffs.set(key, { from, to, phase: d.layer + 1, what: [] }).get(key)!;
      for (const p of d.step.produces) if (!h.what.includes(artifactName(p))) h.what.push(artifactName(p));
    }
  }
  const comm = [...handoffs.values()].sort((a, b) => a.phase - b.phase || cmp(a.from, b.from) || cmp(a.to, b.to));

  const intro = `Exported by specplan from \`${input.file}\` (status: ${plan.header.status ?? 'unknown'}). Each chunk is one plan step; the id after its title (\`${input.planPath}#N\`) is the step's work-item id: a ledger item or a \`Plan-Step: ${input.planPath}#N\` commit trailer marks it done.`;
  return blocks([
    `# Execution Plan: ${one(plan.title)}`,
    intro,
    plan.context?.trim() ? `## Context\n\n${plan.context.trim()}` : null,
    plan.acceptanceCriteria?.length ? `## Acceptance Criteria\n\n${bulletList(plan.acceptanceCriteria)}` : null,
    '## Execution Plan',
    `### Work Streams\n\n${streamTable}`,
    ...phaseBlocks,
    comm.length
      ? `### Communication\n\n${table(
          ['From', 'To', 'When', 'What'],
          comm.map((c) => [c.from, c.to, `After Phase ${c.phase}`, c.what.join(', ')]),
        )}`
      : null,
    ...listSection('Risks and open decisions', plan.risks),
    ...listSection('Outstanding Questions', plan.outstandingQuestions),
  ]);
}
