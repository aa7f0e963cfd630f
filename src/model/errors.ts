/**
 * Error classes that carry an exit code (CONTRACTS.md): 1 = the command ran and found problems,
 * 2 = bad usage or an unreadable repository. Messages are one sentence plus what to do.
 */
export class SpecplanError extends Error {
  constructor(
    message: string,
    readonly exitCode: 1 | 2,
    readonly hint?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** Bad arguments or flags (exit 2). */
export class UsageError extends SpecplanError {
  constructor(message: string, hint?: string) {
    super(message, 2, hint);
  }
}

/** The repository cannot be read, or a path escapes it (exit 2). */
export class RepoError extends SpecplanError {
  constructor(message: string, hint?: string, options?: { cause?: unknown }) {
    super(message, 2, hint, options);
  }
}

/** The command ran and refused or found problems: a rejected transition, a frozen plan (exit 1). */
export class ProblemError extends SpecplanError {
  constructor(message: string, hint?: string, options?: { cause?: unknown }) {
    super(message, 1, hint, options);
  }
}
