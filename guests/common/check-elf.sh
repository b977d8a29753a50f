#!/bin/sh
# check-elf.sh ELF [CROSS_PREFIX]
# Fails (exit 1) if the ELF contains any sign of Thumb code or does not fit
# the board. The emulated CPU executes only A32 (ARM state), so every
# instruction must be ARM state:
#   1. no "$t" (Thumb code) mapping symbols,
#   2. no STT_FUNC symbol with an odd address (Thumb entry points),
#   3. no 16-bit / 32-bit Thumb encodings and no BLX <imm> in the disassembly,
#   4. ELF entry point is word aligned,
#   5. every PT_LOAD segment lies inside RAM 0x60000000..0x67FFFFFF.
set -u
elf=$1
p=${2:-arm-none-eabi-}
bad=0

t=$(${p}nm --special-syms "$elf" | awk '$3 ~ /^\$t(\.|$)/' | head -5)
if [ -n "$t" ]; then
    echo "THUMB CHECK: $elf has Thumb mapping symbols:" >&2
    echo "$t" >&2
    bad=1
fi

odd=$(${p}readelf -sW "$elf" | awk '$4 == "FUNC" && $2 ~ /[13579bdfBDF]$/' | head -5)
if [ -n "$odd" ]; then
    echo "THUMB CHECK: $elf has FUNC symbols at odd (Thumb) addresses:" >&2
    echo "$odd" >&2
    bad=1
fi

# ARM-state lines look like "addr:\tXXXXXXXX \tmnemonic"; Thumb lines show
# "XXXX" or "XXXX XXXX". BLX with an immediate target always switches to Thumb.
dis=$(${p}objdump -d "$elf" | grep -E \
    -e '^ *[0-9a-f]+:[[:space:]]+[0-9a-f]{4}( [0-9a-f]{4})?[[:space:]]' \
    -e '^ *[0-9a-f]+:[[:space:]]+[0-9a-f]{8}[[:space:]]+blx[[:space:]]+[0-9a-f]+ ' |
    grep -v -E '\.(short|byte|hword|2byte)' | head -5)
if [ -n "$dis" ]; then
    echo "THUMB CHECK: $elf disassembles to Thumb instructions / BLX imm:" >&2
    echo "$dis" >&2
    bad=1
fi

entry=$(${p}readelf -h "$elf" | awk '/Entry point/ { print $4 }')
if [ $(( entry % 4 )) -ne 0 ]; then
    echo "THUMB CHECK: $elf entry point $entry is not word aligned" >&2
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
