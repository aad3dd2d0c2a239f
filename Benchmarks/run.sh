#!/usr/bin/env bash
# Builds ezbuilt and the benchmark in release mode, then prints generation time per example
# and the practice-corpus score (`corpus: recall ... validated ...`).
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product ezbuilt >/dev/null
swift build -c release --product RequirementsBenchmark >/dev/null
bin="$(swift build -c release --show-bin-path)"
"$bin/RequirementsBenchmark" Examples "$bin/ezbuilt" "${CORPUS:-../shared/practice-corpus}"
