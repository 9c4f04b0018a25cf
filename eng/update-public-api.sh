#!/usr/bin/env bash
# Regenerates PublicAPI.Unshipped.txt of every library under src/ from the compiler's view of
# its public surface (RS0016 diagnostics). Review the diff: it is the public API change.
set -euo pipefail
cd "$(dirname "$0")/.."
# The core first: the others reference it.
for proj in src/ChatFlow/ChatFlow.csproj $(ls src/*/*.csproj | grep -v "^src/ChatFlow/"); do
  dir=$(dirname "$proj")
  printf '#nullable enable\n' > "$dir/PublicAPI.Unshipped.txt"
  # Only this project's own diagnostics count (the build also reports referenced projects).
  log=$(mktemp)
  dotnet build "$proj" -c Debug --no-incremental -p:TreatWarningsAsErrors=false -p:WarningsAsErrors= 2>&1 > "$log" || true
  grep "^$PWD/$dir/" "$log" | grep -oP "RS0016: Symbol '\K.*(?=' is not part of the declared public API)" \
    | grep -v "^$" | sort -u >> "$dir/PublicAPI.Unshipped.txt" || true
  rm -f "$log"
  echo "$dir: $(($(wc -l < "$dir/PublicAPI.Unshipped.txt") - 1)) unshipped symbols"
done
