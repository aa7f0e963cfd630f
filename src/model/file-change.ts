/** One file to write, root-relative: what a pure operation returns and the unit of work writes. */
export interface FileChange {
  file: string;
  content: string;
  /** Previous content, or null for a new file. */
  before: string | null;
  /** A file the user named (an export): anywhere in the root but .git/, not only spec/ and .specscore/. */
  named?: true;
}
