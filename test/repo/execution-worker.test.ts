import { execFileSync } from 'node:child_process';
import { symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { loadExecution, type ExecutionState } from '../../src/repo/execution.js';
import { copyExample, git, gitInit, tempDir, write } from '../support/whats-next-helpers.js';

describe('reading the execution status in a worker thread', () => {
  it('the compiled worker returns exactly what loadExecution returns in-process', async () => {
    // Compile the worker and its imports as the package ships them (ESM, NodeNext).
    const out = tempDir('wn-worker-build-');
    writeFileSync(path.join(out, 'package.json'), '{"type":"module"}\n');
    symlinkSync(path.resolve('node_modules'), path.join(out, 'node_modules'), 'dir');
    execFileSync(
      path.resolve('node_modules/.bin/tsc'),
      [
        '--outDir',
        out,
        '--rootDir',
        path.resolve('.'),
        '--module',
        'nodenext',
        '--moduleResolution',
        'nodenext',
        '--target',
        'es2022',
        '--skipLibCheck',
        '--types',
        'node',
        '--ignoreConfig',
        '--verbatimModuleSyntax',
        path.resolve('src/repo/execution-worker.ts'),
      ],
      { stdio: 'pipe' },
    );

    const root = copyExample();
    gitInit(root);
    write(root, 'notes.txt', 'x\n');
    git(root, 'add', '-A');
    git(root, 'commit', '-q', '-m', 'Start CSV export\n\nPlan-Step: csv-export#1');
    const viaWorker = await new Promise<ExecutionState>((resolve, reject) => {
      const w = new Worker(path.join(out, 'src/repo/execution-worker.js'), { workerData: { root } });
      w.once('message', resolve);
      w.once('error', reject);
    });
    const here = await loadExecution(root);
    expect(viaWorker).toEqual(here);
    expect(here.items.some((i) => i.source === 'trailer' && i.plan === 'csv-export')).toBe(true);
    expect(here.items.length).toBeGreaterThan(5);
  });
});
