#!/bin/sh
# run-qemu-smp.sh ELF
#
# Runs a bare-metal SMP program (guests/baremetal) on QEMU's 4-core
# vexpress-a9 with semihosting. Prints only the guest's output on stdout
# (QEMU's own messages stay on stderr) and exits with the guest's exit
# status, or 124 on timeout.
#
# The programs print with SYS_WRITE0, which QEMU sends to its semihosting
# console. Without a chardev= that console is QEMU's stderr, so the script
# attaches it to a stdio chardev (the serial port and monitor are off).
#
# The cores run on one host thread (-accel tcg,thread=single): QEMU's
# multi-threaded TCG once stopped making progress in `sgi` during a test run
# on a loaded 2-core machine, and the reference must not hang.
#
# Environment: QEMU_SYSTEM (default qemu-system-arm), QEMU_TIMEOUT seconds
# (default 60), QEMU_SMP (default 4), QEMU_MEM (default 128M), QEMU_ACCEL
# (default tcg,thread=single), QEMU_EXTRA (extra qemu options, e.g.
# "-d int,guest_errors -D int.log").
set -u
if [ $# -ne 1 ]; then
    echo "usage: $0 ELF" >&2
    exit 2
fi
elf=$1
if [ ! -f "$elf" ]; then
    echo "$0: no such file: $elf" >&2
    exit 2
fi
QEMU_AUDIO_DRV=none exec timeout --foreground -k 5 "${QEMU_TIMEOUT:-60}" \
    "${QEMU_SYSTEM:-qemu-system-arm}" -M vexpress-a9 -smp "${QEMU_SMP:-4}" \
    -accel "${QEMU_ACCEL:-tcg,thread=single}" -m "${QEMU_MEM:-128M}" -nographic -monitor none -serial null \
    -chardev stdio,id=semihost \
    -semihosting-config enable=on,target=native,chardev=semihost ${QEMU_EXTRA:-} \
    -kernel "$elf" </dev/null
