#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Build (or reuse) a mutant or variant of the test kernel: the cached
# build of a scenario with one patch applied, either a mutant of
# scripts/mutants/SERIES/ (by name; SERIES is KDIR's, e.g. 7.3) or any
# patch file (by path, e.g. the kernel variants in
# scripts/kernel-variants/SERIES/).
#
#   scripts/build-mutant.sh KDIR MUTANT|PATCH-FILE
#
# The build directory is a copy of KDIR, so only the patched objects and
# the link are redone. The patch is applied to the shared source tree for
# the duration of the build, and the files it touches are always put back. Prints the mutant's
# build directory on stdout.

set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/scripts/lib.sh"

kdir=$1
case $2 in
*.patch) patch=$2 ;;
*) patch="$top/scripts/mutants/$(kernel_series "$kdir")/$2.patch" ;;
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
files=$(sed -n 's|^+++ b/\([^[:space:]]*\).*|\1|p' "$patch")
[ -n "$files" ] || die "$patch names no file"
orig="$CACHE/patched.orig"
rm -rf "$orig"
for f in $files; do
	mkdir -p "$orig/$(dirname "$f")"
	cp -p "$ksrc/$f" "$orig/$f"
done
restore() {
	for f in $files; do
		cp -p "$orig/$f" "$ksrc/$f"
	done
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
