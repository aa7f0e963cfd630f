import path from 'node:path';

/** One hostile path argument. `argv: false` when the OS cannot pass it on a command line (NUL). */
export interface Vector {
  name: string;
  value: (arena: { root: string; outside: string }) => string;
  argv?: boolean;
}

/** Hostile values for a plan, feature, proposal or slug argument: all must be refused. */
export const NAME_VECTORS: readonly Vector[] = [
  { name: 'parent traversal ../', value: () => '../outside/evil-plan' },
  { name: 'deep traversal ../../../../etc', value: () => '../../../../etc/passwd' },
  { name: 'traversal after a valid segment', value: () => 'user-auth/../../../outside' },
  { name: 'absolute path', value: (a) => path.join(a.outside, 'evil-plan') },
  { name: 'NUL byte', value: () => 'user-auth\0/../../outside', argv: false },
  { name: 'URL-encoded %2e%2e/', value: () => '%2e%2e/outside' },
  { name: 'URL-encoded %2e%2e%2f', value: () => '%2e%2e%2f%2e%2e%2foutside' },
  { name: 'symlink to a folder outside the root', value: () => 'evil-link' },
  { name: 'case trick User-Auth', value: () => 'User-Auth' },
  { name: 'case trick USER-AUTH', value: () => 'USER-AUTH' },
  { name: 'backslash traversal ..\\', value: () => '..\\outside' },
  { name: 'trailing backslash', value: () => 'user-auth\\' },
];

/** Hostile values for a file argument (lint paths, --out): must not reach outside the root. */
export const FILE_VECTORS: readonly Vector[] = [
  { name: 'parent traversal ../', value: () => '../outside/secret.txt' },
  { name: 'deep traversal', value: () => '../../../../../tmp/specplan-escape.json' },
  { name: 'absolute path', value: (a) => path.join(a.outside, 'secret.txt') },
  { name: 'NUL byte', value: () => 'spec/x\0.json', argv: false },
  { name: 'symlinked folder out of the root', value: () => 'spec/evil-dir/secret.txt' },
  { name: 'backslash traversal', value: () => '..\\outside\\secret.txt' },
];
