/**
 * Escaping for generated markdown (WHATS-NEXT.md, the plans index, feature Plans tables,
 * deviation reports, status text). Every string that comes from data (folder names, header
 * values, ledger fields, model output) goes through one of these before it is written, so that
 * no data can open raw HTML or an HTML comment, start a heading or a new line, end a table
 * cell, or become a link to anything but a relative path inside the repository.
 *
 * All functions are pure and idempotent: escaping escaped text changes nothing, so text read
 * back from a generated file and written again stays byte for byte the same.
 */

/** Line breaks, control characters and Unicode line/paragraph separators. */
const BREAKS = /\r\n|[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;

/** The text on one line: every line break and control character becomes a space. */
export function oneLine(text: string): string {
  return text.replace(BREAKS, ' ');
}

const ALNUM = /[A-Za-z0-9]/;
const ENTITY = /^&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});/;

/** Characters that start markup anywhere in a line. `_` only when it is not inside a word. */
function isSpecial(s: string, i: number, pipes: boolean): boolean {
  switch (s[i]) {
    case '`':
    case '*':
    case '[':
    case ']':
    case '<':
    case '>':
    case '~':
      return true;
    case '|':
      return pipes;
    case '_':
      return !(ALNUM.test(s[i - 1] ?? '') && ALNUM.test(s[i + 1] ?? ''));
    case '&':
      // `&lt;` would show as `<`: an entity in data stays the text it is.
      return ENTITY.test(s.slice(i, i + 40));
    default:
      return false;
  }
}

/**
 * Backslash-escape every special character that is not escaped yet (not preceded by an odd
 * number of backslashes); a backslash left dangling at the end is escaped too, so that it
 * cannot escape whatever follows the text.
 */
function escapeSpecials(s: string, pipes: boolean): string {
  let out = '';
  let slashes = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c === '\\') {
      slashes++;
      out += c;
      continue;
    }
    if (slashes % 2 === 0 && isSpecial(s, i, pipes)) out += '\\';
    out += c;
    slashes = 0;
  }
  return slashes % 2 === 1 ? `${out}\\` : out;
}

/** At the start of a line: headings, block quotes, list items, setext and thematic breaks. */
const LEADING = /^(\s*)(#|[-+=]|\d{1,9}(?=[.)](?:\s|$)))/;

function escapeLeading(s: string): string {
  const m = LEADING.exec(s);
  if (!m) return s;
  const at = m[1]!.length + (/\d/.test(m[2]![0]!) ? m[2]!.length : 0);
  return at > 0 && s[at - 1] === '\\' ? s : `${s.slice(0, at)}\\${s.slice(at)}`;
}

/**
 * Data shown as literal text inside a markdown line (a list item, a paragraph, after a label):
 * one line, no raw HTML or comments, no links, code spans or emphasis, no heading or list
 * marker at its start.
 */
export function inlineText(text: string): string {
  return escapeLeading(escapeSpecials(oneLine(text).trim(), true));
}

/**
 * Data shown as literal text in a GFM table cell: one line, pipes escaped (including ones after
 * a backslash that is itself escaped), and the same markup escapes as `inlineText`.
 */
export function tableCell(text: string): string {
  return escapeSpecials(oneLine(text), true);
}

/** Literal text inside the brackets of a link (`[text](…)`). */
function linkText(text: string): string {
  return escapeSpecials(oneLine(text), true);
}

/**
 * Only pipes and line breaks made safe, other markdown kept: for cells whose content is already
 * markdown, such as a plan's own Child Plans table. A pipe after an escaped backslash (`\\|`)
 * is escaped too, so no value can end its cell.
 */
export function escapePipes(cell: string): string {
  let out = '';
  let slashes = 0;
  for (const c of cell.replace(/\r\n?|\n/g, ' ')) {
    if (c === '\\') slashes++;
    else {
      if (c === '|' && slashes % 2 === 0) out += '\\';
      slashes = 0;
    }
    out += c;
  }
  return out;
}

const UTF8 = new TextEncoder();

/** Characters a plan path may show as they are; everything else is percent-encoded. */
const PATH_SAFE = /[A-Za-z0-9./-]/;

/**
 * A plan path (`billing-roadmap/invoice-pdf`) for display and for links: a path of valid slugs
 * is unchanged; any other character of a folder name (markup, spaces, new lines, `:`) is
 * percent-encoded as UTF-8, so the result is inert text and a relative path that still
 * resolves to the folder.
 */
export function planText(path: string): string {
  let out = '';
  for (const ch of path) {
    if (PATH_SAFE.test(ch)) out += ch;
    else for (const b of UTF8.encode(ch)) out += `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** A relative link target to a plan folder (`plan-path/`), from its encoded path only. */
export function planHref(path: string, from = ''): string {
  return `${from}${planText(path)}/`;
}

/** A relative link target to a plan: its folder (`plan-path/`), or its file (`plan-path.md`) for a plan written as one file. */
export function planDocHref(path: string, singleFile: boolean, from = ''): string {
  return singleFile ? `${from}${planText(path)}.md` : planHref(path, from);
}

/** `[plan-path](prefix + plan-path/)`: a link to a plan folder, relative to where it is written. */
export function planLink(path: string, from = ''): string {
  return `[${planText(path)}](${planHref(path, from)})`;
}

/** A link target that stays inside the repository: a relative path with no scheme, entity or escape. */
const SAFE_TARGET = /^(?![/\\])[A-Za-z0-9._~/#%-]*$/;
const SAFE_LINK = /^\[([^[\]\n]*)\]\(([^()\s<>]*)\)/;

/** List item and block quote markers that may precede a heading on the same line. */
const CONTAINERS = /^(?: {0,3}(?:[-+*]|\d{1,9}[.)])(?:[ \t]+|$)| {0,3}>[ \t]?)*/;

/**
 * A line that would start a heading or a fence (also inside a list item or block quote), or a
 * setext underline or thematic break, gets its marker escaped.
 */
function escapeLineStart(line: string): string {
  const prefix = CONTAINERS.exec(line)![0];
  const rest = line.slice(prefix.length);
  const m = /^( {0,3})(?:#{1,6}(?:[ \t]|$)|`{3,}|~{3,})/.exec(rest) ?? (prefix === '' ? /^( {0,3})(?:[-=_*]{2,}[ \t]*$|[-=][ \t]*$)/.exec(rest) : null);
  return m ? `${prefix}${m[1]}\\${rest.slice(m[1]!.length)}` : line;
}

/** The closing run of exactly `n` backticks after `from`, or -1. */
function closingRun(s: string, from: number, n: number): number {
  for (let i = s.indexOf('`', from); i >= 0; i = s.indexOf('`', i)) {
    let j = i;
    while (s[j] === '`') j++;
    if (j - i === n) return i;
    i = j;
  }
  return -1;
}

function markdownLine(s: string, pipes: boolean, links: boolean): string {
  let out = '';
  let slashes = 0;
  for (let i = 0; i < s.length; ) {
    const c = s[i]!;
    if (c === '\\') {
      slashes++;
      out += c;
      i++;
      continue;
    }
    const escaped = slashes % 2 === 1;
    slashes = 0;
    if (escaped) {
      out += c;
      i++;
      continue;
    }
    if (c === '`') {
      let j = i;
      while (s[j] === '`') j++;
      const close = closingRun(s, j, j - i);
      if (close >= 0 && !(pipes && s.slice(j, close).includes('|'))) {
        out += s.slice(i, close + (j - i)); // a code span shows its content literally
        i = close + (j - i);
      } else {
        out += '\\`'.repeat(j - i);
        i = j;
      }
      continue;
    }
    if (c === '[' && links) {
      const m = SAFE_LINK.exec(s.slice(i));
      if (m && SAFE_TARGET.test(m[2]!)) {
        out += `[${markdownLine(m[1]!, pipes, false)}](${m[2]})`;
        i += m[0].length;
        continue;
      }
    }
    if (c === '<' || c === '[' || c === ']' || (c === '|' && pipes)) out += '\\';
    out += c;
    i++;
  }
  return slashes % 2 === 1 ? `${out}\\` : out;
}

/**
 * Markdown written by a model or a plan author (reasoning, questions, step titles), kept as
 * markdown: emphasis, code spans and links to relative paths stay; raw HTML and comments, links
 * and images to anything else, reference definitions, autolinks, headings, setext underlines
 * and fences are escaped into text. With `oneLine`, line breaks become spaces and pipes are
 * escaped (for table cells and list items).
 */
export function markdownText(text: string, opts: { oneLine?: boolean } = {}): string {
  const norm = text.replace(/\r\n?/g, '\n').replace(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029]/g, ' ');
  if (opts.oneLine) return escapeLineStart(markdownLine(oneLine(norm).trim(), true, true));
  return norm
    .split('\n')
    .map((line) => escapeLineStart(markdownLine(line, false, true)))
    .join('\n');
}

/** JSON for a line inside an HTML comment: `<`, `>`, `&` and line separators as \u escapes. */
export function commentJson(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Characters a token inside an HTML comment may not hold as they are. */
const TOKEN_UNSAFE = /[%<>!&\s\u0000-\u001f\u007f-\u009f]/gu;

/**
 * One whitespace-free token for a line inside an HTML comment: `%`, `<`, `>`, `!`, `&`,
 * white space and control characters percent-encoded (UTF-8, lower-case hex), so that it can
 * neither end nor open a comment.
 */
export function commentToken(text: string): string {
  return text.replace(TOKEN_UNSAFE, (c) => [...UTF8.encode(c)].map((b) => `%${b.toString(16).padStart(2, '0')}`).join(''));
}

/** Inverse of `commentToken` (also reads tokens written with one `%xx` per UTF-16 unit). */
export function decodeCommentToken(token: string): string {
  return token.replace(/(?:%[0-9a-f]{2})+/gi, (run) => {
    try {
      return decodeURIComponent(run);
    } catch {
      return run.replace(/%([0-9a-f]{2})/gi, (_, h: string) => String.fromCharCode(Number.parseInt(h, 16)));
    }
  });
}

/** Characters a mermaid label shows as they are: plain ASCII text and printable non-ASCII characters. */
const MERMAID_SAFE = /[A-Za-z0-9 .,:/_()'+!?=-]|[^\x00-\x7f\p{C}\p{Z}]/u;

/**
 * Text for inside a mermaid `"…"` label: on one line, with every character that mermaid or the
 * HTML it renders to could read as syntax (quotes, brackets, pipes, `<`, `&`, `#`, `;`, `%`,
 * backticks) written as a decimal entity code (`#34;`), which mermaid shows as the character.
 */
export function mermaidText(text: string): string {
  let out = '';
  for (const ch of oneLine(text)) out += MERMAID_SAFE.test(ch) ? ch : `#${ch.codePointAt(0)};`;
  return out;
}

/** A DOT quoted string: on one line, with backslashes and double quotes escaped. */
export function dotString(text: string): string {
  return `"${oneLine(text).replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}
