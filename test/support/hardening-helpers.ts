import { createHash } from 'node:crypto';
import { lstatSync, readdirSync, readFileSync, readlinkSync, rmSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { type RunResult } from './cli.js';
import { git, gitInit } from './git.js';
import { makeSpecRepo, tempDir, write } from './repo.js';

export { buildAll, runBuilt as run, type Built, type RunResult } from './cli.js';
export { git, write };

/** Content hash of every file below `dir` (symlinks recorded as their target, not followed). */
export function snapshot(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (rel: string): void => {
    const abs = path.join(dir, rel);
    for (const e of readdirSync(abs, { withFileTypes: true })) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      const p = path.join(dir, r);
      const st = lstatSync(p);
      if (st.isSymbolicLink()) out.set(r, `link:${readlinkSync(p)}`);
      else if (st.isDirectory()) {
        if (r === '.git' || r.endsWith('/.git')) continue;
        out.set(`${r}/`, 'dir');
        walk(r);
      } else out.set(r, createHash('sha256').update(readFileSync(p)).digest('hex').slice(0, 16));
    }
  };
  walk('');
  return out;
}

/** The entries that differ between two snapshots (added, removed or changed), sorted. */
export function diffSnapshots(before: Map<string, string>, after: Map<string, string>): string[] {
  const keys = new Set([...before.keys(), ...after.keys()]);
  return [...keys].filter((k) => before.get(k) !== after.get(k)).sort();
}

/** A well-formed plan document with the given status and slug-derived title. */
export function planText(opts: { title: string; status?: string; feature?: string; approved?: boolean }): string {
  const feature = opts.feature ?? 'cli';
  const approved = opts.status === 'approved';
  return `# Plan: ${opts.title}

**Status:** ${opts.status ?? 'draft'}
**Features:**
  - [${feature}](../../features/${feature}/README.md)
**Source type:** feature
**Source:** [${feature} feature spec](../../features/${feature}/)
**Author:** @alex
${approved ? '**Approver:** @jordan\n' : ''}**Created:** 2026-03-01
${approved ? '**Approved:** 2026-03-02\n' : ''}**Effort:** S
**Impact:** medium

## Context

${opts.title} exists so the hardening tests have something to attack.

## Acceptance criteria

- Nothing leaves the root

## Steps

### 1. Do the thing

**Depends on:** (none)

**Acceptance criteria:**
- The thing is done

### 2. Check the thing

**Depends on:** Step 1

**Acceptance criteria:**
- The thing is checked

## Outstanding Questions

None at this time.
`;
}

function feature(title: string): string {
  return `# Feature: ${title}\n\n**Status:** Approved\n\n## Summary\n\n${title} does useful things.\n\n## Outstanding Questions\n\nNone at this time.\n`;
}

export interface Arena {
  /** The temp folder holding both `root` and `outside`. */
  base: string;
  /** The spec repository. */
  root: string;
  /** A sibling folder the tools must never touch. */
  outside: string;
  cleanup(): void;
}

/**
 * A spec repository with a sibling `outside/` folder holding a plan, a feature and a proposal,
 * and symlinks from inside the repository pointing at them: `spec/plans/evil-link`,
 * `spec/features/evil-link`, `spec/features/cli/proposals/evil-link`, `spec/evil-dir`.
 * Plans: `user-auth` (draft), `in-review` (in_review), `frozen` (approved); features cli, api.
 */
export function makeArena(opts: { git?: boolean; symlinks?: boolean } = {}): Arena {
  const base = tempDir('specplan-hard-');
  const root = path.join(base, 'root');
  const outside = path.join(base, 'outside');
  write(outside, 'evil-plan/README.md', planText({ title: 'Outside plan' }));
  write(outside, 'evil-feature/README.md', feature('Outside feature'));
  write(
    outside,
    'evil-proposal/README.md',
    '# Proposal: Outside\n\n| Field | Value |\n|--------|-------|\n| Status | `approved` |\n| Author | @eve |\n\n## Summary\n\nEvil.\n',
  );
  write(outside, 'secret.txt', 'do not read or write me\n');
  makeSpecRepo({
    dir: root,
    files: {
      'specscore.yaml': 'project: hardening\nplanning:\n  llm:\n    provider: none\n',
      'spec/features/cli/README.md': feature('CLI'),
      'spec/features/api/README.md': feature('API'),
      'spec/features/cli/proposals/batch-mode/README.md':
        '# Proposal: Batch mode\n\n| Field | Value |\n|--------|-------|\n| Status | `approved` |\n| Author | @sam |\n\n## Summary\n\nRun many items at once.\n\n## Outstanding Questions\n\nNone at this time.\n',
      'spec/plans/user-auth/README.md': planText({ title: 'User auth' }),
      'spec/plans/in-review/README.md': planText({ title: 'In review', status: 'in_review' }),
      'spec/plans/frozen/README.md': planText({ title: 'Frozen', status: 'approved' }),
      '.specscore/work-items.yaml': 'items:\n  - { id: T-1, plan: user-auth, step: "1", status: in_progress, updated: 2026-03-20 }\n',
      'import-source.md': '# Add batch mode\n\n## Purpose / Big Picture\n\nRun many.\n\n## Progress\n\n- [ ] Parse the batch file\n- [ ] Run each item\n',
    },
  });
  if (opts.symlinks !== false) {
    symlinkSync(path.join(outside, 'evil-plan'), path.join(root, 'spec/plans/evil-link'), 'dir');
    symlinkSync(path.join(outside, 'evil-feature'), path.join(root, 'spec/features/evil-link'), 'dir');
    symlinkSync(path.join(outside, 'evil-proposal'), path.join(root, 'spec/features/cli/proposals/evil-link'), 'dir');
    symlinkSync(outside, path.join(root, 'spec/evil-dir'), 'dir');
  }
  if (opts.git !== false) gitInit(root, { commit: 'fixture' });
  return { base, root, outside, cleanup: () => rmSync(base, { recursive: true, force: true }) };
}

/** A clear error: one message on stderr, no stack trace, not reported as an internal bug. */
export function isCleanError(r: RunResult): boolean {
  return r.stderr.trim().length > 0 && !/\n\s+at .+:\d+:\d+/.test(r.stderr) && !/unexpected error/.test(r.stderr);
}
