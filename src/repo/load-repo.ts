import path from 'node:path';
import type { SpecRepo } from '../model/repository.js';
import { loadConfig } from './config.js';
import type { CacheUse } from './document-cache.js';
import { readRepo } from './load.js';

/**
 * Load a whole spec repository into the model, with its configuration (see `readRepo`). A
 * configuration file that cannot be used throws (see `loadConfig`).
 */
export function loadRepo(root: string, opts: { cache?: CacheUse } = {}): SpecRepo {
  return readRepo(root, loadConfig(path.resolve(root)), opts);
}
