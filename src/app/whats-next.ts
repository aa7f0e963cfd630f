import { today as clockToday } from './clock.js';
import type { ModelChoice } from './llm.js';
import type { WorkspaceOptions } from './workspace.js';
import { act, RepoError, UsageError, type Hint } from '../model/errors.js';
import { WHATS_NEXT } from '../model/repository.js';
import type { Mode, Usage } from '../model/whats-next-report.js';
import { DEFAULT_TOP } from '../model/whats-next-state.js';
import { readIfPresent, refusalError } from '../repo/refusal.js';
import { READ_LIMITS } from '../repo/safe-read.js';
import { findRoot } from '../repo/root.js';
import type { GenerateResult } from '../whats-next/generate.js';
import { quickCheck } from './whats-next-quick-check.js';

/** How to regenerate the report. */
export interface RunOptions extends WorkspaceOptions {
  /** `auto` follows `planning.whats_next` (a bare `whats-next`). */
  mode: Mode | 'auto';
  dryRun?: boolean | undefined;
  /** Only report whether the file is current; never writes, never calls a model. */
  check?: boolean | undefined;
  commit?: boolean | undefined;
  /** The model for Reasoning and Outstanding Questions (flags, MCP sampling). */
  model?: ModelChoice | undefined;
  /** Today YYYY-MM-DD; default the one clock. */
  today?: string | undefined;
  /** Recommendations listed (default 5). */
  top?: number | undefined;
  signal?: AbortSignal | undefined;
  /** The caller needs the report model (JSON output): skip the no-parse shortcut. */
  json?: boolean | undefined;
}

/** What a run did. */
type RunStatus = 'written' | 'up-to-date' | 'dry-run' | 'current' | 'stale' | 'disabled';

/** The outcome of a run, with messages for the face to show. */
export interface RunResult {
  status: RunStatus;
  /** Null when disabled, or when the fast check found nothing changed (the file is left as is). */
  result: GenerateResult | null;
  /** A commit was made. */
  committed: boolean;
  /** One sentence each; a hint where it names something to do. */
  messages: Array<string | Hint>;
  usage: Usage;
}

/** The previous report, null when there is none; one that cannot be read stops the run (exit 2). */
function readCurrent(root: string): string | null {
  const read = readIfPresent(root, WHATS_NEXT, READ_LIMITS.document);
  if (read === null) return null;
  if (!read.ok) throw refusalError(WHATS_NEXT, read.refusal, 'or delete it to write a fresh report');
  return read.bytes.toString('utf8');
}

/** The ledger's first error: What's Next reads progress from it, so it stops the run. */
async function checkLedger(root: string): Promise<void> {
  const { readLedger } = await import('../repo/execution.js');
  const bad = (await readLedger(root)).findings.find((f) => f.severity === 'error');
  if (bad) throw new RepoError(`${bad.file}:${bad.line}: ${bad.message}`, "fix the work-items ledger; What's Next reads progress from it");
}

async function commitReport(root: string, mode: Mode): Promise<boolean> {
  const { commitOnly } = await import('../repo/report-commit.js');
  return commitOnly(root, WHATS_NEXT, `chore: update WHATS-NEXT.md (${mode})`);
}

const NO_USAGE: Usage = { llmCalls: 0, inputTokens: 0, outputTokens: 0 };

async function check(o: RunOptions & { root: string }, today: string, top: number): Promise<RunResult> {
  const previousText = readCurrent(o.root);
  if (!o.json && (await quickCheck(o.root, previousText, top)).current) {
    return { status: 'current', result: null, committed: false, messages: [`${WHATS_NEXT} is up to date`], usage: NO_USAGE };
  }
  await checkLedger(o.root);
  const [{ generateWhatsNext }, { rawPrints }, { openState }] = await Promise.all([
    import('../whats-next/generate.js'),
    import('../repo/raw-prints.js'),
    import('./workspace.js'),
  ]);
  const { repo, items } = await openState({ root: o.root, dryRun: o.dryRun === true || o.check === true });
  const raw = await rawPrints(o.root, () => [...repo.features.values()].map((f) => [f.path, f.text] as const), '-');
  const result = await generateWhatsNext({ repo, items, previousText, mode: 'incremental', today, top, llm: null, raw });
  const messages = result.current
    ? [`${WHATS_NEXT} is up to date`]
    : [[`${WHATS_NEXT} is out of date${result.notes.length ? ` (${result.notes[0]})` : ''}; run `, act({ do: 'whats-next', mode: 'incremental' })]];
  return { status: result.current ? 'current' : 'stale', result, committed: false, messages, usage: NO_USAGE };
}

/**
 * Regenerate spec/plans/WHATS-NEXT.md (CLI `whats-next` and the MCP `regenerate_whats_next`
 * tool): recognize an unchanged repository without parsing it; otherwise generate from the
 * repository and execution status as one operation of the unit of work (lock, fresh load,
 * journaled write); optionally commit only that file. A check never writes and never calls a model.
 */
export async function runWhatsNextUpdate(opts: RunOptions): Promise<RunResult> {
  const o = { ...opts, root: findRoot(opts.root, opts.cwd) };
  const today = o.today ?? clockToday();
  const top = o.top ?? DEFAULT_TOP;
  if (o.model?.provider !== undefined) {
    const { PROVIDER_CHOICES } = await import('../model/config-defaults.js');
    if (!(PROVIDER_CHOICES as readonly string[]).includes(o.model.provider.trim().toLowerCase())) {
      throw new UsageError(`unknown provider "${o.model.provider}"`, `use one of ${PROVIDER_CHOICES.join(', ')}`);
    }
  }
  if (o.check) return check(o, today, top);
  let mode: Mode;
  if (o.mode === 'auto') {
    const { loadConfig } = await import('../repo/config.js');
    const loaded = loadConfig(o.root);
    const setting = loaded.config.whats_next;
    if (setting === 'disabled') {
      const why =
        loaded.file === null
          ? 'there is no configuration file (specscore.yaml), so a run that names no mode does nothing; run '
          : `planning.whats_next is "disabled" in ${loaded.file}, so a run that names no mode does nothing; run `;
      const setIt =
        loaded.file === null ? ', or create specscore.yaml with planning.whats_next: incremental' : ', or set planning.whats_next to incremental or full';
      const messages = [[why, act({ do: 'whats-next', mode: 'incremental' }), ' or ', act({ do: 'whats-next', mode: 'full' }), setIt]];
      return { status: 'disabled', result: null, committed: false, messages, usage: NO_USAGE };
    }
    mode = setting;
  } else mode = o.mode;

  if (mode === 'incremental' && !o.json && !o.dryRun && (await quickCheck(o.root, readCurrent(o.root), top)).current) {
    const messages: RunResult['messages'] = [`${WHATS_NEXT} is up to date`];
    const committed = o.commit ? await commitReport(o.root, 'incremental') : false;
    if (o.commit) messages.push(committed ? `committed ${WHATS_NEXT}` : 'nothing to commit');
    return { status: 'up-to-date', result: null, committed, messages, usage: NO_USAGE };
  }
  await checkLedger(o.root);
  const [{ generateWhatsNext }, { rawPrints }, { runOperation }, { openModel }, trackedBefore] = await Promise.all([
    import('../whats-next/generate.js'),
    import('../repo/raw-prints.js'),
    import('./unit-of-work.js'),
    import('./llm.js'),
    // Taken before the repository is read, compared after (see rawPrints).
    import('../repo/tracked-print.js').then((m) => m.trackedPrint(o.root)),
  ]);
  let usage: Usage = NO_USAGE;
  const notices: string[] = []; // a stale lock taken over: reported with the run's other messages
  const outcome = await runOperation(
    o.root,
    async (ctx) => {
      const previousText = readCurrent(ctx.root);
      const raw = await rawPrints(ctx.root, () => [...ctx.repo.features.values()].map((f) => [f.path, f.text] as const), trackedBefore);
      const model = await openModel(ctx.repo.config.llm, o.model);
      try {
        const result = await generateWhatsNext({
          repo: ctx.repo,
          items: ctx.items,
          previousText,
          mode,
          today,
          top,
          llm: { provider: model.provider, prompts: model.prompts, maxAttempts: ctx.repo.config.llm.max_attempts, signal: o.signal },
          raw,
        });
        return { changes: result.changed ? [{ file: WHATS_NEXT, content: result.text, before: previousText }] : [], result, sync: false };
      } finally {
        usage = model.usage().totals;
      }
    },
    { today, dryRun: o.dryRun === true, notify: (m) => notices.push(m) },
  );
  const result = outcome.result;
  const messages: RunResult['messages'] = [...notices, ...outcome.recovered.map((f) => `finished an interrupted earlier write: ${f}`), ...result.notes];
  if (o.dryRun) return { status: 'dry-run', result, committed: false, messages, usage };
  messages.push(result.changed ? `wrote ${WHATS_NEXT} (${result.mode})` : `${WHATS_NEXT} is up to date`);
  const committed = o.commit ? await commitReport(o.root, result.mode) : false;
  if (o.commit) messages.push(committed ? `committed ${WHATS_NEXT}` : 'nothing to commit');
  return { status: result.changed ? 'written' : 'up-to-date', result, committed, messages, usage };
}

/** The committed report as a reader sees it. */
export interface WhatsNextSummary {
  exists: boolean;
  generated: string | null;
  mode: string | null;
  /** Recommended plan paths, in rank order. */
  recommended: string[];
  /** The visible report (state comment removed), ending with a newline; empty when missing. */
  markdown: string;
}

/** Read spec/plans/WHATS-NEXT.md: its header fields, recommended plans and visible text. */
export async function readWhatsNext(opts: WorkspaceOptions): Promise<WhatsNextSummary> {
  const text = readCurrent(findRoot(opts.root, opts.cwd));
  if (text === null) return { exists: false, generated: null, mode: null, recommended: [], markdown: '' };
  const [{ splitReport }, { summarizeReport }] = await Promise.all([import('../parse/whats-next-state.js'), import('../parse/whats-next.js')]);
  const body = splitReport(text).body.trimEnd();
  return { exists: true, ...summarizeReport(body), markdown: `${body}\n` };
}

/** The visible part of a generated report (state comment removed), ending with a newline. */
export async function visibleReport(text: string): Promise<string> {
  const { splitReport } = await import('../parse/whats-next-state.js');
  return `${splitReport(text).body.trimEnd()}\n`;
}
