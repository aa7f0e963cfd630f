#!/usr/bin/env bash
# Follows the README from a fresh clone in a temporary folder: the newcomer command, the install
# from a clone (npm link, both command names), the package file run with npx, and the MCP client
# snippet's command. Needs the network (npm ci, npx). WITH_TESTS=1 also runs `npm test`.
#   bash scripts/fresh-clone-check.sh [SOURCE]     SOURCE: a clone or its URL (default: this one)
set -euo pipefail
src=${1:-$(git rev-parse --show-toplevel)}
work=$(mktemp -d)
git clone -q "$src" "$work/specscore-plans"
if [ -d "$src/../shared" ]; then ln -s "$(cd "$src/../shared" && pwd)" "$work/shared"; fi
cd "$work/specscore-plans"
step() { printf '\n== %s\n' "$*"; }

step "npm ci && npm run example"
npm ci --no-audit --no-fund 2>&1 | grep -v '^npm warn EBADENGINE' | tail -n 5
npm run example | head -n 16
if [ "${WITH_TESTS:-0}" = 1 ]; then
  step "npm test"
  npm test
fi

step "npm link --ignore-scripts (global prefix $work/global)"
export npm_config_prefix="$work/global"
npm link --ignore-scripts 2>&1 | tail -n 2
export PATH="$work/global/bin:$PATH"
for b in specplan specscore-plans whats-next; do printf '%s --version: %s (%s)\n' "$b" "$($b --version)" "$(command -v "$b")"; done
specscore-plans lint --root examples/acme-spec

step "npm pack, then npx -p ./specscore-plans-<version>.tgz"
tgz=$(npm pack --silent 2>/dev/null | tail -n 1)
(cd "$work" && npx -y -p "$work/specscore-plans/$tgz" specscore-plans --version && npx -y -p "$work/specscore-plans/$tgz" whats-next --version)

step "MCP snippet: node $work/specscore-plans/dist/src/cli/specplan.js mcp --root ..."
init='{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"check","version":"1"}}}'
printf '%s\n' "$init" | node "$work/specscore-plans/dist/src/cli/specplan.js" mcp --root "$work/specscore-plans/examples/acme-spec" 2>/dev/null | head -c 240
printf '\n\nfresh clone left in %s\n' "$work"
