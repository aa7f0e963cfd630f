import { existsSync, lstatSync, readFileSync, readlinkSync, statSync } from 'node:fs';
import path from 'node:path';
import { git, makeArena, type Arena } from './hardening-helpers.js';

/**
 * An attacker's spec repository (the hardening arena, committed to git, no symlinks out of it)
 * and a victim's clone of it beside it. `attack` commits a change in the attacker's repository
 * and pulls it into the clone, as a victim updating their checkout would.
 */
export interface Scene {
  arena: Arena;
  /** The attacker's repository. */
  upstream: string;
  /** The victim's clone. */
  victim: string;
  /** Commit `edit`'s changes in the attacker's repository and pull them into the victim's clone. */
  attack(message: string, edit: (upstream: string) => void): void;
  cleanup(): void;
}

export function makeScene(): Scene {
  const arena = makeArena({ symlinks: false });
  const victim = path.join(arena.base, 'victim');
  git(arena.base, 'clone', '-q', arena.root, victim);
  git(victim, 'config', 'user.name', 'Victim');
  git(victim, 'config', 'user.email', 'victim@example.com');
  git(victim, 'config', 'commit.gpgsign', 'false');
  return {
    arena,
    upstream: arena.root,
    victim,
    attack(message, edit) {
      edit(arena.root);
      git(arena.root, 'add', '-A');
      git(arena.root, 'commit', '-q', '-m', message);
      git(victim, 'pull', '-q', '--ff-only');
    },
    cleanup: () => arena.cleanup(),
  };
}

/** What a path holds, without following a link: its text, its link target, or null. */
function peek(abs: string): string | null {
  if (!existsSync(abs) && !isLink(abs)) return null;
  return isLink(abs) ? `link:${readlinkSync(abs)}` : readFileSync(abs, 'utf8');
}

function isLink(abs: string): boolean {
  try {
    return lstatSync(abs).isSymbolicLink();
  } catch {
    return false;
  }
}

/** Permission bits of a file (following links). */
export function modeOf(abs: string): number {
  return statSync(abs).mode & 0o777;
}
