/**
 * The pure layers of `src/` (docs/architecture.md, "the core": model to interop). Their tests build
 * models from strings and committed files, with no temporary folders, spawned processes or git;
 * `npm run test:unit` runs only those, and the architecture test checks their imports.
 */
export const PURE_LAYERS = [
  'model',
  'markdown',
  'parse',
  'render',
  'edit',
  'analysis',
  'rank',
  'lint',
  'lifecycle',
  'generation',
  'drafting',
  'whats-next',
  'interop',
] as const;
