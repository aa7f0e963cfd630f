import { describe, expect, test } from 'vitest';
import { matchesShown, shownCommands } from './readme-blocks.js';

describe('reading the README console blocks', () => {
  test('commands and their shown output, across blocks', () => {
    const md = 'text\n\n```console\n$ a --x\nout 1\nout 2\n$ b\n```\n\n```sh\n$ not-run\n```\n\n```console\n$ c\n…\n```\n';
    expect(shownCommands(md)).toEqual([
      { command: 'a --x', expected: ['out 1', 'out 2'] },
      { command: 'b', expected: [] },
      { command: 'c', expected: ['…'] },
    ]);
  });

  test('without "…" the output must be exactly the shown lines', () => {
    expect(matchesShown(['a', 'b'], ['a', 'b'])).toBe(true);
    expect(matchesShown(['a', 'b'], ['a', 'b', 'c'])).toBe(false);
    expect(matchesShown(['a', 'b'], ['x', 'a', 'b'])).toBe(false);
    expect(matchesShown([], [])).toBe(true);
    expect(matchesShown([], ['noise'])).toBe(false);
  });

  test('"…" stands for any lines, and the shown lines keep their order and adjacency', () => {
    expect(matchesShown(['a', '…'], ['a', 'x', 'y'])).toBe(true);
    expect(matchesShown(['…', 'z'], ['x', 'z'])).toBe(true);
    expect(matchesShown(['a', '…', 'c', 'd', '…', 'f'], ['a', 'b', 'c', 'd', 'e', 'f'])).toBe(true);
    expect(matchesShown(['a', '…', 'd', 'c', '…'], ['a', 'c', 'd'])).toBe(false);
    expect(matchesShown(['a', '…', 'c', 'd'], ['a', 'c', 'x', 'd'])).toBe(false);
    expect(matchesShown(['a', '…', 'a'], ['a'])).toBe(false);
  });
});
