import type { Command } from 'commander';
import { commonOptions, printJson, type CommonOpts } from '../options.js';

/** `specplan graph PLAN [--format mermaid|json]`: the step DAG, parallel layers and critical path. */
export function register(program: Command): void {
  const cmd = program
    .command('graph')
    .description("print a plan's step DAG with its parallel layers and critical path")
    .argument('<plan>', 'plan path below spec/plans/, e.g. user-auth or billing-roadmap/invoice-pdf')
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
    const { plan, file, title, graph } = planGraph({ root: opts.root, plan: planArg });
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
      });
    } else {
      process.stdout.write(renderMermaid(graph, `${plan}: ${title}`));
    }
    if (graph.cycles.length) {
      process.stderr.write(
        `specplan: ${file} has a dependency cycle ${graph.cycles.map((c) => c.map((s) => `Step ${s}`).join(' → ')).join('; ')}; layers and critical path need an acyclic graph\n`,
      );
      process.exitCode = 1;
    }
  });
}
