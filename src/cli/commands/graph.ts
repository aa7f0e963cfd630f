import type { Command } from 'commander';
import { RepoError, UsageError } from '../../model/errors.js';
import { commonOptions, type CommonOpts, wantsJson } from '../options.js';

interface GraphOpts extends CommonOpts {
  format?: string;
}

/** `specplan graph PLAN [--format mermaid|json]`: the step DAG, parallel layers and critical path. */
export function register(program: Command): void {
  const cmd = program
    .command('graph')
    .description('print a plan\'s step DAG with its parallel layers and critical path')
    .argument('<plan>', 'plan path below spec/plans/, e.g. user-auth or billing-roadmap/invoice-pdf')
    .option('--format <format>', 'mermaid or json', 'mermaid')
    .option('--json', 'same as --format json');
  commonOptions(cmd);
  cmd.action(async (planArg: string, opts: GraphOpts) => {
    const { openRepo, printJson } = await import('../options.js');
    const { checkSpecPath } = await import('../../model/paths.js');
    const { buildStepGraph } = await import('../../analysis/step-graph.js');
    const { renderMermaid } = await import('../../render/step-graph.js');
    const format = wantsJson(opts) ? 'json' : opts.format;
    if (format !== 'mermaid' && format !== 'json') throw new UsageError(`unknown format "${opts.format}"`, 'use --format mermaid or --format json');
    const planPath = checkSpecPath('plan', planArg);
    const repo = openRepo(opts);
    const entry = repo.plans.get(planPath);
    if (!entry) {
      const near = [...repo.plans.keys()].filter((p) => p.endsWith(`/${planPath}`) || p.split('/').pop() === planPath.split('/').pop()).sort();
      throw new RepoError(`no plan "${planPath}" in ${repo.root}/spec/plans`, near.length ? `did you mean ${near.join(' or ')}?` : 'run "specplan lint" or list spec/plans/ to see the plan paths');
    }
    const plan = entry.parsed.plan;
    if (!plan.steps?.length) {
      const why = entry.children.length || plan.childPlans ? `it is a roadmap; graph one of its child plans: ${entry.children.join(', ') || '(none yet)'}` : 'it has no "### N. Title" steps under "## Steps"';
      throw new UsageError(`plan ${planPath} has no steps to graph: ${why}`);
    }
    const graph = buildStepGraph(plan);
    if (format === 'json') {
      printJson({ plan: planPath, title: plan.title, nodes: graph.nodes, edges: graph.edges, layers: graph.layers, criticalPath: graph.criticalPath, cycles: graph.cycles, unknown: graph.unknown });
    } else {
      process.stdout.write(renderMermaid(graph, `${planPath}: ${plan.title}`));
    }
    if (graph.cycles.length) {
      process.stderr.write(`specplan: ${entry.file} has a dependency cycle ${graph.cycles.map((c) => c.map((s) => `Step ${s}`).join(' → ')).join('; ')}; layers and critical path need an acyclic graph\n`);
      process.exitCode = 1;
    }
  });
}
