import type { Command } from 'commander';
import { commonOptions, printJson, type CommonOpts } from '../options.js';

/** `specplan graph PLAN [--format mermaid|json]`: the step DAG, parallel layers and critical path. */
export function register(program: Command): void {
  const cmd = program
    .command('graph')
    .description("print a plan's step DAG (a roadmap's child-plan DAG) with its parallel layers and critical path")
    .argument('<plan>', 'plan path below spec/plans/, e.g. user-auth, billing-roadmap/invoice-pdf or a roadmap')
    .option('--format <format>', 'mermaid or json', 'mermaid')
    .option('--json', 'same as --format json');
  commonOptions(cmd);
  cmd.action(async (planArg: string, opts: CommonOpts) => {
    const [{ planGraph }, { renderMermaid }, { outputFormat }] = await Promise.all([
      import('../../app/graph.js'),
      import('../../render/step-graph.js'),
      import('../validate.js'),
    ]);
    const format = outputFormat(opts, ['mermaid', 'json'] as const);
    const { plan, file, title, kind, graph } = planGraph({ root: opts.root, plan: planArg });
    if (format === 'json') {
      printJson({
        plan,
        title,
        nodes: graph.nodes,
        edges: graph.edges,
        layers: graph.layers,
        criticalPath: graph.criticalPath,
        cycles: graph.cycles,
        unknown: graph.unknown,
        kind,
      });
    } else {
      process.stdout.write(renderMermaid(graph, `${plan}: ${title}`, kind === 'plans' ? 'plan' : 'step'));
    }
    if (graph.cycles.length) {
      process.stderr.write(
        `specplan: ${file} has a dependency cycle ${graph.cycles.map((c) => c.map((s) => (kind === 'plans' ? s : `Step ${s}`)).join(' → ')).join('; ')}; layers and critical path need an acyclic graph\n`,
      );
      process.exitCode = 1;
    }
  });
}
