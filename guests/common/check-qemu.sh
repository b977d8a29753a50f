#!/bin/sh
# check-qemu.sh BUILD_DIR PROGRAM...
#
# Runs every build/<program>.elf under qemu-system-arm (vexpress-a9, via
# run-qemu.sh) and under qemu-arm (user mode, semihosting), with the
# arguments in programs/<program>.args if that file exists. Passes when
# stdout and exit status are identical in both, and, when
# expected/<program>.out / .status exist, identical to those too.
# Prints a summary table; exit status 1 if anything failed.
set -u
build=$1
shift
here=$(cd "$(dirname "$0")/.." && pwd)
QEMU_USER=${QEMU_USER:-qemu-arm}
T=${QEMU_TIMEOUT:-120}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/guest-check.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM

fails=0
printf '%-10s %6s %6s %6s %7s %-9s %-9s %s\n' PROGRAM SYSTEM USER EXPECT LINES "SYS=USER" EXPECTED RESULT
for p in "$@"; do
    elf=$build/$p.elf
    args=$(cat "$here/programs/$p.args" 2>/dev/null || true)
    # shellcheck disable=SC2086  # args are whitespace-separated on purpose
    sh "$here/run-qemu.sh" "$elf" $args >"$tmp/$p.sys" 2>"$tmp/$p.sys.err"
    ss=$?
    # shellcheck disable=SC2086
    timeout -k 5 "$T" "$QEMU_USER" -0 "$p" "$elf" $args >"$tmp/$p.usr" 2>"$tmp/$p.usr.err" </dev/null
    us=$?
    lines=$(wc -l <"$tmp/$p.sys" | tr -d ' ')
    same=yes
    if [ "$ss" != "$us" ] || ! cmp -s "$tmp/$p.sys" "$tmp/$p.usr"; then
        same=NO
    fi
    exp=-
    expst=-
    if [ -f "$here/expected/$p.out" ] && [ -f "$here/expected/$p.status" ]; then
        expst=$(cat "$here/expected/$p.status")
        if [ "$ss" = "$expst" ] && cmp -s "$tmp/$p.sys" "$here/expected/$p.out"; then
            exp=yes
        else
            exp=NO
        fi
    fi
    result=PASS
    if [ "$same" = NO ] || [ "$exp" = NO ] || [ "$ss" = 124 ] || [ "$lines" = 0 ]; then
        result=FAIL
        fails=$((fails + 1))
    fi
    printf '%-10s %6s %6s %6s %7s %-9s %-9s %s\n' "$p" "$ss" "$us" "$expst" "$lines" "$same" "$exp" "$result"
    if [ "$result" = FAIL ]; then
        {
            echo "---- $p: diff qemu-system-arm vs qemu-arm stdout (first 20 lines)"
            diff "$tmp/$p.sys" "$tmp/$p.usr" | head -20
            if [ -f "$here/expected/$p.out" ]; then
                echo "---- $p: diff expected vs qemu-system-arm stdout (first 20 lines)"
                diff "$here/expected/$p.out" "$tmp/$p.sys" | head -20
            fi
            echo "---- $p: stderr"
            cat "$tmp/$p.sys.err" "$tmp/$p.usr.err" | head -10
        } >&2
    fi
done
echo "$(( $# - fails )) of $# programs passed"
[ "$fails" -eq 0 ]
