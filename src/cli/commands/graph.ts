import type { Command } from 'commander';
import { commonOptions, printJson, type CommonOpts } from '../options.js';

interface GraphOpts extends CommonOpts {
  roadmap?: string;
}

/**
 * `specplan graph [PLAN] [--roadmap R] [--format mermaid|dot|json]`: a plan's step DAG (a
 * roadmap's child-plan DAG) with its parallel layers and critical path; without a plan, the
 * portfolio of open plans.
 */
export function register(program: Command): void {
  const cmd = program
    .command('graph')
    .description(
      "print a plan's step DAG (a roadmap's child-plan DAG) with its parallel layers and critical path; without a plan, the portfolio of open plans and what blocks them",
    )
    .argument('[plan]', 'plan path below spec/plans/, e.g. user-auth, billing-roadmap/invoice-pdf or a roadmap; leave out for the portfolio')
    .option('--roadmap <plan>', 'portfolio of one roadmap: its open child plans and what blocks them')
    .option('--format <format>', 'mermaid, dot (portfolio only) or json', 'mermaid')
    .option('--json', 'same as --format json');
  commonOptions(cmd);
  cmd.action(async (planArg: string | undefined, opts: GraphOpts) => {
    const { outputFormat } = await import('../validate.js');
    if (planArg === undefined) {
      const format = outputFormat(opts, ['mermaid', 'dot', 'json'] as const);
      const [{ portfolioGraph }, { renderPortfolioMermaid, renderPortfolioDot, omittedNote }] = await Promise.all([
        import('../../app/portfolio.js'),
        import('../../render/portfolio.js'),
      ]);
      const portfolio = await portfolioGraph({ root: opts.root, roadmap: opts.roadmap });
      if (format === 'json') printJson(portfolio);
      else process.stdout.write(format === 'dot' ? renderPortfolioDot(portfolio) : renderPortfolioMermaid(portfolio));
      const note = omittedNote(portfolio);
      if (note && format !== 'json') process.stderr.write(`specplan: ${note}\n`);
      return;
    }
    if (opts.roadmap !== undefined) {
      const { UsageError } = await import('../../model/errors.js');
      throw new UsageError('give either a plan or --roadmap, not both', 'leave the plan out to draw the roadmap as a portfolio');
    }
    const [{ planGraph }, { renderMermaid }] = await Promise.all([import('../../app/graph.js'), import('../../render/step-graph.js')]);
    const format = outputFormat(opts, ['mermaid', 'json'] as const);
    const { plan, file, title, kind, unit, graph } = await planGraph({ root: opts.root, plan: planArg });
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
      process.stdout.write(renderMermaid(graph, `${plan}: ${title}`, kind === 'plans' ? 'plan' : unit === 'Task' ? 'task' : 'step'));
    }
    if (graph.cycles.length) {
      process.stderr.write(
        `specplan: ${file} has a dependency cycle ${graph.cycles.map((c) => c.map((s) => (kind === 'plans' ? s : `${unit} ${s}`)).join(' → ')).join('; ')}; layers and critical path need an acyclic graph\n`,
      );
      process.exitCode = 1;
    }
  });
}
