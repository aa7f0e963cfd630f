import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll } from 'vitest';
import { draftPlan } from '../../src/drafting/draft-plan.js';
import type { LlmProvider } from '../../src/generation/provider.js';
import { loadRepo } from '../../src/repo/load-repo.js';
import { promptFiles } from '../../src/repo/prompt-files.js';
import { SMALL_REPO } from './drafting-repo.mjs';
import { makeSpecRepo } from './repo.js';

export { SMALL_REPO };

const created: string[] = [];

/** Temp repositories of the importing test file are removed when its tests are done. */
afterAll(() => {
  for (const root of created.splice(0)) rmSync(root, { recursive: true, force: true });
});

/** Write a spec repository into a fresh temp folder (optionally a git repository) and return its root. */
export function makeRepo(files: Readonly<Record<string, string>> = SMALL_REPO, opts: { git?: boolean } = {}): string {
  const root = makeSpecRepo({ prefix: 'specplan-llm-', files, git: opts.git === true });
  created.push(root);
  return root;
}

/** Every file under the root (except .git and .specscore/write.lock) with its text, for "nothing changed" checks. */
export function snapshot(root: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (rel: string) => {
    for (const name of readdirSync(path.join(root, rel)).sort()) {
      if (name === '.git' || name === 'write.lock') continue;
      const r = rel ? `${rel}/${name}` : name;
      const st = statSync(path.join(root, r));
      if (st.isDirectory()) walk(r);
      else out[r] = readFileSync(path.join(root, r), 'utf8');
    }
  };
  walk('');
  return out;
}

/** Draft `cli-batch` from the cli feature of a fresh small repository with `provider`, the draft the recordings hold. */
export function draftCliBatch(provider: LlmProvider): ReturnType<typeof draftPlan> {
  return draftPlan({
    prompts: promptFiles(),
    repo: loadRepo(makeRepo()),
    source: { kind: 'feature', feature: 'cli' },
    provider,
    slug: 'cli-batch',
    today: '2026-03-14',
  });
}
