import { http, HttpResponse } from 'msw';
import { afterEach, describe, expect, it } from 'vitest';
import { useMsw } from '../support/msw.js';
import { fixture, makeRepo, removeRepo, runCli, snapshot } from '../support/interop-helpers.js';

const { server } = useMsw();
const API = 'https://api.github.com/repos/acme/cli/issues';
const TOKEN = { GITHUB_TOKEN: 'ghp_test_token' };

interface Sent {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: { title: string; body: string; labels: string[] } | null;
}

/** A fake GitHub issues API: `existing` issues are listed (paged by `pageSize`), POSTs create numbered issues. */
function github(opts: { existing?: Array<{ number: number; step: string; pr?: boolean }>; pageSize?: number; failOnPost?: number } = {}) {
  const sent: Sent[] = [];
  let next = 101;
  let posts = 0;
  const existing = opts.existing ?? [];
  const size = opts.pageSize ?? 100;
  server.use(
    http.get(API, ({ request }) => {
      const u = new URL(request.url);
      sent.push({ method: 'GET', url: request.url, headers: Object.fromEntries(request.headers), body: null });
      const page = Number(u.searchParams.get('page') ?? '1');
      const slice = existing.slice((page - 1) * size, page * size).map((e) => ({
        number: e.number,
        html_url: `https://github.com/acme/cli/${e.pr ? 'pull' : 'issues'}/${e.number}`,
        labels: [{ name: 'plan:add-batch-mode' }, { name: `step:${e.step}` }],
        ...(e.pr ? { pull_request: { url: 'x' } } : {}),
      }));
      const more = page * size < existing.length;
      return HttpResponse.json(slice, {
        headers: more ? { link: `<${API}?labels=plan%3Aadd-batch-mode&state=all&per_page=100&page=${page + 1}>; rel="next"` } : {},
      });
    }),
    http.post(API, async ({ request }) => {
      const body = (await request.json()) as Sent['body'];
      sent.push({ method: 'POST', url: request.url, headers: Object.fromEntries(request.headers), body });
      posts++;
      if (opts.failOnPost === posts) return HttpResponse.json({ message: 'Resource not accessible by integration' }, { status: 403 });
      const number = next++;
      return HttpResponse.json({ number, html_url: `https://github.com/acme/cli/issues/${number}` }, { status: 201 });
    }),
  );
  return sent;
}

const roots: string[] = [];
afterEach(() => {
  while (roots.length) removeRepo(roots.pop()!);
});
function repo(): string {
  const r = makeRepo({ features: { cli: 'CLI' }, files: { 'spec/plans/add-batch-mode/README.md': fixture('plans/add-batch-mode.md') } });
  roots.push(r);
  return r;
}
const ARGS = (root: string, ...rest: string[]) => ['export', 'add-batch-mode', '--root', root, '--to', 'github', '--repo', 'acme/cli', ...rest];

describe('export --to github with a token: issues created through the REST API', () => {
  it('creates one issue per step in dependency order; each body names the issues it waits for', async () => {
    const sent = github();
    const root = repo();
    const before = snapshot(root);
    const run = await runCli(ARGS(root), TOKEN);
    expect(run.code, run.stderr).toBe(0);
    const out = JSON.parse(run.stdout);
    expect(out.created.map((c: { id: string; number: number }) => `${c.id}=#${c.number}`)).toEqual([
      'add-batch-mode#1=#101',
      'add-batch-mode#2.1=#102',
      'add-batch-mode#2=#103',
      'add-batch-mode#3=#104',
    ]);
    expect(out.existing).toEqual([]);
    const get = sent[0]!;
    expect(get.method).toBe('GET');
    expect(new URL(get.url).searchParams.get('labels')).toBe('plan:add-batch-mode');
    expect(new URL(get.url).searchParams.get('state')).toBe('all');
    const posts = sent.filter((s) => s.method === 'POST');
    expect(posts).toHaveLength(4);
    for (const p of posts) {
      expect(p.headers.authorization).toBe('Bearer ghp_test_token');
      expect(p.headers['x-github-api-version']).toBe('2022-11-28');
      expect(p.headers.accept).toBe('application/vnd.github+json');
    }
    expect(posts.map((p) => p.body!.labels)).toEqual([
      ['plan:add-batch-mode', 'step:1'],
      ['plan:add-batch-mode', 'step:2.1'],
      ['plan:add-batch-mode', 'step:2'],
      ['plan:add-batch-mode', 'step:3'],
    ]);
    expect(posts[2]!.body!.title).toBe('2. Implement batch parser (add-batch-mode)');
    expect(posts[2]!.body!.body).toContain('**Depends on:** #101 (`add-batch-mode#1`), #102 (`add-batch-mode#2.1`)');
    expect(posts[2]!.body!.body).toContain('- [ ] Handles files up to 50MB without exceeding 256MB memory');
    expect(posts[3]!.body!.body).toContain('**Depends on:** #103 (`add-batch-mode#2`)');
    expect(run.stderr).toContain('created #104 for add-batch-mode#3: https://github.com/acme/cli/issues/104');
    expect(snapshot(root)).toEqual(before);
  });

  it('is idempotent: steps that already have an issue (found across pages, pull requests ignored) are not created again', async () => {
    const sent = github({
      existing: [
        { number: 7, step: '1' },
        { number: 8, step: '2.1', pr: true },
        { number: 9, step: '2.1' },
      ],
      pageSize: 2,
    });
    const root = repo();
    const run = await runCli(ARGS(root), TOKEN);
    expect(run.code, run.stderr).toBe(0);
    const out = JSON.parse(run.stdout);
    expect(out.existing.map((e: { step: string; number: number }) => `${e.step}=#${e.number}`)).toEqual(['1=#7', '2.1=#9']);
    expect(out.created.map((e: { step: string; number: number }) => `${e.step}=#${e.number}`)).toEqual(['2=#101', '3=#102']);
    expect(sent.filter((s) => s.method === 'GET')).toHaveLength(2);
    const two = sent.find((s) => s.method === 'POST')!;
    expect(two.body!.body).toContain('#7 (`add-batch-mode#1`), #9 (`add-batch-mode#2.1`)');
  });

  it("an API refusal stops with exit 1, the status and GitHub's message, what to do, and the issues already created", async () => {
    github({ failOnPost: 2 });
    const root = repo();
    const run = await runCli(ARGS(root, '--json'), TOKEN);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('answered 403: Resource not accessible by integration');
    expect(run.stderr).toContain('existing issues are skipped');
    expect(run.stderr).toContain('created #101 for add-batch-mode#1');
    expect(run.stderr).not.toMatch(/\n\s+at /);
    const out = JSON.parse(run.stdout);
    expect(out.created).toEqual([{ id: 'add-batch-mode#1', step: '1', number: 101, url: 'https://github.com/acme/cli/issues/101' }]);
  });

  it('a token without --repo, or a malformed --repo, is a usage error and nothing is requested', async () => {
    const sent = github();
    const root = repo();
    const noRepo = await runCli(['export', 'add-batch-mode', '--root', root, '--to', 'github'], TOKEN);
    expect(noRepo.code).toBe(2);
    expect(noRepo.stderr).toContain('creating GitHub issues needs --repo owner/name');
    const bad = await runCli(
      ARGS(root).map((a) => (a === 'acme/cli' ? 'acme' : a)),
      TOKEN,
    );
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('is not owner/name');
    expect(sent).toEqual([]);
  });
});
