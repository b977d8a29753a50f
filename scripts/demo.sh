#!/usr/bin/env bash
# The README's first command: set up, build, and boot the ping-pong example (two containers calling each other).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh
exec out/cli/codezero boot examples/pingpong/pingpong.toml
