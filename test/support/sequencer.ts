import { readFileSync } from 'node:fs';
import path from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';
import { PROJECT } from './project.js';

/** Recorded wall time of the slower test files (`scripts/test-durations.mjs` writes it), in seconds. */
const RECORDED: Record<string, number> = JSON.parse(readFileSync(path.join(PROJECT, 'test/support/durations.json'), 'utf8')) as Record<string, number>;

/**
 * Longest files first, so that no long file starts last while the other worker idles. vitest
 * orders by the timings of the previous run when it has them; without them (a fresh clone, CI)
 * it would order by file size, and a small file that spawns processes for 20 s could start
 * last. Here a file without vitest's timing is ordered by its recorded time, then by vitest's
 * own order. Projects keep vitest's order between them.
 */
export class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const base = await super.sort(files);
    const rank = new Map(base.map((f, i) => [f, i]));
    const seconds = (f: TestSpecification): number => {
      const rel = path.relative(PROJECT, f.moduleId).split(path.sep).join('/');
      const cached = this.ctx.cache.getFileTestResults(`${f.project.name}:${rel}`);
      return cached ? cached.duration / 1000 : (RECORDED[rel] ?? 0);
    };
    return [...base].sort((a, b) => {
      if (a.project.name !== b.project.name) return rank.get(a)! - rank.get(b)!;
      return seconds(b) - seconds(a) || rank.get(a)! - rank.get(b)!;
    });
  }
}
