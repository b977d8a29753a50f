#!/usr/bin/env bash
# Builds everything the examples and tests use: guest ELFs, the solution, and the published NativeAOT CLI.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
make -s -C guests -j"$(nproc)"
dotnet build Codezero.sln -c Release -v quiet -nologo
dotnet publish cli/Codezero.Cli.csproj -c Release -r linux-x64 -o out/cli -v quiet -nologo
