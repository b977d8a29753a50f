#!/bin/sh
# check-baremetal.sh BUILD_DIR PROGRAM...
#
# Runs every BUILD_DIR/<program>.elf RUNS times (default 3, env
# BM_RUNS) on QEMU's 4-core vexpress-a9 through run-qemu-smp.sh. A program
# passes when every run gives the same stdout and exit status (determinism
# whatever the order in which QEMU runs the cores), the output is not
# empty, no run timed out, and, when baremetal/expected/<program>.out and
# .status exist, the output and status equal them.
# Prints a summary table; exit status 1 if anything failed.
set -u
build=$1
shift
here=$(cd "$(dirname "$0")" && pwd)
runs=${BM_RUNS:-3}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/bm-check.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM

fails=0
printf '%-14s %-12s %6s %6s %-10s %-9s %s\n' PROGRAM STATUSES EXPECT LINES IDENTICAL EXPECTED RESULT
for p in "$@"; do
    elf=$build/$p.elf
    statuses=""
    same=yes
    timeout=no
    i=1
    while [ "$i" -le "$runs" ]; do
        sh "$here/run-qemu-smp.sh" "$elf" >"$tmp/$p.$i" 2>"$tmp/$p.$i.err"
        st=$?
        [ "$st" = 124 ] && timeout=yes
        statuses="$statuses${statuses:+,}$st"
        if [ "$i" -gt 1 ]; then
            if [ "$st" != "$first_st" ] || ! cmp -s "$tmp/$p.1" "$tmp/$p.$i"; then
                same=NO
            fi
        else
            first_st=$st
        fi
        i=$((i + 1))
    done
    lines=$(wc -l <"$tmp/$p.1" | tr -d ' ')
    exp=-
    expst=-
    if [ -f "$here/expected/$p.out" ] && [ -f "$here/expected/$p.status" ]; then
        expst=$(cat "$here/expected/$p.status")
        if [ "$first_st" = "$expst" ] && cmp -s "$tmp/$p.1" "$here/expected/$p.out"; then
            exp=yes
        else
            exp=NO
        fi
    fi
    result=PASS
    if [ "$same" = NO ] || [ "$exp" = NO ] || [ "$timeout" = yes ] || [ "$lines" = 0 ]; then
        result=FAIL
        fails=$((fails + 1))
    fi
    printf '%-14s %-12s %6s %6s %-10s %-9s %s\n' "$p" "$statuses" "$expst" "$lines" "$same" "$exp" "$result"
    if [ "$result" = FAIL ]; then
        {
            i=2
            while [ "$i" -le "$runs" ]; do
                if ! cmp -s "$tmp/$p.1" "$tmp/$p.$i"; then
                    echo "---- $p: diff run 1 vs run $i (first 20 lines)"
                    diff "$tmp/$p.1" "$tmp/$p.$i" | head -20
                fi
                i=$((i + 1))
            done
            if [ -f "$here/expected/$p.out" ]; then
                echo "---- $p: diff expected vs run 1 (first 20 lines)"
                diff "$here/expected/$p.out" "$tmp/$p.1" | head -20
            fi
            echo "---- $p: stderr of run 1"
            head -10 "$tmp/$p.1.err"
        } >&2
    fi
done
echo "$(( $# - fails )) of $# bare-metal programs passed ($runs runs each)"
[ "$fails" -eq 0 ]
