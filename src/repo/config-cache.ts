import { statSync } from 'node:fs';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { buildStamp, CACHE_DIR } from './cache-file.js';
import type { ConfigSource, LoadedConfig } from './config-source.js';
import { contentHash, effectiveCacheUse, readOnlyCheckout, writeCacheFile } from './document-cache.js';
import { keyOf, type StatKey } from './prefetch.js';
import { READ_LIMITS, readInside } from './safe-read.js';

/**
 * The configuration as a run parsed it, kept in the document cache's folder (safe to delete,
 * ignored by git) so that the next run whose configuration file is unchanged takes it from there
 * and loads neither the YAML reader nor the schemas: on a repository with a `specscore.yaml`
 * that is most of a quick command's start-up. Keyed by the build, the file's name, its whole
 * stat key (so, like the document cache, a kept file committed or copied into a checkout never
 * matches) and the SHA-1 of its text (so a change is seen whatever its size and times).
 */
export const CONFIG_CACHE_FILE = `${CACHE_DIR}/config`;
const LAYOUT = 'specplan-config';
/** Largest kept configuration read: the file itself is at most `READ_LIMITS.config`. */
const MAX_BYTES = 4 * READ_LIMITS.config;

interface Kept {
  layout: string;
  build: string;
  name: string;
  key: StatKey;
  hash: string;
  loaded: LoadedConfig;
}

/** The stat key of the configuration file (following a link inside the root, as its read does), or null. */
function sourceKey(root: string, source: ConfigSource): StatKey | null {
  try {
    return keyOf(statSync(path.join(root, source.name)));
  } catch {
    return null;
  }
}

const sameKey = (a: unknown, b: StatKey): boolean => Array.isArray(a) && a.length === b.length && b.every((x, i) => a[i] === x);

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * The configuration kept for `source` (read from `root`), or null when none is kept for this
 * build and this version of the file (name, stat key, text), the kept file is damaged, or the
 * cache is turned off (`SPECPLAN_CACHE=0`).
 */
export function keptConfig(root: string, source: ConfigSource): LoadedConfig | null {
  if (effectiveCacheUse('read', true) === 'off') return null;
  const read = readInside(root, CONFIG_CACHE_FILE, MAX_BYTES);
  if (!read.ok) return null;
  let v: unknown;
  try {
    v = JSON.parse(read.bytes.toString('utf8'));
  } catch {
    return null;
  }
  if (!isObject(v) || v.layout !== LAYOUT || v.build !== buildStamp() || v.name !== source.name) return null;
  const key = sourceKey(root, source);
  if (key === null || !sameKey(v.key, key) || v.hash !== contentHash(source.text)) return null;
  const loaded = v.loaded;
  if (!isObject(loaded) || !isObject(loaded.config) || loaded.file !== source.name || !Array.isArray(loaded.findings)) return null;
  return loaded as unknown as LoadedConfig;
}

/**
 * Keep `loaded`, parsed from `source`, for the next run: only when the cache is on (neither
 * `SPECPLAN_CACHE=0` nor `planning.cache: false`), the checkout can be written, and the
 * configuration reads back from JSON exactly as it is. Never an error: it only saves time.
 */
export function keepConfig(root: string, source: ConfigSource, loaded: LoadedConfig): void {
  if (effectiveCacheUse('write', loaded.config.cache) === 'off' || readOnlyCheckout(root)) return;
  // Taken after the read: a key newer than the text read keeps a hash the next run's text will not have.
  const key = sourceKey(root, source);
  if (key === null) return;
  const kept: Kept = { layout: LAYOUT, build: buildStamp(), name: source.name, key, hash: contentHash(source.text), loaded };
  const text = JSON.stringify(kept);
  if (!isDeepStrictEqual((JSON.parse(text) as Kept).loaded, loaded)) return;
  try {
    writeCacheFile(root, CONFIG_CACHE_FILE, text);
  } catch {
    // nothing to do: the next run parses the file again
  }
}
