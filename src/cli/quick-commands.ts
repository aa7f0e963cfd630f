/**
 * The commands run on every commit or save (a pre-commit hook, an editor, CI): `specplan` runs
 * them from a bundle of their own (`quick.ts`), which loads a handful of files rather than the
 * dozens of chunks the bundle of every command splits them into.
 */
export const QUICK_COMMANDS = ['lint', 'status', 'check-frozen'] as const;
