import { ProblemError, UsageError } from '../model/errors.js';

/** What one issue is created with. */
interface GithubIssueDraft {
  /** Work-item id of the step, `plan#2.1`. */
  id: string;
  step: string;
  title: string;
  body: string;
  labels: string[];
}

/** The issues of one plan, built by the export (the client only sends them). */
export interface GithubIssueSet {
  /** The label every issue of the plan carries; issues already created are found by it. */
  label: string;
  /** The issues in dependency order, their bodies naming the issue numbers known so far (by work-item id). */
  issues(issueNumbers: ReadonlyMap<string, number>): GithubIssueDraft[];
}

/** An issue that exists for a step, created now or found from an earlier run. */
interface GithubIssueRef {
  id: string;
  step: string;
  number: number;
  url: string;
}

/** Issues created now and issues found from an earlier run. */
export interface GithubCreateResult {
  repo: string;
  created: GithubIssueRef[];
  /** Steps that already had an issue (labels `plan:…` + `step:…`): not created again. */
  existing: GithubIssueRef[];
}

/** A GitHub API failure; keeps what was created before it, so the report can name those issues. */
class GithubApiError extends ProblemError {
  constructor(
    message: string,
    hint: string,
    readonly partial: GithubCreateResult,
    options?: { cause?: unknown },
  ) {
    super(message, hint, options);
  }
}

/** Where and how to create the issues. */
export interface GithubClientOptions {
  /** `owner/name`. */
  repo: string;
  token: string;
  /** API root (GitHub Enterprise: `https://ghe.example.com/api/v3`); default `https://api.github.com`. */
  apiUrl?: string | undefined;
  /** Per-request timeout in ms (default 30 s). */
  timeoutMs?: number | undefined;
}

const REPO = /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/;

/** Check `owner/name`. */
export function checkRepoSlug(repo: string): string {
  if (!REPO.test(repo)) throw new UsageError(`--repo "${repo}" is not owner/name`, 'pass the GitHub repository as owner/name, e.g. acme/billing');
  return repo;
}

function hintFor(status: number): string {
  if (status === 401) return 'the token was rejected: check --token / GITHUB_TOKEN';
  if (status === 403)
    return 'the token lacks permission (it needs Issues: write) or the rate limit was hit; wait and run the same command again: existing issues are skipped';
  if (status === 404) return "the repository was not found or the token cannot see it: check --repo and the token's repository access";
  if (status === 410) return 'issues are disabled for this repository';
  if (status === 422) return 'GitHub rejected the issue fields; run without --token to see the payloads';
  return 'run the same command again later: issues already created are found by their labels and skipped';
}

/**
 * Create one GitHub issue per step through the REST API, in dependency order, so each body can
 * name the issues it depends on (`#12`). Idempotent: issues already labelled `plan:<plan>` +
 * `step:<n>` (open or closed) are found first and not created again.
 */
export async function createGithubIssues(set: GithubIssueSet, opts: GithubClientOptions): Promise<GithubCreateResult> {
  const repo = checkRepoSlug(opts.repo);
  const api = (opts.apiUrl ?? 'https://api.github.com').replace(/\/+$/, '');
  const timeout = opts.timeoutMs ?? 30_000;
  const result: GithubCreateResult = { repo, created: [], existing: [] };
  const call = async (method: 'GET' | 'POST', url: string, body?: unknown): Promise<Response> => {
    let res: Response;
    try {
      res = await fetch(url, {
        method,
        headers: {
          accept: 'application/vnd.github+json',
          authorization: `Bearer ${opts.token}`,
          'x-github-api-version': '2022-11-28',
          'user-agent': 'specscore-plans',
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(timeout),
      });
    } catch (e) {
      throw new GithubApiError(`GitHub API ${method} ${url.replace(api, '')} failed: ${(e as Error).message}`, hintFor(0), result, { cause: e });
    }
    if (!res.ok) {
      const text = await res.text().catch(() => '');
      let message = text.slice(0, 200);
      try {
        message = (JSON.parse(text) as { message?: string }).message ?? message;
      } catch {
        // not JSON
      }
      throw new GithubApiError(
        `GitHub API ${method} ${url.replace(api, '')} answered ${res.status}: ${message || res.statusText}`,
        hintFor(res.status),
        result,
      );
    }
    return res;
  };

  const label = set.label;
  const found = new Map<string, { number: number; url: string }>();
  let next: string | null = `${api}/repos/${repo}/issues?labels=${encodeURIComponent(label)}&state=all&per_page=100`;
  for (let page = 0; next && page < 50; page++) {
    const res = await call('GET', next);
    const issues = (await res.json()) as Array<{ number: number; html_url: string; pull_request?: unknown; labels: Array<string | { name?: string }> }>;
    for (const issue of issues) {
      if (issue.pull_request) continue;
      const names = issue.labels.map((l) => (typeof l === 'string' ? l : (l.name ?? '')));
      const step = names.find((n) => n.startsWith('step:'))?.slice(5);
      if (step && !found.has(step)) found.set(step, { number: issue.number, url: issue.html_url });
    }
    next = /<([^>]+)>;\s*rel="next"/.exec(res.headers.get('link') ?? '')?.[1] ?? null;
  }

  const numbers = new Map<string, number>();
  const order = set.issues(numbers);
  for (const p of order) {
    const have = found.get(p.step);
    if (have) {
      numbers.set(p.id, have.number);
      result.existing.push({ id: p.id, step: p.step, ...have });
      continue;
    }
    const payload = set.issues(numbers).find((x) => x.id === p.id)!;
    const res = await call('POST', `${api}/repos/${repo}/issues`, { title: payload.title, body: payload.body, labels: payload.labels });
    const made = (await res.json()) as { number: number; html_url: string };
    numbers.set(p.id, made.number);
    result.created.push({ id: p.id, step: p.step, number: made.number, url: made.html_url });
  }
  return result;
}
