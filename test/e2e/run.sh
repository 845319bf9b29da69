#!/usr/bin/env bash
# Model Fit in a real VS Code: code-server setup (idempotent) → .vsix → UI end-to-end → tests in the extension host
# (trusted, then untrusted).
# Exit code: 0 only when every stage passed. Prints "N passed, M failed" (the sum of both suites) as its last line.
set -uo pipefail
cd "$(dirname "$0")/../.."
start=$(date +%s)
passed=0; failed=0
tally() { # adds a stage's "N passed, M failed" line to the totals
  local line; line=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$1" | tail -1)
  if [ -n "$line" ]; then passed=$((passed + ${line%% *})); failed=$((failed + $(echo "$line" | awk '{print $3}'))); else failed=$((failed + 1)); fi
}
log=$(mktemp -d)
trap 'rm -rf "$log"' EXIT

if ! bash test/e2e/setup-code-server.sh; then echo "e2e: setup failed"; echo "0 passed, 1 failed"; exit 1; fi

# ui.e2e.mjs packages the .vsix itself (production build); the extension-host suite then loads that same dist/.
node test/e2e/ui.e2e.mjs 2>&1 | tee "$log/ui"; ui=${PIPESTATUS[0]}; tally "$log/ui"
node test/e2e/ext-host.mjs 2>&1 | tee "$log/host"; host=${PIPESTATUS[0]}; tally "$log/host"
# The same host with workspace trust on and a workspace no one trusted (its settings point at its own files).
node test/e2e/ext-host.mjs --untrusted 2>&1 | tee "$log/untrusted"; untrusted=${PIPESTATUS[0]}; tally "$log/untrusted"

echo "e2e: ui=$ui ext-host=$host untrusted=$untrusted in $(( $(date +%s) - start )) s"
echo "$passed passed, $failed failed"
[ "$ui" = 0 ] && [ "$host" = 0 ] && [ "$untrusted" = 0 ] && [ "$failed" = 0 ]
