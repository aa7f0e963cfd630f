#!/usr/bin/env bash
# Hand a plan to Task Master and let it choose the next step.
#
# Installs task-master-ai from npm into a temporary folder (network: the npm registry), exports
# two plans with `specplan export --to taskmaster` (statuses from a ledger that marks some steps
# done), runs Task Master's own `list` and `next` on them, and checks that `next` picked a step
# whose dependencies are all done. Not part of `npm test` (it needs the network).
#
# Usage: npm run build && bash bench/taskmaster-check.sh
# Env:   TASKMASTER_VERSION (default 0.43.1), KEEP=1 keeps the temporary folder.
set -euo pipefail

PROJECT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SPECPLAN="$PROJECT/dist/src/cli/specplan.js"
CORPUS="$PROJECT/../shared/corpora/synchestra-spec"
VERSION="${TASKMASTER_VERSION:-0.43.1}"
[ -f "$SPECPLAN" ] || { echo "taskmaster-check: $SPECPLAN is missing; run npm run build first" >&2; exit 2; }

WORK="$(mktemp -d "${TMPDIR:-/tmp}/taskmaster-check-XXXXXX")"
cleanup() { if [ "${KEEP:-0}" = 1 ]; then echo "kept $WORK"; else rm -rf "$WORK"; fi; }
trap cleanup EXIT

echo "== node $(node --version), installing task-master-ai@$VERSION into $WORK/tm"
start=$(date +%s)
npm install --prefix "$WORK/tm" "task-master-ai@$VERSION" --no-audit --no-fund --loglevel=error >/dev/null
echo "   installed in $(( $(date +%s) - start )) s: $("$WORK/tm/node_modules/.bin/task-master" --version 2>/dev/null | tail -1)"
TM="$WORK/tm/node_modules/.bin/task-master"

# check PROJECT_DIR: `next --format json` must name a pending task whose dependencies are all done in tasks.json.
check_next() {
  local dir="$1"
  (cd "$dir" && "$TM" next --format json 2>/dev/null) >"$dir/next.json"
  node --input-type=module - "$dir" <<'EOF'
import { readFileSync } from 'node:fs';
const dir = process.argv[2];
const next = JSON.parse(readFileSync(`${dir}/next.json`, 'utf8'));
const task = next.task ?? next.data?.task ?? next;
const file = JSON.parse(readFileSync(`${dir}/.taskmaster/tasks/tasks.json`, 'utf8'));
const tasks = (file.master ?? file).tasks;
const status = new Map();
for (const t of tasks) {
  status.set(String(t.id), t.status);
  for (const s of t.subtasks ?? []) status.set(`${t.id}.${s.id}`, s.status);
}
if (!task || task.id === undefined) { console.error('taskmaster-check: next returned no task:', JSON.stringify(next).slice(0, 300)); process.exit(1); }
const id = String(task.id);
const deps = (task.dependencies ?? []).map((d) => (String(d).includes('.') || !id.includes('.') ? String(d) : `${id.split('.')[0]}.${d}`));
const undone = deps.filter((d) => status.get(d) !== 'done');
if (status.get(id) === 'done' || undone.length) { console.error(`taskmaster-check: next picked ${id} (${status.get(id)}) with unfinished dependencies ${undone.join(', ')}`); process.exit(1); }
console.log(`OK: next picked ${id} "${task.title}" (plan step ${id}); its dependencies ${deps.length ? deps.join(', ') : '(none)'} are done`);
EOF
}

run_plan() {
  local name="$1" plan="$2" ledger="$3"
  local repo="$WORK/$name"
  mkdir -p "$repo/.specscore"
  printf '%s' "$ledger" >"$repo/.specscore/work-items.yaml"
  echo
  echo "== $plan: ledger"
  sed 's/^/   /' "$repo/.specscore/work-items.yaml"
  (cd "$repo" && node "$SPECPLAN" export "$plan" --to taskmaster --out .taskmaster/tasks/tasks.json 2>/dev/null)
  echo "== task-master list --with-subtasks"
  (cd "$repo" && "$TM" list --with-subtasks 2>&1)
  echo "== task-master next"
  (cd "$repo" && "$TM" next 2>&1)
  check_next "$repo"
}

# 1. The corpus plan chat-feature/chat-infrastructure (9 steps): steps 1-3 done.
mkdir -p "$WORK/chat"
cp -r "$CORPUS/spec" "$WORK/chat/spec"
run_plan chat chat-feature/chat-infrastructure 'items:
  - { id: CHAT-1, plan: chat-feature/chat-infrastructure, step: "1", status: done, updated: 2026-03-16 }
  - { id: CHAT-2, plan: chat-feature/chat-infrastructure, step: "2", status: done, updated: 2026-03-17 }
  - { id: CHAT-3, plan: chat-feature/chat-infrastructure, step: "3", status: done, updated: 2026-03-18 }
'

# 2. The seed's example plan (a sub-step 2.1): step 1 done, step 2 started, so Task Master looks at sub-task 2.1.
mkdir -p "$WORK/batch/spec/plans/add-batch-mode" "$WORK/batch/spec/features/cli"
cp "$PROJECT/test/support/fixtures/interop/plans/add-batch-mode.md" "$WORK/batch/spec/plans/add-batch-mode/README.md"
printf '# Feature: CLI\n\n**Status:** Approved\n' >"$WORK/batch/spec/features/cli/README.md"
run_plan batch add-batch-mode 'items:
  - { id: B-1, plan: add-batch-mode, step: "1", status: done, updated: 2026-03-16 }
  - { id: B-2, plan: add-batch-mode, step: "2", status: in_progress, updated: 2026-03-17 }
'
echo
echo "taskmaster-check: passed"
