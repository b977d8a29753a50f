#!/usr/bin/env bash
# The README's second command: set up, build, and run every test (unit, differential, QEMU, end-to-end).
set -uo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh || exit 1
mkdir -p out
dotnet test Codezero.sln -c Release --no-build -nologo --logger "console;verbosity=normal" 2>&1 | tee out/test.log
status=${PIPESTATUS[0]}
# One closing line in the plain 'N passed, N failed' form, from the runner's summary.
awk '/^Total tests:/ {t=$3} /^ +Passed:/ {p=$2} /^ +Failed:/ {f=$2} /^ +Skipped:/ {s=$2}
     END {printf "tests: %d passed, %d failed, %d skipped\n", p, f, s}' out/test.log
exit "$status"
