#!/usr/bin/env bash
# The README's first command: set up, build, and boot the bundled example on the emulated board.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh
exec out/cli/codezero run --summary guests/build/hello.elf
