#!/bin/sh
# check-l4-elf.sh ELF [CROSS_PREFIX] [STATE] - checks an L4 program (libl4/l4.ld).
# Runs common/check-elf.sh with STATE (thumb or arm) for its
# instruction-set checks (main's state, the entry point's alignment, no
# FPU or divide instructions). Its
# layout check (5) is for programs loaded in board RAM 0x60000000..; an L4
# program is linked at user virtual addresses, so here that one complaint is
# replaced by the L4 layout rules:
#   - every PT_LOAD lies in 0x00010000..0x7FEF0000 (above page 0, below the
#     root's 64 KiB stack that ends at 0x7FF00000),
#   - executable segments are not writable (R X vs R W).
set -u
elf=$1
p=${2:-arm-none-eabi-}
state=${3:-arm}
here=$(dirname "$0")
bad=0

out=$(sh "$here/../common/check-elf.sh" "$elf" "$p" "$state" 2>&1)
if [ $? -ne 0 ]; then
    other=$(printf '%s\n' "$out" | grep -v '^LAYOUT CHECK:' | grep -v '^$')
    if [ -n "$other" ]; then
        printf '%s\n' "$out" >&2
        bad=1
    fi
fi

# Type Offset VirtAddr PhysAddr FileSiz MemSiz Flg Align
segs=$(${p}readelf -lW "$elf" | awk '$1 == "LOAD" { flg = $7; if ($8 != "" && $8 !~ /^0x/) flg = flg $8; print $3, $6, flg }')
echo "$segs" | while read -r va msz flg; do
    [ -n "$va" ] || continue
    lo=$((va))
    hi=$((va + msz))
    if [ "$lo" -lt $((0x10000)) ] || [ "$hi" -gt $((0x7FEF0000)) ]; then
        echo "L4 LAYOUT CHECK: $elf has a LOAD segment at $va (size $msz) outside 0x00010000..0x7FEEFFFF" >&2
        exit 1
    fi
    case $flg in
        *W*E*|*E*W*)
            echo "L4 LAYOUT CHECK: $elf has a writable and executable LOAD segment at $va" >&2
            exit 1 ;;
    esac
done || bad=1

exit $bad
