/**
 * `text` cut to at most `max` characters, saying how long it was: an error must not echo a
 * client's whole argument back (a 9 MiB argument would come back as a 9 MiB error).
 */
export function bounded(text: string, max: number): string {
  if (text.length <= max) return text;
  return `${text.slice(0, max)}… (${text.length} characters, cut)`;
}
