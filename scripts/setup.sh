#!/usr/bin/env bash
# Installs what the project needs on a Debian machine when it is missing: the ARM cross toolchain,
# the reference emulators (Unicorn, QEMU) and the native linker NativeAOT uses. Safe to run again.
set -euo pipefail

packages=(
  gcc-arm-none-eabi        # cross compiler for the guest programs
  libnewlib-arm-none-eabi  # C library (rdimon semihosting specs) for the guests
  libunicorn2              # reference CPU for the differential fuzzer (libunicorn.so.2)
  qemu-user                # qemu-arm: reference for guest programs and the speed ratio
  qemu-system-arm          # qemu-system-arm -M vexpress-a9: whole-board reference
  make                     # builds guests/
  gcc                      # native linker used by NativeAOT publish
  libc6-dev
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}" >&2
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { echo "setup: need root (or sudo) to install: ${missing[*]}" >&2; exit 1; }
    sudo="sudo"
  fi
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if ! command -v dotnet >/dev/null; then
  echo "setup: the .NET 10 SDK (dotnet) is required and is not on PATH" >&2
  exit 1
fi
