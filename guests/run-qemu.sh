#!/bin/sh
# run-qemu.sh ELF [ARGS...]
#
# Reference runner: runs a guest ELF on QEMU's vexpress-a9 board with
# semihosting, passes ARGS as the semihosting command line (argv[0] is the
# ELF's base name without .elf), prints only the guest's stdout (guest stderr
# goes to stderr) and exits with the guest's exit status.
#
# Environment: QEMU_SYSTEM (default qemu-system-arm), QEMU_TIMEOUT seconds
# (default 120; exit status 124 on timeout), QEMU_MEM (default 128M),
# QEMU_EXTRA (extra qemu options, e.g. "-d int -D int.log").
set -u
if [ $# -lt 1 ]; then
    echo "usage: $0 ELF [ARGS...]" >&2
    exit 2
fi
elf=$1
shift
if [ ! -f "$elf" ]; then
    echo "$0: no such file: $elf" >&2
    exit 2
fi

# QEMU option values escape ',' as ',,'.
esc() { printf '%s' "$1" | sed 's/,/,,/g'; }

name=$(basename "$elf" .elf)
cfg="enable=on,target=native,arg=$(esc "$name")"
for a in "$@"; do
    cfg="$cfg,arg=$(esc "$a")"
done

QEMU_AUDIO_DRV=none exec timeout --foreground -k 5 "${QEMU_TIMEOUT:-120}" \
    "${QEMU_SYSTEM:-qemu-system-arm}" -M vexpress-a9 -m "${QEMU_MEM:-128M}" \
    -nographic -monitor none -serial null \
    -semihosting-config "$cfg" ${QEMU_EXTRA:-} \
    -kernel "$elf" </dev/null
