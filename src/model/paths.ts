import path from 'node:path';
import { UsageError } from './errors.js';

/** Convert an OS path to a root-relative path with `/`. */
function toRel(root: string, abs: string): string {
  return path.relative(root, abs).split(path.sep).join('/');
}

const SLUG = /^[a-z0-9][a-z0-9-]*$/;

/**
 * Names every JavaScript object already has (own properties of Object.prototype and
 * Function.prototype, plus `prototype`), lower-cased: a slug equal to one would collide with a
 * built-in key wherever a plain object serves as a map.
 */
const OBJECT_KEYS: ReadonlySet<string> = new Set(
  [...Object.getOwnPropertyNames(Object.prototype), ...Object.getOwnPropertyNames(Function.prototype), 'prototype', '__proto__'].map((k) => k.toLowerCase()),
);

/** Why `segment` cannot name a plan, feature or proposal folder because of a built-in key, or null. */
export function builtinKeyProblem(segment: string): string | null {
  return OBJECT_KEYS.has(segment.toLowerCase())
    ? `"${segment}" is a built-in property of JavaScript objects, so it cannot name a plan, feature or proposal`
    : null;
}

/** A plan or feature slug is lower-case letters, digits and hyphens, and not a built-in object key. */
export function isSafeSlug(slug: string): boolean {
  return SLUG.test(slug) && slug.length <= 100 && builtinKeyProblem(slug) === null;
}

/** Throw a UsageError (exit 2) when `slug` is a built-in object key; the one message for that case. */
export function refuseBuiltinKey(slug: string): void {
  const problem = builtinKeyProblem(slug);
  if (problem) throw new UsageError(problem, 'choose another name, e.g. add a word: constructor-api instead of constructor');
}

/**
 * Validate a plan path (`user-auth`, `roadmap/child`) or feature path (`chat/workflow`):
 * segments of safe slugs only, so no `..`, absolute paths, NUL, encodings or case tricks.
 */
export function checkSpecPath(kind: 'plan' | 'feature' | 'proposal', value: string, maxDepth = kind === 'plan' ? 2 : 16): string {
  const v = value
    .trim()
    .replace(/\/README\.md$/i, '')
    .replace(/\/+$/, '');
  const segments = v.split('/');
  segments.forEach(refuseBuiltinKey);
  const ok =
    v !== '' &&
    segments.length <= maxDepth &&
    segments.every((s) => SLUG.test(s) || (kind === 'feature' && /^[a-z0-9][a-z0-9._-]*$/i.test(s) && !s.includes('..')));
  if (!ok) {
    throw new UsageError(
      `"${value}" is not a valid ${kind} path`,
      kind === 'plan'
        ? 'use the plan folder below spec/plans/, e.g. user-auth or billing-roadmap/invoice-pdf (lower-case letters, digits, hyphens)'
        : kind === 'proposal'
          ? 'use feature/proposal-slug, e.g. cli/batch-mode'
          : 'use the feature folder below spec/features/, e.g. cli or chat/workflow',
    );
  }
  return v;
}

/** Normalize a link target written in `fromFile` (root-relative) to a root-relative path, without anchor. */
export function resolveHref(fromFile: string, href: string): string | null {
  if (!href || /^[a-z][a-z0-9+.-]*:/i.test(href) || href.startsWith('#')) return null;
  const clean = decodeSafe(href.split('#')[0]!.split('?')[0]!);
  if (clean === '') return null;
  const joined = path.posix.normalize(path.posix.join(path.posix.dirname(fromFile), clean));
  return joined.replace(/\/$/, '');
}

function decodeSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** Relative href from one root-relative file to a root-relative target folder, with trailing `/`. */
export function hrefToFolder(fromFile: string, targetFolder: string): string {
  const rel = path.posix.relative(path.posix.dirname(fromFile), targetFolder);
  return `${rel || '.'}/`;
}
