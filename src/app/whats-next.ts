import { today as clockToday } from './clock.js';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { SamplingFn } from '../llm/provider.js';
import { isIsoDate } from '../model/common.js';
import type { ExecutionState } from '../repo/execution.js';
import { RepoError, UsageError } from '../model/errors.js';
import { readIfPresent, refusalError } from '../repo/refusal.js';
import { READ_LIMITS } from '../repo/safe-read.js';
import { WHATS_NEXT, type SpecRepo } from '../model/repository.js';
import type { GenerateResult } from '../whats-next/generate.js';
import { quickUpToDate } from './whats-next-quick-check.js';
import { DEFAULT_TOP, type Mode, type Usage } from '../model/whats-next-report.js';
import type { PlannedWrite } from './unit-of-work.js';

export interface RunOptions {
  /** Spec repository root (the folder holding spec/). */
  root: string;
  /** `auto` follows `planning.whats_next` (a bare `whats-next`). */
  mode: Mode | 'auto';
  dryRun?: boolean;
  /** Only report whether the file is current; never writes, never calls a model. */
  check?: boolean;
  commit?: boolean;
  provider?: string;
  model?: string;
  /** Today YYYY-MM-DD; default SPECPLAN_TODAY, else the local date. */
  today?: string;
  /** Recommendations listed (default 5). */
  top?: number;
  /** MCP sampling hook (the MCP server passes the client's createMessage). */
  sampling?: SamplingFn;
  signal?: AbortSignal;
  /** The caller needs the report model (JSON output): skip the no-parse shortcut. */
  json?: boolean;
  env?: NodeJS.ProcessEnv;
}

export type RunStatus = 'written' | 'up-to-date' | 'dry-run' | 'current' | 'stale' | 'disabled';

export interface RunResult {
  status: RunStatus;
  /** Null when disabled, or when the fast check found nothing changed (the file is left as is). */
  result: GenerateResult | null;
  /** A commit was made. */
  committed: boolean;
  /** Messages for stderr, one sentence each. */
  messages: string[];
  usage: Usage;
}

/** The previous report, null when there is none; one that cannot be read stops the run (exit 2). */
function readCurrent(root: string): string | null {
  const read = readIfPresent(root, WHATS_NEXT, READ_LIMITS.document);
  if (read === null) return null;
  if (!read.ok) throw refusalError(WHATS_NEXT, read.refusal, 'or delete it to write a fresh report');
  return read.bytes.toString('utf8');
}

/**
 * Execution status read in a worker thread when the compiled worker is there (an installed
 * package), else in this thread (running from source, as under the tests). Same result either way.
 */
async function readExecution(root: string): Promise<ExecutionState> {
  const file = fileURLToPath(new URL('../repo/execution-worker.js', import.meta.url));
  if (existsSync(file) && !process.env.SPECPLAN_NO_WORKERS) {
    const { Worker } = await import('node:worker_threads');
    try {
      return await new Promise<ExecutionState>((resolve, reject) => {
        const w = new Worker(file, { workerData: { root } });
        w.once('message', (m: ExecutionState) => resolve(m));
        w.once('error', reject);
        w.once('exit', (code) => reject(new Error(`execution worker exited with code ${code}`)));
      });
    } catch {
      /* fall through: read it here */
    }
  }
  const { loadExecution } = await import('../repo/execution.js');
  return loadExecution(root);
}

/** Load the repository, execution status and raw digests (the parsing path). */
async function load(root: string) {
  const [{ loadRepo }, { rawPrints }] = await Promise.all([import('../repo/load.js'), import('../repo/raw-prints.js')]);
  // Start the ledger/git reads first: they run in a worker and child processes while the plans are parsed here.
  let repo: SpecRepo | null = null;
  const pending = Promise.all([readExecution(root), rawPrints(root, () => [...(repo?.features.values() ?? [])].map((f) => [f.path, f.text] as const))]);
  try {
    repo = loadRepo(root);
  } catch (e) {
    // The reads started above still finish; their outcome no longer matters.
    pending.catch(() => {});
    throw e;
  }
  const [execution, raw] = await pending;
  const bad = execution.findings.find((f) => f.severity === 'error');
  if (bad) throw new RepoError(`${bad.file}:${bad.line}: ${bad.message}`, "fix the work-items ledger; What's Next reads progress from it");
  return { repo, items: execution.items, raw };
}

/** Commit only WHATS-NEXT.md when it differs from HEAD. */
async function commitReport(root: string, mode: Mode): Promise<boolean> {
  const { gitFor } = await import('../repo/git.js');
  const git = await gitFor(root);
  if (!git) throw new RepoError('--commit needs a git repository, and the root is not inside one', 'run git init, or drop --commit');
  const status = await git.raw(['status', '--porcelain', '--', WHATS_NEXT]);
  if (!status.trim()) return false;
  try {
    await git.raw(['add', '--', WHATS_NEXT]);
    await git.raw(['commit', '--quiet', '--no-verify', '-m', `chore: update WHATS-NEXT.md (${mode})`, '--only', '--', WHATS_NEXT]);
  } catch (e) {
    throw new RepoError(`git could not commit ${WHATS_NEXT}: ${(e as Error).message.split('\n')[0]}`, 'check git user.name/user.email and the repository state', { cause: e });
  }
  return true;
}

const NO_USAGE: Usage = { llmCalls: 0, inputTokens: 0, outputTokens: 0 };

async function check(o: RunOptions, today: string, top: number): Promise<RunResult> {
  const previousText = readCurrent(o.root);
  if (!o.json && (await quickUpToDate(o.root, previousText, top))) {
    return { status: 'current', result: null, committed: false, messages: [`${WHATS_NEXT} is up to date`], usage: NO_USAGE };
  }
  const { generateWhatsNext } = await import('../whats-next/generate.js');
  const { repo, items, raw } = await load(o.root);
  const result = await generateWhatsNext({ repo, items, previousText, mode: 'incremental', today, top, llm: null, raw });
  const messages = result.current ? [`${WHATS_NEXT} is up to date`] : [`${WHATS_NEXT} is out of date${result.notes.length ? ` (${result.notes[0]})` : ''}; run whats-next --incremental`];
  return { status: result.current ? 'current' : 'stale', result, committed: false, messages, usage: NO_USAGE };
}

/**
 * Regenerate spec/plans/WHATS-NEXT.md (CLI `whats-next` and the MCP `regenerate_whats_next`
 * tool): recognize an unchanged repository without parsing it; otherwise load the repository and
 * execution status, generate, and write atomically while holding the repository lock; optionally
 * commit only that file. `--check` never writes and never calls a model.
 */
export async function runWhatsNextUpdate(o: RunOptions): Promise<RunResult> {
  const env = o.env ?? process.env;
  const today = o.today ?? clockToday(env);
  const top = o.top ?? DEFAULT_TOP;
  if (o.provider !== undefined) {
    const { PROVIDER_CHOICES } = await import('../llm/select.js');
    if (!(PROVIDER_CHOICES as readonly string[]).includes(o.provider.trim().toLowerCase())) {
      throw new UsageError(`unknown provider "${o.provider}"`, `use one of ${PROVIDER_CHOICES.join(', ')}`);
    }
  }
  if (o.check) return check(o, today, top);
  let mode: Mode;
  if (o.mode === 'auto') {
    const { loadConfig } = await import('../repo/config.js');
    const setting = loadConfig(o.root).config.whats_next;
    if (setting === 'disabled') {
      const messages = ['planning.whats_next is "disabled" in the configuration, so a bare whats-next does nothing; run whats-next --incremental or --full, or set planning.whats_next'];
      return { status: 'disabled', result: null, committed: false, messages, usage: NO_USAGE };
    }
    mode = setting;
  } else mode = o.mode;

  if (mode === 'incremental' && !o.json && !o.dryRun && (await quickUpToDate(o.root, readCurrent(o.root), top))) {
    const messages = [`${WHATS_NEXT} is up to date`];
    const committed = o.commit ? await commitReport(o.root, 'incremental') : false;
    if (o.commit) messages.push(committed ? `committed ${WHATS_NEXT}` : 'nothing to commit');
    return { status: 'up-to-date', result: null, committed, messages, usage: NO_USAGE };
  }
  const work = async (): Promise<PlannedWrite<RunResult>> => {
    const previousText = readCurrent(o.root);
    const [{ generateWhatsNext }, { createProvider }] = await Promise.all([import('../whats-next/generate.js'), import('../llm/select.js')]);
    const { repo, items, raw } = await load(o.root);
    const selected = await createProvider({ flag: o.provider, model: o.model, config: repo.config.llm, env, sampling: o.sampling });
    const result = await generateWhatsNext({
      repo,
      items,
      previousText,
      mode,
      today,
      top,
      llm: { provider: selected.provider, maxAttempts: repo.config.llm.max_attempts, signal: o.signal },
      raw,
    });
    const usage = selected.usage.totals();
    const messages = [...result.notes];
    if (o.dryRun) return { changes: [], result: { status: 'dry-run', result, committed: false, messages, usage } };
    messages.push(result.changed ? `wrote ${WHATS_NEXT} (${result.mode})` : `${WHATS_NEXT} is up to date`);
    const changes = result.changed ? [{ file: WHATS_NEXT, content: result.text, before: previousText }] : [];
    return { changes, result: { status: result.changed ? 'written' : 'up-to-date', result, committed: false, messages, usage } };
  };
  const { runWrite } = await import('./unit-of-work.js');
  const notices: string[] = []; // a stale lock taken over: reported with the run's other messages
  const { result: r, recovered } = await runWrite(o.root, work, { dryRun: o.dryRun === true, notify: (m) => notices.push(m) });
  if (o.commit && !o.dryRun) {
    const committed = await commitReport(o.root, r.result!.mode);
    r.messages.push(committed ? `committed ${WHATS_NEXT}` : 'nothing to commit');
    r.committed = committed;
  }
  return { ...r, messages: [...notices, ...recovered.map((f) => `finished an interrupted earlier write: ${f}`), ...r.messages] };
}
