#!/usr/bin/env bash
# The README's first command: set up, build, and boot the kernel with two example containers on four cores.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh
exec out/cli/codezero kernel --cpus 4 --stats guests/build/l4/hello.elf guests/build/l4/threads4.elf
