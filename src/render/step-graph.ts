import type { StepGraph } from '../analysis/step-graph.js';
import { mermaidText as label } from '../markdown/escape.js';

/** Mermaid node id for a step number: `2.1` → `s2_1`. */
function mermaidId(number: string): string {
  return `s${number.replace(/[^0-9A-Za-z]/g, '_')}`;
}

/**
 * The step DAG as a mermaid `graph TD`: one node per step titled "N. Title" (sub-steps inside a
 * subgraph of their step), declared dependencies as solid arrows, "step waits for its sub-steps"
 * as dotted arrows, critical-path steps styled `critical`, and the parallel layers, critical path
 * and any cycles as `%%` comments. With `unit: 'plan'` the nodes are a roadmap's child plans
 * (labelled "path: Title"); with `unit: 'task'` the steps are named as the current SpecScore
 * format names them, "Task N". Pure and deterministic.
 */
export function renderMermaid(graph: StepGraph, title?: string, unit: 'step' | 'task' | 'plan' = 'step'): string {
  const word = unit === 'task' ? 'Task' : 'Step';
  const name = (n: string) => (unit === 'plan' ? n : `${word} ${n}`);
  const nodeLabel = (n: { number: string; title: string }) => (unit === 'plan' ? `${n.number}: ${n.title}` : `${n.number}. ${n.title}`);
  const out: string[] = [];
  if (title) out.push(`%% ${title.replace(/[\r\n]+/g, ' ')}`);
  out.push('graph TD');
  const subs = new Map<string, StepGraph['nodes']>();
  for (const n of graph.nodes) if (n.parent !== null) (subs.get(n.parent) ?? subs.set(n.parent, []).get(n.parent)!).push(n);
  for (const n of graph.nodes) {
    if (n.parent !== null) continue;
    out.push(`  ${mermaidId(n.number)}["${label(nodeLabel(n))}"]`);
    const children = subs.get(n.number);
    if (children?.length) {
      out.push(`  subgraph ${mermaidId(n.number)}_parts["${label(`${word} ${n.number} sub-steps`)}"]`);
      for (const c of children) out.push(`    ${mermaidId(c.number)}["${label(nodeLabel(c))}"]`);
      out.push('  end');
    }
  }
  for (const e of graph.edges) out.push(`  ${mermaidId(e.from)} ${e.implicit ? '-.->' : '-->'} ${mermaidId(e.to)}`);
  if (graph.criticalPath.length > 1) {
    out.push('  classDef critical stroke-width:3px');
    out.push(`  class ${graph.criticalPath.map(mermaidId).join(',')} critical`);
  }
  graph.layers.forEach((layer, i) => out.push(`%% layer ${i + 1}: ${layer.map(name).join(', ')}`));
  if (graph.criticalPath.length) out.push(`%% critical path: ${graph.criticalPath.map(name).join(' → ')}`);
  for (const c of graph.cycles) out.push(`%% cycle: ${c.map(name).join(' → ')}`);
  for (const u of graph.unknown) out.push(`%% unknown dependency: ${word} ${u.step} depends on "${u.ref}"`);
  return `${out.join('\n')}\n`;
}
