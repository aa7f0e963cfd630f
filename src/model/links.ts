import { resolveHref } from './paths.js';
import { FEATURES_DIR, PLANS_DIR } from './repository.js';

/**
 * The root-relative folder a link written in `fromFile` points at (`README.md` dropped), or null
 * for external and anchor links. Same result as `resolveHref` (then `README.md` dropped), with a
 * string-only fast path for plain relative links: lint and index resolve every link of the
 * repository several times.
 */
export function linkFolder(fromFile: string, href: string): string | null {
  let byHref = linkCache.get(fromFile);
  if (!byHref) {
    if (linkCache.size >= 50_000) linkCache.clear();
    linkCache.set(fromFile, (byHref = new Map()));
  }
  let hit = byHref.get(href);
  if (hit === undefined) byHref.set(href, (hit = resolveFolder(fromFile, href)));
  return hit;
}

/** Memo of `linkFolder` by file, then href: both are the same string objects across a run, so a hit allocates nothing. */
const linkCache = new Map<string, Map<string, string | null>>();

function resolveFolder(fromFile: string, href: string): string | null {
  if (href === '' || href.charCodeAt(0) === 35 /* # */ || /[%?#:\\]/.test(href) || href.charCodeAt(0) === 47 /* / */) {
    const target = resolveHref(fromFile, href);
    return target === null ? null : target.replace(/\/README\.md$/i, '');
  }
  const out = fromFile.split('/');
  out.pop();
  for (const seg of href.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..' && out.length > 0 && out[out.length - 1] !== '..') out.pop();
    else out.push(seg);
  }
  if (out.length > 1 && /^readme\.md$/i.test(out[out.length - 1]!)) out.pop();
  return out.length ? out.join('/') : '.';
}

/** Relative href from a root-relative file to a root-relative folder, with trailing `/` (as `hrefToFolder`). */
export function folderHref(fromFile: string, folder: string): string {
  const from = fromFile.split('/');
  from.pop();
  const to = folder.split('/');
  let common = 0;
  while (common < from.length && common < to.length && from[common] === to[common]) common++;
  const rel = [...Array<string>(from.length - common).fill('..'), ...to.slice(common)].join('/');
  return `${rel || '.'}/`;
}

/** The feature path (`chat/workflow`) a link written in `fromFile` points at, or null when it is not below spec/features/. */
export function featurePathOfLink(fromFile: string, href: string): string | null {
  const folder = linkFolder(fromFile, href);
  return folder !== null && folder.startsWith(`${FEATURES_DIR}/`) ? folder.slice(FEATURES_DIR.length + 1) : null;
}

/** The plan path (`roadmap/child`) a link written in `fromFile` points at, or null when it is not below spec/plans/. */
export function planPathOfLink(fromFile: string, href: string): string | null {
  const folder = linkFolder(fromFile, href);
  return folder !== null && folder.startsWith(`${PLANS_DIR}/`) ? folder.slice(PLANS_DIR.length + 1) : null;
}
