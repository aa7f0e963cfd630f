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
  // The folder's segments joined by '/' in `acc`, `n` of them, as the href's segments move it.
  const dir = fromFile.lastIndexOf('/');
  let acc = dir < 0 ? '' : fromFile.slice(0, dir);
  let n = dir < 0 ? 0 : segmentCount(acc);
  for (let at = 0; at <= href.length; ) {
    let end = href.indexOf('/', at);
    if (end < 0) end = href.length;
    const len = end - at;
    if (len === 0 || (len === 1 && href.charCodeAt(at) === 46)) {
      // '' and '.' stay where they are
    } else if (len === 2 && href.charCodeAt(at) === 46 && href.charCodeAt(at + 1) === 46 && n > 0 && !endsWithDotDot(acc)) {
      n--;
      acc = n === 0 ? '' : acc.slice(0, acc.lastIndexOf('/'));
    } else {
      const seg = href.slice(at, end);
      acc = n === 0 ? seg : `${acc}/${seg}`;
      n++;
    }
    at = end + 1;
  }
  if (n > 1 && isReadme(acc, acc.lastIndexOf('/') + 1)) acc = acc.slice(0, acc.lastIndexOf('/'));
  return n ? acc : '.';
}

/** Segments of a '/'-separated path. */
function segmentCount(p: string): number {
  let n = 1;
  for (let k = p.indexOf('/'); k >= 0; k = p.indexOf('/', k + 1)) n++;
  return n;
}

/** True when the last segment of a non-empty path is '..'. */
function endsWithDotDot(p: string): boolean {
  const k = p.length;
  return k >= 2 && p.charCodeAt(k - 1) === 46 && p.charCodeAt(k - 2) === 46 && (k === 2 || p.charCodeAt(k - 3) === 47);
}

const README = /^readme\.md$/i;

/** True when `p` from `at` to its end is `README.md` in any case. */
function isReadme(p: string, at: number): boolean {
  return p.length - at === 9 && README.test(p.slice(at));
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
