#!/bin/sh
# check-elf.sh ELF [CROSS_PREFIX] [STATE]
# Fails (exit 1) if the ELF does not fit the emulated Cortex-A9 board or was
# not built the way STATE says. STATE is the instruction set of the
# program's own code:
#   thumb     Thumb-2 (-mthumb -mcpu=cortex-a9, the toolchain's default
#             multilib): main is a Thumb function (odd address);
#   arm       (the default) ARM state (-marm -mcpu=cortex-a9): main is an
#             ARM function (even address); the libraries it calls are the
#             default multilib's, Thumb-2, reached through BLX and veneers.
# Checked for every STATE:
#   1. main (when there is one) is a function in STATE's instruction set,
#   2. the entry point is word aligned in ARM state (bit 0 clear); bit 0
#      set is a Thumb entry (newlib's crt0 in the default multilib is),
#   3. no VFP or Advanced SIMD instruction and no access to coprocessors 10
#      and 11 (the board has no FPU: everything is soft float),
#   4. no SDIV/UDIV (the Cortex-A9 has no hardware divide),
#   5. every PT_LOAD segment lies inside RAM 0x60000000..0x67FFFFFF.
set -u
elf=$1
p=${2:-arm-none-eabi-}
state=${3:-arm}
bad=0

case $state in
    thumb|arm) ;;
    *) echo "check-elf.sh: unknown STATE '$state' (thumb or arm)" >&2; exit 2 ;;
esac

syms=$(${p}readelf -sW "$elf")
main=$(printf '%s\n' "$syms" | awk '$4 == "FUNC" && $8 == "main" { print $2; exit }')
if [ -n "$main" ]; then
    odd=$(( 0x$main & 1 ))
    if [ "$state" = thumb ] && [ "$odd" -ne 1 ]; then
        echo "STATE CHECK: $elf: main (0x$main) is not a Thumb function" >&2
        bad=1
    elif [ "$state" != thumb ] && [ "$odd" -ne 0 ]; then
        echo "STATE CHECK: $elf: main (0x$main) is not an ARM function" >&2
        bad=1
    fi
fi

entry=$(${p}readelf -h "$elf" | awk '/Entry point/ { print $4 }')
if [ $(( entry & 1 )) -eq 0 ] && [ $(( entry % 4 )) -ne 0 ]; then
    echo "ENTRY CHECK: $elf: ARM entry point $entry is not word aligned" >&2
    bad=1
fi
# objdump -d lines: "addr:<TAB>encoding <TAB>mnemonic<TAB>operands"; ARM
# encodings are one 8-digit word, Thumb ones "XXXX" or "XXXX XXXX".
dis=$(${p}objdump -d "$elf")
fpu=$(printf '%s\n' "$dis" | awk -F'\t' '
    $1 ~ /^ *[0-9a-f]+:$/ && ($3 ~ /^v[a-z]/ || $3 ~ /^(sdiv|udiv)/ ||
        ($3 ~ /^(mcr|mrc|mcrr|mrrc|ldc|stc|cdp)/ && $4 ~ /^p1[01],/))' | head -5)
if [ -n "$fpu" ]; then
    echo "ISA CHECK: $elf has VFP/SIMD, coprocessor 10/11 or divide instructions the board lacks:" >&2
    echo "$fpu" >&2
    bad=1
fi

# Type Offset VirtAddr PhysAddr FileSiz MemSiz ...: all hex, fits in shell arithmetic.
segs=$(${p}readelf -lW "$elf" | awk '$1 == "LOAD" { print $3, $4, $6 }')
echo "$segs" | while read -r va pa msz; do
    [ -n "$va" ] || continue
    for a in "$va" "$pa"; do
        lo=$((a))
        hi=$((a + msz))
        if [ "$lo" -lt $((0x60000000)) ] || [ "$hi" -gt $((0x68000000)) ]; then
            echo "LAYOUT CHECK: $elf has a LOAD segment at $a (size $msz) outside 0x60000000..0x67ffffff" >&2
            exit 1
        fi
    done
done || bad=1

exit $bad
