#!/usr/bin/env bash
# The README's second command: set up, build, and run every test (unit, differential, QEMU, end-to-end).
set -uo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh || exit 1
mkdir -p out
dotnet test Codezero.sln -c Release --no-build -nologo --logger "console;verbosity=normal" 2>&1 | tee out/test.log
status=${PIPESTATUS[0]}
# One closing line in the plain 'N passed, N failed' form, summed over the test assemblies.
grep -E "^(Passed|Failed)! +- Failed: +[0-9]+, Passed: +[0-9]+, Skipped: +[0-9]+" out/test.log \
  | sed -E 's/.*Failed: +([0-9]+), Passed: +([0-9]+), Skipped: +([0-9]+).*/\1 \2 \3/' \
  | awk '{f+=$1; p+=$2; s+=$3} END {printf "tests: %d passed, %d failed, %d skipped\n", p, f, s}'
exit "$status"
