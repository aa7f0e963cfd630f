/** Larger documents are neither read nor parsed: reported instead. */
export const MAX_DOCUMENT_BYTES = 8 * 1024 * 1024;

/** Documents above this size are read, with a warning: nobody reviews a plan this long. */
export const LARGE_DOCUMENT_BYTES = 1024 * 1024;
