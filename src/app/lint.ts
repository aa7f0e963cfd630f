import path from 'node:path';
import type { Diagnostic } from '../model/common.js';
import type { WorkItem } from '../model/execution.js';
import { emptyRepo, type PlanEntry, type SpecRepo } from '../model/repository.js';
import { act, UsageError } from '../model/errors.js';
import { decodingFindings, lintDocument, lintRepo, lintResultOf, lintUnits, type LintResult } from '../lint/index.js';
import { planOutline, planOutlineText, positionReads, repositoryView } from '../lint/repository-view.js';
import { decodeDocument } from '../parse/decode.js';
import { parsePlanDocument } from '../parse/plan-document.js';
import { loadConfigLazily, type LoadedConfig } from '../repo/config-source.js';
import { contentHash, effectiveCacheUse } from '../repo/document-cache.js';
import { loadExecution } from '../repo/execution.js';
import { gitTrailerItems } from '../repo/git-trailers.js';
import {
  changesSince,
  DOCUMENT_FIELDS,
  folderSeen,
  ledgerPrint,
  type LintState,
  type PlanRecord,
  planRecord,
  planRecordText,
  readLintState,
  saveLintState,
  withChanges,
} from '../repo/lint-state.js';
import { type Inventory, newInventory, readRepo } from '../repo/load.js';
import { pathScope } from '../repo/path-scope.js';
import { nearest } from './lookup.js';
import { resolveRoot } from './root.js';

/** A path given to lint that names no file, folder or plan: a usage error, with the closest plans. */
function missingPath(repo: SpecRepo, arg: string): UsageError {
  const near = nearest(arg.replace(/\/+$/, ''), repo.plans.keys());
  const guess = near.length ? `did you mean plan ${near.map((n) => `"${n}"`).join(' or ')}? ` : '';
  return new UsageError(`"${arg}" is not a file, folder or plan in this repository`, [
    `${guess}${guess ? 'See' : 'see'} the plan paths with `,
    act({ do: 'status' }),
    ', or lint everything by giving no path',
  ]);
}

/**
 * The root-relative paths that `paths` name (relative to `cwd` when given, else to the root,
 * else plan paths), for limiting the findings. A path that names nothing is a usage error (a
 * misspelt path in CI must not pass as clean): `missing` builds it. So is a file under
 * spec/plans/ that is not read as a plan (it would lint clean): `unreadWhy` says why it is not.
 */
function pathFilters(
  root: string,
  paths: readonly string[],
  cwd: string | undefined,
  missing: (arg: string) => UsageError,
  unreadWhy: (file: string) => string | null,
): string[] {
  const filters: string[] = [];
  for (const arg of paths) {
    const scope = pathScope(root, arg, cwd);
    if (!scope.exists) throw missing(arg);
    if (scope.path !== '') filters.push(scope.path);
  }
  for (const f of filters) {
    const why = unreadWhy(f);
    if (why !== null)
      throw new UsageError(`${f} is not a document specplan reads: ${why}`, 'rename or move it to where a plan is read, or lint the repository as a whole');
  }
  return filters;
}

/** Why the loader did not read `file` as a plan, when it says so. */
function unreadIn(findings: readonly Diagnostic[]): (file: string) => string | null {
  return (file) => findings.find((d) => d.rule === 'plan/unread-file' && d.file === file)?.message ?? null;
}

/**
 * `specplan lint [PATH…]` and the `lint_plans` tool: every finding of the repository, limited to
 * `paths` (see `pathFilters`). With the execution items, lint checks everything `specplan index
 * --check` checks; the ledger's own problems are reported as findings in
 * `.specscore/work-items.yaml`.
 */
export function lintPlans(
  repo: SpecRepo,
  paths: readonly string[],
  opts: { cwd?: string; items?: readonly WorkItem[]; ledgerFindings?: readonly Diagnostic[] } = {},
): LintResult {
  const filters = pathFilters(repo.root, paths, opts.cwd, (arg) => missingPath(repo, arg), unreadIn(repo.findings));
  return lintRepo(repo, { paths: filters, ...(opts.items ? { items: opts.items } : {}), ...(opts.ledgerFindings ? { findings: opts.ledgerFindings } : {}) });
}

/**
 * `specplan lint [PATH…]` as the command runs it, with the lint state under `.specscore/cache/`:
 * when the state shows that only the prose of some plans changed since the last run (every
 * folder as it was, every other document byte for byte, the same configuration, ledger,
 * trailers and linked files, and each changed plan the same outline), only those plans are read
 * and linted again, and the repository rules' findings are kept. Otherwise the repository is
 * read and linted whole (`lintWhole`), and the state written for the next run. The findings are
 * the same either way. `relinted` names the plans linted again from the state, or is null after a
 * full run.
 */
export async function lintWorkspace(opts: {
  root?: string | undefined;
  cwd?: string;
  paths: readonly string[];
}): Promise<{ result: LintResult; relinted: string[] | null }> {
  const root = path.resolve(resolveRoot(opts));
  const startedAt = Date.now();
  const trailers = gitTrailerItems(root);
  trailers.catch(() => undefined); // awaited below
  const loaded = await loadConfigLazily(root, 'write');
  const use = effectiveCacheUse('write', loaded.config.cache);
  const config = configPrint(loaded);
  if (use !== 'off') {
    const state = readLintState(root);
    const warm = state && state.config === config ? await relint(root, state, startedAt, loaded, opts, trailers) : null;
    if (warm) return warm;
  }
  const ledger = ledgerPrint(root);
  const { result, state } = await lintWhole(root, loaded, use === 'write' && ledger !== null, opts, trailers, startedAt);
  // The repository is no longer held here, so its model can be collected while the state is written.
  if (state && ledger !== null) saveLintState(root, { ...state, config, ledger });
  return { result, relinted: null };
}

/**
 * Read the whole repository and lint it; when `record`, also what the lint state keeps (all
 * but the configuration and ledger fingerprints), unless the load met something a stat key
 * cannot vouch for.
 */
async function lintWhole(
  root: string,
  loaded: LoadedConfig,
  record: boolean,
  opts: { cwd?: string; paths: readonly string[] },
  trailers: ReturnType<typeof gitTrailerItems>,
  startedAt: number,
): Promise<{ result: LintResult; state: Omit<LintState, 'config' | 'ledger'> | null }> {
  const inventory = newInventory();
  const reading = loadExecution(root, trailers);
  reading.catch(() => undefined);
  const repo = readRepo(root, loaded, record ? { cache: 'write', inventory } : { cache: effectiveCacheUse('write', loaded.config.cache) });
  const execution = await reading;
  const queried = new Map<string, boolean>();
  const exists = repo.exists;
  if (exists)
    repo.exists = (rel) => {
      const v = exists(rel);
      queried.set(rel, v);
      return v;
    };
  const filters = pathFilters(root, opts.paths, opts.cwd, (arg) => missingPath(repo, arg), unreadIn(repo.findings));
  const outline = repositoryView(repo);
  // Taken before linting, so that hashing the outlines leaves no garbage at the rules' peak.
  const kept = record && inventory.complete ? keptFromLoad(root, repo, outline, inventory, startedAt) : null;
  const units = lintUnits(repo, { items: execution.items, findings: execution.findings }, outline);
  const result = lintResultOf(units, { paths: filters });
  if (!kept) return { result, state: null };
  // The positions each plan's outline gave the repository rules are known once they ran.
  const plans = new Map<string, string>();
  for (const e of outline.plans.values()) {
    const record = kept.plans.get(e.file)!;
    plans.set(e.file, planRecordText({ ...record, positions: positionsRead(e) }));
  }
  return {
    result,
    state: {
      ...kept,
      plans,
      trailers: trailerPrint(execution.items),
      exists: [...queried],
      documentFindings: units.documents,
      repositoryFindings: units.repository,
    },
  };
}

/** `PlanRecord.positions` of a plan's outline after the repository rules ran over it. */
function positionsRead(outline: PlanEntry): string {
  const reads = positionReads(outline);
  if (!reads || reads.all) return `*${contentHash(outline.parsed.positions.listing())}`;
  return JSON.stringify([...reads.keys].map(([key, at]) => (at ? [key, at.line, at.column] : [key])));
}

/** Whether a plan's `positions` agree with those the repository rules read of it (`PlanRecord.positions`). */
function positionsAgree(recorded: string, positions: PlanEntry['parsed']['positions']): boolean {
  if (recorded.startsWith('*')) return recorded === `*${contentHash(positions.listing())}`;
  let reads: unknown;
  try {
    reads = JSON.parse(recorded);
  } catch {
    return false;
  }
  if (!Array.isArray(reads)) return false;
  return reads.every((r: unknown) => {
    if (!Array.isArray(r) || typeof r[0] !== 'string') return false;
    const at = positions.get(r[0]);
    return r.length === 1 ? at === undefined : r.length === 3 && at !== undefined && at.line === r[1] && at.column === r[2];
  });
}

/**
 * What the lint state keeps of a load, or null when the load met something a stat key cannot
 * vouch for; each plan's record lacks the positions the repository rules will read.
 */
function keptFromLoad(
  root: string,
  repo: SpecRepo,
  outline: SpecRepo,
  inventory: Inventory,
  startedAt: number,
): (Pick<LintState, 'format' | 'folders' | 'folderSeen' | 'documents' | 'documentSeen' | 'hashes' | 'unread'> & { plans: Map<string, PlanRecord> }) | null {
  const folders = ['spec', ...inventory.folders];
  const seen = folderSeen(root, folders, startedAt);
  if (!seen) return null;
  const documents = [...inventory.documents.keys()];
  const documentSeen = new Float64Array(documents.length * DOCUMENT_FIELDS);
  const hashes: string[] = [];
  documents.forEach((rel, i) => {
    const d = inventory.documents.get(rel)!;
    documentSeen.set([...d.key, startedAt], i * DOCUMENT_FIELDS);
    hashes.push(d.hash);
  });
  const decoding = decodingFindings(repo);
  const plans = new Map<string, PlanRecord>();
  for (const e of outline.plans.values()) {
    const how = inventory.documents.get(e.file)?.how;
    if (how === undefined) return null;
    plans.set(e.file, {
      path: e.path,
      file: e.file,
      parent: e.parent,
      children: e.children,
      extraFiles: e.extraFiles,
      acs: e.acs,
      reports: e.reports,
      how,
      outline: contentHash(planOutlineText(e, decoding.get(e.file) ?? [])),
      positions: '',
    });
  }
  return {
    format: repo.format ?? null,
    folders,
    folderSeen: seen,
    documents,
    documentSeen,
    hashes,
    plans,
    unread: repo.findings.filter((d) => d.rule === 'plan/unread-file').map((d) => [d.file, d.message]),
  };
}

/** The fingerprint of the configuration a lint ran under. */
function configPrint(loaded: LoadedConfig): string {
  return JSON.stringify([loaded.file, loaded.config, loaded.findings]);
}

/** The fingerprint of the trailer items among `items`. */
function trailerPrint(items: readonly WorkItem[]): string {
  return contentHash(JSON.stringify(items.filter((i) => i.source === 'trailer')));
}

/**
 * How many documents may have changed since the lint state was written before a run writes it
 * anew; until then each run finds them changed again and relints them (a few milliseconds each).
 */
const REWRITE_AFTER = 32;

/** A plan document parsed as the loader parsed it (`how`), or null for a way this build does not know. */
function parseAs(how: string, text: string, file: string): PlanEntry['parsed'] | null {
  if (how === 'plan') return parsePlanDocument(text, file);
  if (how === 'plan:specscore') return parsePlanDocument(text, file, 'specscore');
  if (how === 'plan:auto') return parsePlanDocument(text, file);
  return null;
}

/**
 * Lint again from `state`, reading only the documents that changed: null when the state cannot
 * stand for the repository as it is now (see `changesSince`), the trailers changed, a changed
 * document is not a plan or looks different to the repository rules (its outline), or a path
 * given names nothing (the full run then says so).
 */
async function relint(
  root: string,
  state: LintState,
  startedAt: number,
  loaded: LoadedConfig,
  opts: { cwd?: string; paths: readonly string[] },
  trailers: Promise<{ items: WorkItem[] }>,
): Promise<{ result: LintResult; relinted: string[] } | null> {
  const since = changesSince(root, state);
  if (!since) return null;
  if (trailerPrint((await trailers).items) !== state.trailers) return null;
  const base = emptyRepo(root, loaded.config, loaded.file, state.format ?? undefined);
  const documentFindings = new Map(state.documentFindings);
  for (const c of since.changed) {
    const plan = planRecord(state, c.rel);
    if (!plan) return null;
    const decoding: Diagnostic[] = [];
    const text = decodeDocument(c.rel, c.bytes, decoding);
    const parsed = text === null ? null : parseAs(plan.how, text, c.rel);
    if (text === null || parsed === null) return null;
    const entry: PlanEntry = { ...plan, text, parsed };
    if (contentHash(planOutlineText(planOutline(entry), decoding)) !== plan.outline || !positionsAgree(plan.positions, parsed.positions)) return null;
    documentFindings.set(c.rel, lintDocument(base, entry, decoding));
  }
  if (opts.paths.some((arg) => !pathScope(root, arg, opts.cwd).exists)) return null;
  const unread = new Map(state.unread);
  const filters = pathFilters(
    root,
    opts.paths,
    opts.cwd,
    (arg) => new UsageError(`"${arg}" is not a file, folder or plan in this repository`),
    (f) => unread.get(f) ?? null,
  );
  // The state still stands for every document it knows: the changed ones are seen again (and
  // linted again, which costs little) until enough have changed to be worth writing it anew.
  if (since.changed.length + since.rekeyed.length >= REWRITE_AFTER) saveLintState(root, withChanges(state, since, documentFindings, startedAt));
  return {
    result: lintResultOf({ documents: documentFindings, repository: state.repositoryFindings }, { paths: filters }),
    relinted: since.changed.map((c) => c.rel),
  };
}
