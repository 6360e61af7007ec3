#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Build (or reuse) a mutant of the test kernel: the cached build of a
# scenario with one patch applied to kernel/tracepoint.c, either a mutant
# of scripts/mutants/ (by name) or any patch file (by path, e.g. the
# benchmark's kernel variants in scripts/kernel-variants/).
#
#   scripts/build-mutant.sh KDIR MUTANT|PATCH-FILE
#
# The build directory is a copy of KDIR, so only tracepoint.o and the link
# are redone. The patch is applied to the shared source tree for the
# duration of the build and always taken out again. Prints the mutant's
# build directory on stdout.

set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/scripts/lib.sh"

kdir=$1
case $2 in
*.patch) patch=$2 ;;
*) patch="$top/scripts/mutants/$2.patch" ;;
esac
mutant=$(basename "$patch" .patch)
[ -f "$patch" ] || die "no such mutant: $patch"
[ -f "$kdir/.build-ok" ] || die "not a finished kernel build: $kdir"
ksrc=$(kernel_source "$kdir")

key=$(cat "$patch" "$kdir/.config" | sha256sum | cut -c1-8)
out="$kdir-$mutant-$key"
if [ -f "$out/.build-ok" ]; then
	echo "$out"
	exit 0
fi

info "building mutant $mutant in $out"
rm -rf "$out"
cp -a "$kdir" "$out"
rm -f "$out/.build-ok"
orig="$CACHE/tracepoint.c.orig"
cp -p "$ksrc/kernel/tracepoint.c" "$orig"
restore() {
	cp -p "$orig" "$ksrc/kernel/tracepoint.c"
}
trap restore EXIT INT TERM
patch -s -p1 -d "$ksrc" <"$patch" || die "patch $mutant does not apply"
log="$out/build.log"
t0=$(date +%s)
if ! make -s -C "$ksrc" O="$out" LLVM=-19 -j"$(nproc)" all >"$log" 2>&1; then
	tail -n 30 "$log" >&2
	die "mutant build failed, full log: $log"
fi
touch "$out/.build-ok"
sh "$top/scripts/timings.sh" record build "$mutant" "$t0"
echo "$out"
