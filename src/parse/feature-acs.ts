/**
 * The acceptance-criterion slugs of a feature README of the current SpecScore format: each
 * `### AC: <slug>` heading (the slug lower-cased, an enclosing backtick dropped), in order.
 */
export function featureAcSlugs(text: string): string[] {
  return [...text.matchAll(/^###\s+AC:\s*`?([A-Za-z0-9][\w-]*)/gm)].map((m) => m[1]!.toLowerCase());
}
