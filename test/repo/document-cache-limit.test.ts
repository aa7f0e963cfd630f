import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { lintRepo } from '../../src/lint/index.js';
import { loadRepo } from '../../src/repo/load-repo.js';
import { removeRepo, tempDir, write } from '../support/repo.js';

/**
 * A repository of more than 5,000 documents keeps no document cache: none is written, and one
 * written while it was smaller is removed; the load gives the same result either way.
 */
const CACHE = '.specscore/cache';
let roots: string[] = [];
beforeEach(() => vi.stubEnv('SPECPLAN_CACHE', '1'));
afterEach(() => {
  vi.unstubAllEnvs();
  for (const r of roots) removeRepo(r);
  roots = [];
});

const plan = (n: number) => `# Plan: p${n}\n\n**Status:** draft\n**Features:** none\n\n## Context\n\nWhy ${n}.\n`;

function repoOf(plans: number): string {
  const root = tempDir('specplan-cache-limit-');
  roots.push(root);
  for (let i = 0; i < plans; i++) write(root, `spec/plans/p${i}/README.md`, plan(i));
  return root;
}

const shards = (root: string) => (existsSync(path.join(root, CACHE)) ? readdirSync(path.join(root, CACHE)).filter((n) => n !== '.gitignore') : []);
const summary = (root: string) => {
  const repo = loadRepo(root);
  return JSON.stringify({ plans: [...repo.plans].map(([k, e]) => [k, e.text, e.parsed]), lint: lintRepo(repo) });
};

it('writes no cache above 5,000 documents and removes one written while the repository was smaller', { timeout: 120_000 }, () => {
  const root = repoOf(4_990);
  const small = summary(root);
  expect(shards(root).length).toBeGreaterThan(0);
  expect(summary(root)).toBe(small);
  for (let i = 4_990; i < 5_020; i++) write(root, `spec/plans/p${i}/README.md`, plan(i));
  const cold = summary(root);
  expect(shards(root)).toEqual([]);
  expect(summary(root)).toBe(cold);
  expect(shards(root)).toEqual([]);
});
