/**
 * Errors of the core know nothing of exit codes or of the face that shows them. Each carries a
 * kind, one sentence saying what went wrong, and a hint saying what to do. A hint is text with
 * actions in it; the CLI renders an action as a command line (`specplan supersede P --by NEW`),
 * the MCP server as a tool call (`set_plan_status` with plan P, status superseded, by NEW).
 */

/** What kind of failure: usage (bad arguments), repository (cannot be read or written as it is), problem (the work ran and refused or found problems). */
export type ErrorKind = 'usage' | 'repository' | 'problem';

/** The status transitions a user can ask for. */
export type TransitionName = 'submit' | 'approve' | 'revise' | 'supersede' | 'reject' | 'withdraw' | 'deprecate';

/** Something the user can do next, named independently of the face that shows it. */
export type Action =
  | { do: 'lint'; path?: string }
  | { do: 'index' }
  | { do: 'status'; plan?: string }
  | { do: 'list'; of: 'features' | 'proposals' }
  | { do: 'new'; plan?: string }
  | { do: 'transition'; transition: TransitionName; plan: string; by?: string }
  | { do: 'draft'; plan?: string }
  | { do: 'suggest'; plan?: string }
  | { do: 'whats-next'; mode?: 'full' | 'incremental' }
  | { do: 'check-frozen' }
  | { do: 'option'; name: string; value?: string };

/** Hint text: plain strings and actions, read in order as one sentence. */
export type Hint = ReadonlyArray<string | Action>;

/** An action inside a hint. */
export function act(action: Action): Action {
  return action;
}

/** Base of every expected failure. */
export class SpecplanError extends Error {
  readonly hint: Hint | undefined;
  constructor(
    message: string,
    readonly kind: ErrorKind,
    hint?: string | Hint,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
    this.hint = hint === undefined ? undefined : typeof hint === 'string' ? [hint] : hint;
  }
}

/** Bad arguments or options. */
export class UsageError extends SpecplanError {
  constructor(message: string, hint?: string | Hint, options?: { cause?: unknown }) {
    super(message, 'usage', hint, options);
  }
}

/** The repository cannot be read or written as it is, or a path escapes it. */
export class RepoError extends SpecplanError {
  constructor(message: string, hint?: string | Hint, options?: { cause?: unknown }) {
    super(message, 'repository', hint, options);
  }
}

/** The work ran and refused or found problems: a rejected transition, a frozen plan, invalid model output. */
export class ProblemError extends SpecplanError {
  constructor(message: string, hint?: string | Hint, options?: { cause?: unknown }) {
    super(message, 'problem', hint, options);
  }
}
