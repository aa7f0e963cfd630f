import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';

/**
 * Most characters of a document a read tool puts in its text content: the largest plan
 * `write_plan` accepts, so a model that reads a plan from the text can always write it back.
 */
const MAX_DOCUMENT_TEXT = 1024 * 1024;

/**
 * A document for the model: a line naming its file, then the markdown itself, whole up to
 * `MAX_DOCUMENT_TEXT` characters (beyond that, cut with a note naming the resource that has it, if any).
 */
export function documentText(file: string, markdown: string, uri?: string): string {
  const body =
    markdown.length <= MAX_DOCUMENT_TEXT
      ? markdown
      : `${markdown.slice(0, MAX_DOCUMENT_TEXT)}\n\n[cut at ${MAX_DOCUMENT_TEXT} of ${markdown.length} characters; ${uri ? `the whole document is the resource ${uri}` : 'the document is larger than a tool result may carry'}]`;
  return `--- ${file} ---\n${body.trimEnd()}\n--- end of ${file} ---`;
}

/** A `resource_link` content item pointing at a served resource. */
export function resourceLink(uri: string, name: string, title?: string): CallToolResult['content'][number] {
  return { type: 'resource_link', uri, name, mimeType: 'text/markdown', ...(title ? { title } : {}) };
}
