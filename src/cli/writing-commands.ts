/**
 * The commands that write plans, the index and hooks: `specplan` runs them from a bundle of their
 * own (`writing.ts`), which loads about half the files the bundle of every command splits them
 * into.
 */
export const WRITING_COMMANDS = [
  'index',
  'new',
  'submit',
  'approve',
  'revise',
  'reject',
  'supersede',
  'withdraw',
  'deprecate',
  'snapshot',
  'hooks',
  'report',
] as const;
