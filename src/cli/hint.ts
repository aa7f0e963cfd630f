import type { Action, ErrorKind, Hint } from '../model/errors.js';

/** An action as the command line that does it. */
export function commandLine(a: Action): string {
  switch (a.do) {
    case 'lint':
      return a.path ? `specplan lint ${a.path}` : 'specplan lint';
    case 'index':
      return 'specplan index';
    case 'status':
      return a.plan ? `specplan status ${a.plan}` : 'specplan status';
    case 'list':
      return a.of === 'features' ? 'ls spec/features' : 'ls spec/features/*/proposals';
    case 'new':
      return `specplan new ${a.plan ?? 'SLUG'} --title T --author @A --feature F`;
    case 'transition':
      return `specplan ${a.transition} ${a.plan}${a.transition === 'approve' ? ' --approver @A' : ''}${a.transition === 'supersede' ? ` --by ${a.by ?? 'NEW'}` : ''}`;
    case 'draft':
      return a.plan ? `specplan draft --slug ${a.plan}` : 'specplan draft';
    case 'suggest':
      return `specplan suggest ${a.plan ?? 'PLAN'}`;
    case 'whats-next':
      return a.mode ? `whats-next --${a.mode}` : 'whats-next';
    case 'check-frozen':
      return 'specplan check-frozen';
    case 'option': {
      const flag = `--${a.name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
      return a.value === undefined ? flag : `${flag} ${a.value}`;
    }
  }
}

/** A hint as CLI text: actions become `command lines` in backticks. */
export function cliHint(hint: Hint): string {
  return hint.map((p) => (typeof p === 'string' ? p : `\`${commandLine(p)}\``)).join('');
}

/** The exit code of an error kind (usage and unreadable repositories 2, problems found 1). */
export function exitCodeOf(kind: ErrorKind): 1 | 2 {
  return kind === 'problem' ? 1 : 2;
}
